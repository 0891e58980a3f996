import { PARTY_COLORS, PartyKind } from '@akkoord/domain';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText, type FieldErrors } from './fieldErrors';
import { PartySwatch } from './PartySwatch';
import { SelectField, TextField } from './TextField';

export interface PartyRow {
  /** Stable across edits and removals, so React keeps each row's inputs (and focus). */
  key: number;
  name: string;
  kind: PartyKind;
}

export const minParties = 2;
export const maxParties = 12;

interface PartyRowsProps {
  rows: PartyRow[];
  onChange: (rows: PartyRow[]) => void;
  /** Errors keyed as the server names them: `parties`, `parties.0.name`… */
  errors: FieldErrors;
  newKey: () => number;
}

/** The parties of a new negotiation: editable names, a kind each, add and remove rows. */
export function PartyRows({ rows, onChange, errors, newKey }: PartyRowsProps) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLOListElement>(null);
  // The row to focus once it is rendered (after adding or removing a row).
  const focusKey = useRef<number | null>(null);
  const hintId = useId();

  useEffect(() => {
    if (focusKey.current === null) return;
    listRef.current?.querySelector<HTMLElement>(`[data-row-key="${focusKey.current}"]`)?.focus();
    focusKey.current = null;
  }, [rows]);

  const update = (key: number, change: Partial<PartyRow>): void =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));

  const add = (): void => {
    const row: PartyRow = { key: newKey(), name: '', kind: 'other' };
    onChange([...rows, row]);
    focusKey.current = row.key;
  };

  const remove = (index: number): void => {
    const remaining = rows.filter((_, i) => i !== index);
    onChange(remaining);
    // Focus stays in the list: on the row that moved up into this place, or the one before.
    const next = remaining[Math.min(index, remaining.length - 1)];
    if (next !== undefined) focusKey.current = next.key;
  };

  const countError = problemText(t, errors['parties']);
  return (
    <fieldset className="fieldset" aria-describedby={hintId}>
      <legend className="fieldset__legend">{t('newWorkspace.parties')}</legend>
      <p id={hintId} className="field__hint">
        {t('newWorkspace.partiesHint', { min: minParties, max: maxParties })}
      </p>
      {countError !== undefined && (
        <p className="field__error" role="alert">
          {countError}
        </p>
      )}
      <ol ref={listRef} className="party-rows">
        {rows.map((row, index) => {
          const number = index + 1;
          return (
            <li key={row.key} className="party-row">
              <fieldset className="party-row__group">
                <legend className="party-row__legend">
                  <PartySwatch color={PARTY_COLORS[index % PARTY_COLORS.length] ?? '#475569'} />
                  {t('newWorkspace.partyNumber', { number })}
                </legend>
                <TextField
                  fieldClassName="party-row__name"
                  label={t('newWorkspace.partyName')}
                  value={row.name}
                  maxLength={100}
                  onChange={(event) => update(row.key, { name: event.target.value })}
                  error={problemText(t, errors[`parties.${index}.name`])}
                  data-row-key={row.key}
                  required
                />
                <SelectField
                  fieldClassName="party-row__kind"
                  label={t('newWorkspace.partyKind')}
                  value={row.kind}
                  onChange={(event) => {
                    const kind = PartyKind.safeParse(event.target.value);
                    if (kind.success) update(row.key, { kind: kind.data });
                  }}
                  error={problemText(t, errors[`parties.${index}.kind`])}
                >
                  {PartyKind.options.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`partyKind.${kind}`)}
                    </option>
                  ))}
                </SelectField>
                {rows.length > minParties && (
                  <button
                    type="button"
                    className="button button--secondary party-row__remove"
                    // The visible word plus which row: "Verwijderen: Gemeente".
                    aria-label={`${t('newWorkspace.removeParty')}: ${
                      row.name.trim() === '' ? t('newWorkspace.partyNumber', { number }) : row.name
                    }`}
                    onClick={() => remove(index)}
                  >
                    {t('newWorkspace.removeParty')}
                  </button>
                )}
              </fieldset>
            </li>
          );
        })}
      </ol>
      {rows.length < maxParties && (
        <button type="button" className="button button--secondary" onClick={add}>
          {t('newWorkspace.addParty')}
        </button>
      )}
    </fieldset>
  );
}
