import {
  isClauseStatus,
  STATUS_TRANSITIONS,
  type ClauseStatus,
  type PartyTurn,
} from '@akkoord/domain';
import {
  clauseHeld,
  clauseLock,
  clauseNumberFromDecorations,
  clauseRound,
} from '@akkoord/domain/tiptap';
import i18n from 'i18next';
import { CardNodeView, stringAttr, type CardViewProps } from './CardNodeView';
import { element, fillOptions, fillPartyOptions, setAttribute, setText, uniqueId } from './cardDom';
import { partyColor } from './partyColor';

function header(card: HTMLElement): Element | null {
  return card.firstElementChild;
}

/**
 * One clause as a card: derived number, status badge, owner picker (and colour), status picker
 * with only the moves the shared rules allow, the text and counterparts (contentDOM), and "add
 * counterpart" with a party picker.
 */
export class ClauseNodeView extends CardNodeView {
  private readonly card = element('div', 'clause', { role: 'group' });
  private readonly number = element('span', 'clause__number');
  private readonly badge = element('span', 'clause__badge');
  private readonly ownerLabel = element('label', 'clause__label');
  private readonly owner = element('select', 'clause__select', { 'data-clause-control': 'owner' });
  private readonly statusLabel = element('label', 'clause__label');
  private readonly status = element('select', 'clause__select');
  private readonly footer = element('div', 'clause__footer', { contenteditable: 'false' });
  private readonly newParty = element('select', 'clause__select');
  private readonly addButton = element('button', 'clause__button', { type: 'button' });
  /** Open comment threads on this clause; only in the DOM when there are any. */
  private readonly threads = element('button', 'clause__threads', { type: 'button' });
  /** "Vastgesteld" with a padlock on a locked clause (issue #6); only in the DOM while locked. */
  private readonly lock = element('span', 'clause__lock', { 'data-clause-control': 'lock' });
  /** "Aan zet: Gemeente, Huurders"; only in the DOM while someone is to move. */
  private readonly turns = element('span', 'clause__turns');
  /** What `turns` shows now, so a redraw with the same turns leaves its DOM alone. */
  private turnsKey = '';
  /** The party picked for the next counterpart; '' until someone picks. */
  private chosen = '';

  constructor(props: CardViewProps) {
    super(props, element('div', 'clause-node'), element('div', 'clause__content'));
    const ids = {
      number: uniqueId('clause'),
      owner: uniqueId('owner'),
      status: uniqueId('status'),
    };
    this.number.id = ids.number;
    this.card.setAttribute('aria-labelledby', ids.number);
    this.ownerLabel.id = ids.owner;
    this.ownerLabel.htmlFor = `${ids.owner}-select`;
    this.owner.id = `${ids.owner}-select`;
    // The visible label plus the number: "Wie belooft dit Afspraak B-03".
    this.owner.setAttribute('aria-labelledby', `${ids.owner} ${ids.number}`);
    this.statusLabel.id = ids.status;
    this.statusLabel.htmlFor = `${ids.status}-select`;
    this.status.id = `${ids.status}-select`;
    this.status.setAttribute('aria-labelledby', `${ids.status} ${ids.number}`);

    const header = element('div', 'clause__header', { contenteditable: 'false' });
    const field = (label: HTMLElement, control: HTMLElement) => {
      const span = element('span', 'clause__field');
      span.append(label, control);
      return span;
    };
    header.append(
      this.number,
      this.badge,
      field(this.ownerLabel, this.owner),
      field(this.statusLabel, this.status),
    );
    this.footer.append(this.newParty, this.addButton);
    this.card.append(header, this.contentDOM);
    this.dom.append(this.card);

    this.owner.addEventListener('change', () => {
      this.updateAttributes({ owner: this.owner.value || null });
    });
    this.status.addEventListener('change', () => {
      const id = this.clauseId();
      const next = this.status.value;
      if (id !== null && isClauseStatus(next)) this.editor.commands.setClauseStatus(id, next);
    });
    this.newParty.addEventListener('change', () => {
      this.chosen = this.newParty.value;
    });
    // Locked text is contenteditable=false, so a click there places no caret by itself. The
    // caret is what the side panel follows (consent, reopening), so put it at the text's start.
    this.contentDOM.addEventListener('click', () => {
      const pos = this.position();
      if (pos === null || !clauseHeld(this.node)) return;
      this.editor.commands.setTextSelection(pos + 3);
    });
    this.threads.addEventListener('click', () => {
      const id = this.clauseId();
      if (id !== null) this.settings.value.showThreads?.(id);
    });
    this.addButton.addEventListener('click', () => {
      const id = this.clauseId();
      if (id === null) return;
      const party = this.newParty.value || null;
      this.editor.chain().focus().addCounterpart(id, { party }).run();
    });
    this.render();
  }

