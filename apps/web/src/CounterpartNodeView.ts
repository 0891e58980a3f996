import { isIsoDate, type PartyDto } from '@akkoord/domain';
import { parentClauseNumberFromDecorations } from '@akkoord/domain/tiptap';
import i18n from 'i18next';
import { CardNodeView, stringAttr, type CardViewProps } from './CardNodeView';
import { element, fillPartyOptions, setAttribute, setText, uniqueId } from './cardDom';
import { partyColor, partyName } from './partyColor';

/** What another party does in return: its party (picker, colour), due date, text, remove. */
export class CounterpartNodeView extends CardNodeView {
  private readonly card = element('div', 'counterpart');
  private readonly partyLabel = element('label', 'clause__label');
  private readonly party = element('select', 'clause__select');
  private readonly dueLabel = element('label', 'clause__label');
  private readonly due = element('input', 'clause__date', { type: 'date' });
  private readonly remove = element('button', 'clause__button clause__button--quiet', {
    type: 'button',
  });
  private readonly header = element('div', 'counterpart__header', { contenteditable: 'false' });

  constructor(props: CardViewProps) {
    super(props, element('div', 'counterpart-node'), element('div', 'counterpart__text'));
    const ids = { party: uniqueId('counterpart-party'), due: uniqueId('counterpart-due') };
    this.party.id = ids.party;
    this.partyLabel.htmlFor = ids.party;
    this.due.id = ids.due;
    this.dueLabel.htmlFor = ids.due;
    const field = (label: HTMLElement, control: HTMLElement) => {
      const span = element('span', 'clause__field');
      span.append(label, control);
      return span;
    };
    this.header.append(field(this.partyLabel, this.party), field(this.dueLabel, this.due));
    this.card.append(this.header, this.contentDOM);
    this.dom.append(this.card);

    // Render again after each change: when the editor refuses it (a locked clause), the
    // control must show the value the document kept, not the one just picked.
    this.party.addEventListener('change', () => {
      this.updateAttributes({ party: this.party.value || null });
      this.render();
    });
    this.due.addEventListener('change', () => {
      const value = this.due.value;
      this.updateAttributes({ due: isIsoDate(value) ? value : null });
      this.render();
    });
    this.remove.addEventListener('click', () => this.deleteNode());
    this.render();
  }

  protected render(): void {
    const { parties, lockedClauses } = this.settings.value;
    const readOnly = this.settings.value.readOnly || this.inLockedClause(lockedClauses);
    const t = i18n.t.bind(i18n);
    const party = stringAttr(this.node.attrs.party);
    const due = stringAttr(this.node.attrs.due);
    const number = parentClauseNumberFromDecorations(this.decorations) ?? t('clauses.noNumber');

    setAttribute(this.card, 'data-party', party);
    this.card.style.setProperty('--party-color', partyColor(parties, party));
    setText(this.partyLabel, t('clauses.counterpartParty'));
    setAttribute(this.party, 'aria-label', t('clauses.counterpartPartyFor', { number }));
    fillPartyOptions(this.party, parties, party, t('clauses.noParty'));
    this.party.disabled = readOnly;

    setText(this.dueLabel, t('clauses.counterpartDue'));
    setAttribute(this.due, 'aria-label', t('clauses.counterpartDueFor', { number }));
    // Not while someone is typing a date: a half-typed date is not yet a value to overwrite.
    if (document.activeElement !== this.due && this.due.value !== (due ?? '')) {
      this.due.value = due ?? '';
    }
    this.due.disabled = readOnly;
    this.renderRemove(readOnly, parties, party);
  }

  /** Whether the clause this counterpart belongs to is locked. */
  private inLockedClause(locked: ReadonlySet<string> | undefined): boolean {
    const pos = this.position();
    if (!locked || locked.size === 0 || pos === null) return false;
    const clause = this.editor.state.doc.resolve(pos).parent;
    return locked.has(stringAttr(clause.attrs.id) ?? '');
  }

  private renderRemove(readOnly: boolean, parties: readonly PartyDto[], party: string | null) {
    if (readOnly) {
      this.remove.remove();
      return;
    }
    const t = i18n.t.bind(i18n);
    setText(
      this.remove,
      t('clauses.removeCounterpartFor', {
        party: partyName(parties, party) ?? t('clauses.noParty'),
      }),
    );
    if (!this.remove.isConnected) this.header.append(this.remove);
  }
}
