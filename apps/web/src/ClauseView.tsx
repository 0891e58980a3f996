import { isClauseStatus, STATUS_TRANSITIONS, type ClauseStatus } from '@akkoord/domain';
import { clauseNumberFromDecorations } from '@akkoord/domain/tiptap';
import { NodeViewContent, NodeViewWrapper, type NodeViewProps } from '@tiptap/react';
import { useId, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useClauseEditor } from './ClauseEditorContext';
import { PartyOptions } from './PartyOptions';
import { partyColor } from './partyColor';

function stringAttr(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Parties that already have a counterpart on this clause, so "add" suggests someone else. */
function counterpartParties(node: NodeViewProps['node']): Set<string> {
  const parties = new Set<string>();
  node.forEach((child) => {
    const party = stringAttr(child.attrs.party);
    if (party !== null) parties.add(party);
  });
  return parties;
}

/**
 * One clause as a card: derived number, owner (colour and picker), status badge and the allowed
 * next statuses, the text and counterparts (the content hole), and "add counterpart". Controls
 * sit in contentEditable={false} parts; Tiptap's node view stops their events from reaching
 * ProseMirror, so selects and buttons work by keyboard and mouse as usual.
 */
export function ClauseView({ node, decorations, editor, updateAttributes }: NodeViewProps) {
  const { t } = useTranslation();
  const { parties, readOnly } = useClauseEditor();
  const ids = { number: useId(), owner: useId(), status: useId() };
  const clauseId = stringAttr(node.attrs.id);
  const owner = stringAttr(node.attrs.owner);
  const status: ClauseStatus = isClauseStatus(node.attrs.status) ? node.attrs.status : 'draft';
  const number = clauseNumberFromDecorations(decorations) ?? t('clauses.noNumber');
  const style = { '--party-color': partyColor(parties, owner) } as CSSProperties;

  const taken = counterpartParties(node);
  const candidates = parties.filter((p) => p.id !== owner);
  const [chosen, setChosen] = useState('');
  const suggested = candidates.find((p) => !taken.has(p.id))?.id ?? candidates[0]?.id ?? '';
  const newParty = candidates.some((p) => p.id === chosen) ? chosen : suggested;

  const statusLabel = t(`clauses.statuses.${status}`);
  return (
    <NodeViewWrapper
      className="clause"
      data-status={status}
      data-owner={owner ?? undefined}
      style={style}
      role="group"
      aria-labelledby={ids.number}
    >
      <div className="clause__header" contentEditable={false}>
        <span className="clause__number" id={ids.number}>
          {t('clauses.clauseLabel', { number })}
        </span>
        <span className="clause__badge" data-status={status}>
          {t('clauses.statusBadge', { status: statusLabel })}
        </span>
        <span className="clause__field">
          <label className="clause__label" id={ids.owner} htmlFor={`${ids.owner}-select`}>
            {t('clauses.owner')}
          </label>
          <select
            id={`${ids.owner}-select`}
            className="clause__select"
            // The visible label plus the number: "Wie belooft dit Afspraak B-03".
            aria-labelledby={`${ids.owner} ${ids.number}`}
            data-clause-control="owner"
            value={owner ?? ''}
            disabled={readOnly}
            onChange={(event) => updateAttributes({ owner: event.target.value || null })}
          >
            <option value="">{t('clauses.noOwner')}</option>
            <PartyOptions parties={parties} current={owner} />
          </select>
        </span>
        <span className="clause__field">
          <label className="clause__label" id={ids.status} htmlFor={`${ids.status}-select`}>
            {t('clauses.status')}
          </label>
          <select
            id={`${ids.status}-select`}
            className="clause__select"
            aria-labelledby={`${ids.status} ${ids.number}`}
            value={status}
            disabled={readOnly || clauseId === null}
            onChange={(event) => {
              const next = event.target.value;
              if (clauseId !== null && isClauseStatus(next)) {
                editor.commands.setClauseStatus(clauseId, next);
              }
            }}
          >
            {/* Only the moves the shared rules allow; the command would refuse others. */}
            {[status, ...STATUS_TRANSITIONS[status]].map((s) => (
              <option key={s} value={s}>
                {t(`clauses.statuses.${s}`)}
              </option>
            ))}
          </select>
        </span>
      </div>
      <NodeViewContent className="clause__content" />
      {!readOnly && clauseId !== null && candidates.length > 0 && (
        <div className="clause__footer" contentEditable={false}>
          <select
            className="clause__select"
            aria-label={t('clauses.addCounterpartParty', { number })}
            value={newParty}
            onChange={(event) => setChosen(event.target.value)}
          >
            <PartyOptions parties={candidates} current={newParty} />
          </select>
          <button
            type="button"
            className="clause__button"
            onClick={() => {
              editor
                .chain()
                .focus()
                .addCounterpart(clauseId, { party: newParty || null })
                .run();
            }}
          >
            {t('clauses.addCounterpart')}
          </button>
        </div>
      )}
    </NodeViewWrapper>
  );
}