  private clauseId(): string | null {
    return stringAttr(this.node.attrs.id);
  }

  protected render(): void {
    const { parties, readOnly } = this.settings.value;
    const t = i18n.t.bind(i18n);
    const id = this.clauseId();
    const owner = stringAttr(this.node.attrs.owner);
    const status: ClauseStatus = isClauseStatus(this.node.attrs.status)
      ? this.node.attrs.status
      : 'draft';
    const number = clauseNumberFromDecorations(this.decorations) ?? t('clauses.noNumber');

    const hold =
      clauseLock(this.node) !== null ? 'locked' : clauseRound(this.node) ? 'round' : null;
    const locked = hold !== null;
    // Agreed text, or text in a consent round (LOCK-2, CONS-5), is not for typing into; the
    // lock plugin refuses what gets through.
    setAttribute(this.contentDOM, 'contenteditable', locked ? 'false' : null);
    setAttribute(this.card, 'data-locked', hold === 'locked' ? 'true' : null);
    setAttribute(this.card, 'data-in-round', hold === 'round' ? 'true' : null);
    setAttribute(this.card, 'data-status', status);
    setAttribute(this.card, 'data-owner', owner);
    this.card.style.setProperty('--party-color', partyColor(parties, owner));
    setText(this.number, t('clauses.clauseLabel', { number }));
    setAttribute(this.badge, 'data-status', status);
    setText(this.badge, t('clauses.statusBadge', { status: t(`clauses.statuses.${status}`) }));

    setText(this.ownerLabel, t('clauses.owner'));
    fillPartyOptions(this.owner, parties, owner, t('clauses.noOwner'));
    this.owner.disabled = readOnly || locked;

    setText(this.statusLabel, t('clauses.status'));
    const moves = [status, ...STATUS_TRANSITIONS[status]];
    fillOptions(
      this.status,
      moves.map((s) => [s, t(`clauses.statuses.${s}`)] as const),
      status,
    );
    // A locked clause offers no moves: only the facilitator's reopening changes it.
    this.status.disabled = readOnly || id === null || locked;

    this.renderLock(header(this.card), hold);
    this.renderThreads(header(this.card), id, number);
    this.renderTurns(
      header(this.card),
      id === null ? [] : (this.settings.value.turns?.get(id) ?? []),
    );
    this.renderFooter(readOnly || locked, id, owner, number);
  }

  /**
   * The lock badge ("Vastgesteld") or the round badge ("In instemmingsronde"), right after the
   * status badge; its hidden words say what the icon means.
   */
  private renderLock(header: Element | null, hold: 'locked' | 'round' | null) {
    if (hold === null || header === null) {
      this.lock.remove();
      return;
    }
    const t = i18n.t.bind(i18n);
    if (this.lock.parentElement !== header) this.badge.after(this.lock);
    const key = hold === 'locked' ? 'consent.lock' : 'consent.held';
    setAttribute(this.lock, 'data-hold', hold);
    const text = t(`${key}.badge`);
    const hidden = t(`${key}.hidden`);
    if (this.lock.firstChild?.textContent !== text || this.lock.lastChild?.textContent !== hidden) {
      // Drawn in CSS: an emoji needs a colour-emoji font, which many installs lack (a box).
      const icon = element('span', 'lock-icon', { 'aria-hidden': 'true' });
      const more = element('span', 'sr-only');
      more.textContent = hidden;
      this.lock.replaceChildren(document.createTextNode(text), icon, more);
    }
    setAttribute(this.lock, 'title', t(`${key}.help`));
  }

