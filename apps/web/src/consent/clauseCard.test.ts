import type { PartyDto } from '@akkoord/domain';
import type { Editor } from '@tiptap/core';
import i18n from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { agreementWith, mountClauseEditor } from '../clauseEditorTesting';
import { ClauseViewSettings } from '../clauseViewSettings';
import '../testing';
import { caretClause } from './useDocumentConsent';

const parties: PartyDto[] = [
  { id: 'corp', name: 'Woonstad', kind: 'corporation', color: '#1d4ed8' },
  { id: 'gem', name: 'Gemeente', kind: 'municipality', color: '#b45309' },
  { id: 'hurd', name: 'Huurders', kind: 'tenants', color: '#15803d' },
];

let editor: Editor | null = null;

afterEach(async () => {
  editor?.destroy();
  editor = null;
  document.body.replaceChildren();
  await i18n.changeLanguage('nl');
});

/** An agreement with c1 (locked, or held for a round, when given) and c2. */
function mount(settings: ClauseViewSettings, locked: string | null, round: string | null = null) {
  const doc = agreementWith(
    parties,
    {
      id: 'c1',
      owner: 'corp',
      status: 'agreed',
      text: 'De corporatie bouwt.',
      counterparts: [{ party: 'gem', commitment: 'Grond.' }],
    },
    { id: 'c2', owner: 'gem', text: 'De gemeente versnelt.' },
  );
  // The server sets `locked` through Yjs; as content it is the same node attribute.
  const section = doc.content?.find((n) => n.type === 'themeSection');
  const c1 = section?.content?.find((n) => n.type === 'clause' && n.attrs?.id === 'c1');
  if (c1?.attrs) {
    c1.attrs.locked = locked;
    c1.attrs.round = round;
  }
  const mounted = mountClauseEditor(settings, doc);
  editor = mounted.editor;
  return mounted.element;
}

/** The cards in document order: c1, then c2. */
const cardOf = (root: HTMLElement, id: 'c1' | 'c2') =>
  [...root.querySelectorAll<HTMLElement>('.clause')][id === 'c1' ? 0 : 1]!;

describe('clause card: lock badge', () => {
  it('a locked clause shows "Vastgesteld" with a padlock and hidden words, and its text is not editable', () => {
    const root = mount(new ClauseViewSettings({ parties, readOnly: false }), 'd1');
    const card = cardOf(root, 'c1');
    const badge = card.querySelector<HTMLElement>('[data-clause-control="lock"]')!;
    expect(badge.textContent).toBe('Vastgesteld, vergrendeld: alle partijen hebben ingestemd');
    expect(badge.querySelector('[aria-hidden="true"]')?.className).toBe('lock-icon');
    expect(card.getAttribute('data-locked')).toBe('true');
    expect(card.querySelector('.clause__content')?.getAttribute('contenteditable')).toBe('false');
  });

  it('a locked clause offers no status moves, no owner change and no "add counterpart"', () => {
    const root = mount(new ClauseViewSettings({ parties, readOnly: false }), 'd1');
    const card = cardOf(root, 'c1');
    const selects = card.querySelectorAll<HTMLSelectElement>('.clause__header select');
    expect(selects.length).toBe(2);
    for (const s of selects) expect(s.disabled).toBe(true);
    expect(card.querySelector('.clause__footer')).toBeNull();
    // The other clause is untouched.
    const other = cardOf(root, 'c2');
    expect(other.querySelector('[data-clause-control="lock"]')).toBeNull();
    expect(other.querySelector<HTMLSelectElement>('.clause__header select')!.disabled).toBe(false);
    expect(other.querySelector('.clause__content')?.hasAttribute('contenteditable')).toBe(false);
  });

  it('no badge on an unlocked clause; the lock follows the document (reopened by the server)', () => {
    const root = mount(new ClauseViewSettings({ parties, readOnly: false }), 'd1');
    expect(root.querySelectorAll('[data-clause-control="lock"]').length).toBe(1);
    // The server's reopening arrives as a remote y-sync change; here, the same attribute change
    // marked as remote so the lock plugin lets it through.
    editor!.commands.command(({ tr }) => {
      let pos = -1;
      tr.doc.descendants((node, at) => {
        if (node.type.name === 'clause' && node.attrs.id === 'c1') pos = at;
      });
      tr.setNodeAttribute(pos, 'locked', null).setMeta('y-sync$', { isChangeOrigin: true });
      return true;
    });
    expect(root.querySelectorAll('[data-clause-control="lock"]').length).toBe(0);
    expect(
      cardOf(root, 'c1').querySelector('.clause__content')?.hasAttribute('contenteditable'),
    ).toBe(false);
  });
});

