import { isIsoDate } from '@akkoord/domain';
import { getClauseNumbers } from '@akkoord/domain/tiptap';
import { NodeViewContent, NodeViewWrapper, type NodeViewProps } from '@tiptap/react';
import { useId, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useClauseEditor } from './ClauseEditorContext';
import { PartyOptions } from './PartyOptions';
import { partyColor, partyName } from './partyColor';

function stringAttr(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The number of the clause this counterpart belongs to, for the controls' names. */
function clauseNumberOf(props: NodeViewProps): string | null {
  const pos = props.getPos();
  if (pos === undefined) return null;
  const clause = props.editor.state.doc.resolve(pos).parent;
  const id = stringAttr(clause.attrs.id);
  return id === null ? null : (getClauseNumbers(props.editor.state).get(id) ?? null);
}

/** What another party does in return: its party (picker, colour), due date and text. */
export function CounterpartView(props: NodeViewProps) {
  const { node, updateAttributes, deleteNode } = props;
  const { t } = useTranslation();
  const { parties, readOnly } = useClauseEditor();
  const ids = { party: useId(), due: useId() };
  const party = stringAttr(node.attrs.party);
  const due = stringAttr(node.attrs.due);
  const number = clauseNumberOf(props) ?? t('clauses.noNumber');
  const style = { '--party-color': partyColor(parties, party) } as CSSProperties;
  return (
    <NodeViewWrapper className="counterpart" data-party={party ?? undefined} style={style}>
      <div className="counterpart__header" contentEditable={false}>
        <span className="clause__field">
          <label className="clause__label" htmlFor={ids.party}>
            {t('clauses.counterpartParty')}
          </label>
          <select
            id={ids.party}
            className="clause__select"
            aria-label={t('clauses.counterpartPartyFor', { number })}
            value={party ?? ''}
            disabled={readOnly}
            onChange={(event) => updateAttributes({ party: event.target.value || null })}
          >
            <option value="">{t('clauses.noParty')}</option>
            <PartyOptions parties={parties} current={party} />
          </select>
        </span>
        <span className="clause__field">
          <label className="clause__label" htmlFor={ids.due}>
            {t('clauses.counterpartDue')}
          </label>
          <input
            id={ids.due}
            type="date"
            className="clause__date"
            aria-label={t('clauses.counterpartDueFor', { number })}
            value={due ?? ''}
            disabled={readOnly}
            onChange={(event) => {
              const value = event.target.value;
              updateAttributes({ due: isIsoDate(value) ? value : null });
            }}
          />
        </span>
        {!readOnly && (
          <button
            type="button"
            className="clause__button clause__button--quiet"
            onClick={deleteNode}
          >
            {t('clauses.removeCounterpartFor', {
              party: partyName(parties, party) ?? t('clauses.noParty'),
            })}
          </button>
        )}
      </div>
      <NodeViewContent className="counterpart__text" />
    </NodeViewWrapper>
  );
}