  /** "Aan zet: Gemeente, Huurders": the parties to move, each in its colour, why in words. */
  private renderTurns(header: Element | null, turns: readonly PartyTurn[]) {
    if (turns.length === 0 || header === null) {
      this.turns.remove();
      this.turnsKey = '';
      return;
    }
    const t = i18n.t.bind(i18n);
    const { parties } = this.settings.value;
    const names = turns.map((turn) => ({
      turn,
      name: parties.find((p) => p.id === turn.partyId)?.name ?? t('clauses.panel.unknownParty'),
    }));
    const key = JSON.stringify([i18n.language, names, parties.map((p) => p.color)]);
    if (this.turns.parentElement !== header) header.append(this.turns);
    if (key === this.turnsKey) return;
    this.turnsKey = key;
    const [before = '', after = ''] = t('consent.turns.label', { parties: '\u0000' }).split(
      '\u0000',
    );
    const chips = names.flatMap(({ turn, name }, i) => {
      const chip = element('span', 'clause__turn', { 'data-party': turn.partyId });
      chip.style.setProperty('--party-color', partyColor(parties, turn.partyId));
      const why = element('span', 'sr-only');
      why.textContent = ` (${turn.reasons.map((r) => t(`consent.turns.reasons.${r}`)).join(', ')})`;
      chip.append(document.createTextNode(name), why);
      chip.title = turn.reasons.map((r) => t(`consent.turns.reasons.${r}`)).join(', ');
      return i === 0 ? [chip] : [document.createTextNode(', '), chip];
    });
    this.turns.replaceChildren(
      document.createTextNode(before),
      ...chips,
      document.createTextNode(after),
    );
    setAttribute(this.turns, 'data-turns', turns.map((turn) => turn.partyId).join(' '));
  }

  /** "2 reacties": opens the threads panel on this clause. Absent without open threads. */
  private renderThreads(header: Element | null, id: string | null, number: string) {
    const count = id === null ? 0 : (this.settings.value.threadCounts?.get(id) ?? 0);
    if (count === 0 || header === null) {
      this.threads.remove();
      return;
    }
    const t = i18n.t.bind(i18n);
    if (this.threads.parentElement !== header) header.append(this.threads);
    setText(this.threads, t('threads.badge', { count }));
    setAttribute(this.threads, 'aria-label', t('threads.badgeLabel', { count, number }));
    setAttribute(this.threads, 'data-count', String(count));
  }

  /** "Add counterpart": suggests a party that has none on this clause yet. */
  private renderFooter(readOnly: boolean, id: string | null, owner: string | null, number: string) {
    const t = i18n.t.bind(i18n);
    const candidates = this.settings.value.parties.filter((p) => p.id !== owner);
    const visible = !readOnly && id !== null && candidates.length > 0;
    // Out of the DOM rather than hidden: observers must find no such controls at all.
    if (!visible) {
      this.footer.remove();
      return;
    }
    if (!this.footer.isConnected) this.card.append(this.footer);
    const taken = new Set<string>();
    this.node.forEach((child) => {
      const party = stringAttr(child.attrs.party);
      if (party !== null) taken.add(party);
    });
    const suggested = candidates.find((p) => !taken.has(p.id))?.id ?? candidates[0]?.id ?? '';
    const value = candidates.some((p) => p.id === this.chosen) ? this.chosen : suggested;
    fillPartyOptions(this.newParty, candidates, value, null);
    setAttribute(this.newParty, 'aria-label', t('clauses.addCounterpartParty', { number }));
    setText(this.addButton, t('clauses.addCounterpart'));
  }
}
