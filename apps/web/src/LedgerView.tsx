import {
  computeLedger,
  type DocumentOutline,
  type LedgerWarning,
  type PartyDto,
} from '@akkoord/domain';
import type { Editor } from '@tiptap/react';
import type { TFunction } from 'i18next';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PartySwatchDot } from './PartySwatchDot';
import { scrollToClause } from './scrollToClause';

interface LedgerViewProps {
  editor: Editor;
  outline: DocumentOutline;
  parties: readonly PartyDto[];
}

function shortName(name: string): string {
  return name.length > 8 ? `${name.slice(0, 5)}.` : name;
}

function warningText(
  t: TFunction,
  warning: LedgerWarning,
  clauseNumber: (id: string | undefined) => string,
  partyName: (id: string | null) => string,
): string {
  const clause = clauseNumber(warning.clauseIds[0]);
  const party = partyName(warning.partyId);
  switch (warning.kind) {
    case 'incomplete-counterpart':
      return t(`clauses.warnings.incomplete-counterpart-${warning.reason}`, { clause });
    case 'lopsided':
      return t(`clauses.warnings.lopsided-${warning.direction}`, {
        party,
        gives: warning.gives,
        receives: warning.receives,
      });
    case 'party-without-commitments':
      return t('clauses.warnings.party-without-commitments', { party });
    default:
      return t(`clauses.warnings.${warning.kind}`, { clause });
  }
}

/**
 * The reciprocity ledger (tip 4), computed live from the document: what each party gives and
 * gets, who gives to whom, and what needs attention. Warnings are buttons that take the cursor
 * to the clause concerned.
 */
export function LedgerView({ editor, outline, parties }: LedgerViewProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const warningsId = useId();
  const ledger = useMemo(
    () =>
      computeLedger(
        outline.clauses,
        parties.map((p) => ({ id: p.id, name: p.name })),
      ),
    [outline, parties],
  );
  const numbers = new Map(outline.clauses.map((c) => [c.id, c.number]));
  const clauseNumber = (id: string | undefined) =>
    t('clauses.clauseLabel', { number: (id && numbers.get(id)) ?? t('clauses.noNumber') });
  const nameOf = (id: string | null) =>
    parties.find((p) => p.id === id)?.name ?? t('clauses.panel.unknownParty');

  return (
    <section className="side-panel__section" aria-labelledby={headingId}>
      <h3 id={headingId} className="side-panel__heading">
        {t('clauses.panel.ledgerHeading')}
      </h3>
      <p className="ledger__summary">
        {t('clauses.panel.ledgerSummary', { count: ledger.totals.counted })}
      </p>
      <table className="ledger-table" data-testid="ledger-parties">
        <caption>{t('clauses.panel.perPartyCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('clauses.panel.party')}</th>
            <th scope="col">{t('clauses.panel.gives')}</th>
            <th scope="col">{t('clauses.panel.receives')}</th>
            <th scope="col">{t('clauses.panel.balance')}</th>
          </tr>
        </thead>
        <tbody>
          {ledger.parties.map((row) => (
            <tr key={row.partyId} data-party={row.partyId}>
              <th scope="row">
                <PartySwatchDot color={parties.find((p) => p.id === row.partyId)?.color} />
                {nameOf(row.partyId)}
              </th>
              <td data-column="gives">{row.gives}</td>
              <td data-column="receives">{row.receives}</td>
              <td data-column="balance">{row.balance > 0 ? `+${row.balance}` : row.balance}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="ledger-table ledger-table--matrix" data-testid="ledger-matrix">
        <caption>{t('clauses.panel.matrixCaption')}</caption>
        <thead>
          <tr>
            <td />
            {parties.map((p) => (
              <th key={p.id} scope="col">
                {/* Full names do not fit side by side in the panel: colour dot and a short
                    form for the eye, the full name for screen readers. */}
                <PartySwatchDot color={p.color} />
                <span aria-hidden="true">{shortName(p.name)}</span>
                <span className="sr-only">{p.name}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {parties.map((giver) => (
            <tr key={giver.id}>
              <th scope="row">
                <PartySwatchDot color={giver.color} />
                <span aria-hidden="true">{shortName(giver.name)}</span>
                <span className="sr-only">{giver.name}</span>
              </th>
              {parties.map((receiver) => (
                <td key={receiver.id} data-receiver={receiver.id}>
                  {giver.id === receiver.id ? '–' : (ledger.matrix[giver.id]?.[receiver.id] ?? 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <h4 id={warningsId} className="side-panel__subheading">
        {t('clauses.panel.warningsHeading')}
      </h4>
      {ledger.warnings.length === 0 ? (
        <p className="ledger__none">{t('clauses.panel.noWarnings')}</p>
      ) : (
        <ul className="ledger__warnings" aria-labelledby={warningsId}>
          {ledger.warnings.map((warning) => {
            const text = warningText(t, warning, clauseNumber, nameOf);
            const target = warning.clauseIds[0];
            return (
              <li key={warning.key}>
                {target === undefined ? (
                  <span className="ledger__warning">{text}</span>
                ) : (
                  <button
                    type="button"
                    className="ledger__warning ledger__warning--link"
                    data-warning={warning.kind}
                    onClick={() => scrollToClause(editor, target)}
                  >
                    {text}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