describe('clause card: held for an open consent round (CONS-5)', () => {
  it('shows "In instemmingsronde", is not editable, offers no moves, and is not marked agreed', () => {
    const root = mount(new ClauseViewSettings({ parties, readOnly: false }), null, 'cr1');
    const card = cardOf(root, 'c1');
    const badge = card.querySelector<HTMLElement>('[data-clause-control="lock"]')!;
    expect(badge.textContent).toBe(
      'In instemmingsronde, vastgehouden: alle partijen geven hun standpunt over deze tekst',
    );
    expect(badge.getAttribute('data-hold')).toBe('round');
    expect(card.getAttribute('data-in-round')).toBe('true');
    expect(card.hasAttribute('data-locked')).toBe(false);
    expect(card.querySelector('.clause__content')?.getAttribute('contenteditable')).toBe('false');
    for (const sel of card.querySelectorAll<HTMLSelectElement>('.clause__header select'))
      expect(sel.disabled).toBe(true);
    expect(card.querySelector('.clause__footer')).toBeNull();
  });

  it('speaks English, and the badge goes when the server ends the hold', async () => {
    const root = mount(new ClauseViewSettings({ parties, readOnly: false }), null, 'cr1');
    await i18n.changeLanguage('en');
    const badge = () => cardOf(root, 'c1').querySelector('[data-clause-control="lock"]');
    expect(badge()?.firstChild?.textContent).toBe('In consent round');
    editor!.commands.command(({ tr }) => {
      let pos = -1;
      tr.doc.descendants((node, at) => {
        if (node.type.name === 'clause' && node.attrs.id === 'c1') pos = at;
      });
      tr.setNodeAttribute(pos, 'round', null).setMeta('y-sync$', { isChangeOrigin: true });
      return true;
    });
    expect(badge()).toBeNull();
    expect(cardOf(root, 'c1').getAttribute('data-in-round')).toBeNull();
  });
});

describe('clause card: turn chips', () => {
  it('"Aan zet: Gemeente, Huurders" in party colours, with the reasons for screen readers', () => {
    const settings = new ClauseViewSettings({ parties, readOnly: false });
    const root = mount(settings, null);
    expect(root.querySelector('.clause__turns')).toBeNull();
    settings.set({
      parties,
      readOnly: false,
      turns: new Map([
        [
          'c2',
          [
            { partyId: 'gem', reasons: ['position'] },
            { partyId: 'hurd', reasons: ['commitment', 'answer'] },
          ],
        ],
      ]),
    });
    const turns = cardOf(root, 'c2').querySelector<HTMLElement>('.clause__turns')!;
    const visible = [...turns.childNodes]
      .map((n) => (n instanceof HTMLElement ? (n.firstChild?.textContent ?? '') : n.textContent))
      .join('');
    expect(visible).toBe('Aan zet: Gemeente, Huurders');
    expect(turns.textContent).toBe(
      'Aan zet: Gemeente (standpunt geven), Huurders (tegenprestatie invullen, reactie geven)',
    );
    const chip = turns.querySelector<HTMLElement>('[data-party="gem"]')!;
    expect(chip.style.getPropertyValue('--party-color')).toBe('#b45309');
    expect(cardOf(root, 'c1').querySelector('.clause__turns')).toBeNull();
  });

  it('follows language changes and disappears when nobody is to move', async () => {
    const settings = new ClauseViewSettings({ parties, readOnly: false });
    const root = mount(settings, null);
    settings.set({
      parties,
      readOnly: false,
      turns: new Map([['c1', [{ partyId: 'corp', reasons: ['position'] }]]]),
    });
    await i18n.changeLanguage('en');
    expect(cardOf(root, 'c1').querySelector('.clause__turns')?.textContent).toBe(
      'To move: Woonstad (give position)',
    );
    settings.set({ parties, readOnly: false, turns: new Map() });
    expect(root.querySelector('.clause__turns')).toBeNull();
  });
});

describe('the clause at the caret (what the consent section follows)', () => {
  it('a click on locked text puts the caret in that clause; a selected clause node counts', () => {
    const root = mount(new ClauseViewSettings({ parties, readOnly: false }), 'd1');
    expect(caretClause(editor!.state)).toBeNull();
    cardOf(root, 'c1')
      .querySelector('.clause__content p')!
      .dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(caretClause(editor!.state)).toEqual({ id: 'c1', locked: true });
    let c2 = -1;
    editor!.state.doc.descendants((node, pos) => {
      if (node.type.name === 'clause' && node.attrs.id === 'c2') c2 = pos;
    });
    editor!.commands.setNodeSelection(c2);
    expect(caretClause(editor!.state)).toEqual({ id: 'c2', locked: false });
  });
});

describe('counterpart cards in a locked clause', () => {
  it('disable their pickers once the lock is known, and keep the document value after a refused pick', () => {
    const settings = new ClauseViewSettings({ parties, readOnly: false });
    const root = mount(settings, 'd1');
    const picker = cardOf(root, 'c1').querySelector<HTMLSelectElement>('.counterpart select')!;
    expect(picker.disabled).toBe(false);

    settings.set({ parties, readOnly: false, lockedClauses: new Set(['c1']) });
    expect(picker.disabled).toBe(true);
    expect(cardOf(root, 'c2').querySelector('.counterpart select')).toBeNull();

    // A pick that reached the control anyway is refused by the lock plugin and undone on screen.
    picker.disabled = false;
    picker.value = 'hurd';
    picker.dispatchEvent(new Event('change'));
    expect(picker.value).toBe('gem');
  });
});
