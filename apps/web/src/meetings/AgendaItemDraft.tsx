import { themesOf, type DocumentDto } from '@akkoord/domain';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n/setupI18n';
import { SelectField, TextField } from '../TextField';
import { AgendaClauseSelect } from './AgendaClauseSelect';
import type { ItemDraft } from './agendaDraft';

interface AgendaItemDraftProps {
  workspaceId: string;
  /** The documents an item may be about (never a party's notes). */
  documents: readonly DocumentDto[];
  item: ItemDraft;
  index: number;
  count: number;
  /** The problem text of a field of this item (`title`, `timeboxMinutes`, …), if any. */
  error: (field: string) => string | undefined;
  onChange: (patch: Partial<ItemDraft>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  /** The row, so the form can put focus back on its controls after a move or a removal. */
  rowRef: Ref<HTMLLIElement>;
}

/**
 * One agenda item of the plan form: title, timebox, optional document, theme and clause, and
 * buttons to move it up or down and to remove it. The move buttons stay in place at the ends
 * (aria-disabled, not removed), so keyboard focus never falls off the page.
 */
export function AgendaItemDraft({
  workspaceId,
  documents,
  item,
  index,
  count,
  error,
  onChange,
  onMove,
  onRemove,
  rowRef,
}: AgendaItemDraftProps) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const doc = documents.find((d) => d.id === item.documentId);
  const themes = doc === undefined || doc.kind === 'party-notes' ? [] : themesOf(doc.kind);
  const n = index + 1;
  const first = index === 0;
  const last = index === count - 1;

  return (
    <li ref={rowRef} className="agenda-draft__item" data-testid="agenda-item-draft">
      <TextField
        label={t('meetings.plan.itemTitle', { n })}
        value={item.title}
        onChange={(e) => onChange({ title: e.target.value })}
        error={error('title')}
        maxLength={200}
        data-control="title"
      />
      <TextField
        label={t('meetings.plan.itemMinutes', { n })}
        type="number"
        inputMode="numeric"
        min={1}
        max={480}
        value={item.minutes}
        onChange={(e) => onChange({ minutes: e.target.value })}
        error={error('timeboxMinutes')}
        fieldClassName="field--short"
      />
      <SelectField
        label={t('meetings.plan.itemDocument', { n })}
        value={item.documentId}
        onChange={(e) => onChange({ documentId: e.target.value, theme: '', clauseId: '' })}
        error={error('documentId')}
      >
        <option value="">{t('meetings.plan.noDocument')}</option>
        {documents.map((d) => (
          <option key={d.id} value={d.id}>
            {d.title}
          </option>
        ))}
      </SelectField>
      {themes.length > 0 && (
        <SelectField
          label={t('meetings.plan.itemTheme', { n })}
          value={item.theme}
          onChange={(e) => onChange({ theme: e.target.value, clauseId: '' })}
          error={error('theme')}
        >
          <option value="">{t('meetings.plan.noTheme')}</option>
          {themes.map((theme) => (
            <option key={theme.id} value={theme.id}>
              {theme.label[lang]}
            </option>
          ))}
        </SelectField>
      )}
      {item.documentId !== '' && (
        <AgendaClauseSelect
          workspaceId={workspaceId}
          documentId={item.documentId}
          theme={item.theme}
          value={item.clauseId}
          label={t('meetings.plan.itemClause', { n })}
          error={error('clauseId')}
          onChange={(clauseId) => onChange({ clauseId })}
        />
      )}
      {count > 1 && (
        <div className="button-row agenda-draft__actions">
          <button
            type="button"
            className="button button--secondary button--small"
            aria-label={t('meetings.plan.moveUp', { n })}
            aria-disabled={first}
            data-control="up"
            onClick={() => {
              if (!first) onMove(-1);
            }}
          >
            <span aria-hidden="true">↑</span>
            {t('meetings.plan.up')}
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            aria-label={t('meetings.plan.moveDown', { n })}
            aria-disabled={last}
            data-control="down"
            onClick={() => {
              if (!last) onMove(1);
            }}
          >
            <span aria-hidden="true">↓</span>
            {t('meetings.plan.down')}
          </button>
          <button
            type="button"
            className="button button--danger-quiet button--small"
            onClick={onRemove}
          >
            {t('meetings.plan.removeItem', { n })}
          </button>
        </div>
      )}
    </li>
  );
}
