import type { PartyDto } from '@akkoord/domain';
import type { Editor } from '@tiptap/core';
import i18n from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { agreementWith, mountClauseEditor } from './clauseEditorTesting';
import { ClauseViewSettings } from './clauseViewSettings';
import './testing';

const parties: PartyDto[] = [
  { id: 'corp', name: 'Woonstad', kind: 'corporation', color: '#1d4ed8' },
  { id: 'gem', name: 'Gemeente', kind: 'municipality', color: '#b45309' },
];

function agreement() {
  return agreementWith(parties, {
    id: 'c1',
    owner: 'corp',
    text: 'De corporatie bouwt.',
    counterparts: [{ party: 'gem', commitment: 'Grond.' }],
  });
}

let editor: Editor | null = null;

function mount(settings: ClauseViewSettings): HTMLElement {
  const mounted = mountClauseEditor(settings, agreement());
  editor = mounted.editor;
  return mounted.element;
}

afterEach(async () => {
  editor?.destroy();
  editor = null;
  document.body.replaceChildren();
  await i18n.changeLanguage('nl');
});

const card = (root: HTMLElement) => root.querySelector<HTMLElement>('.clause')!;
const select = (root: HTMLElement, selector: string) =>
  root.querySelector<HTMLSelectElement>(selector)!;

describe('clause and counterpart cards (plain DOM node views)', () => {
  it('draw number, owner, colour, status and counterpart from the node', () => {
    const root = mount(new ClauseViewSettings({ parties, readOnly: false }));
    expect(card(root).getAttribute('data-owner')).toBe('corp');
    expect(card(root).style.getPropertyValue('--party-color')).toBe('#1d4ed8');
    expect(root.querySelector('.clause__number')?.textContent).toBe('Afspraak B-01');
    const owner = select(root, '[data-clause-control="owner"]');
    expect(owner.value).toBe('corp');
    expect([...owner.options].map((o) => o.text)).toEqual([
      i18n.t('clauses.noOwner'),
      'Woonstad',
      'Gemeente',
    ]);
    const counterpart = root.querySelector<HTMLElement>('.counterpart')!;
    expect(counterpart.getAttribute('data-party')).toBe('gem');
    expect(select(root, '.counterpart select').getAttribute('aria-label')).toContain('B-01');
    expect(root.querySelector('.clause__footer button')?.textContent).toBe(
      'Tegenprestatie toevoegen',
    );
  });

  it('picking an owner changes the document; the card follows the document', () => {
    const root = mount(new ClauseViewSettings({ parties, readOnly: false }));
    const owner = select(root, '[data-clause-control="owner"]');
    owner.value = 'gem';
    owner.dispatchEvent(new Event('change', { bubbles: true }));
    let found: unknown = null;
    editor!.state.doc.descendants((node) => {
      if (node.type.name === 'clause') found = node.attrs.owner;
    });
    expect(found).toBe('gem');
    expect(card(root).getAttribute('data-owner')).toBe('gem');
    expect(card(root).style.getPropertyValue('--party-color')).toBe('#b45309');
  });

  it('read-only disables every picker and removes the add/remove buttons', () => {
    const settings = new ClauseViewSettings({ parties, readOnly: false });
    const root = mount(settings);
    settings.set({ parties, readOnly: true });
    const controls = root.querySelectorAll<HTMLSelectElement | HTMLInputElement>(
      '.clause select, .counterpart input',
    );
    expect(controls.length).toBeGreaterThanOrEqual(4);
    for (const control of controls) expect(control.disabled).toBe(true);
    expect(root.querySelectorAll('.clause button').length).toBe(0);
    settings.set({ parties, readOnly: false });
    expect(root.querySelectorAll('.clause button').length).toBe(2);
  });

  it('redraws its words when the language changes, and stops listening when destroyed', async () => {
    const settings = new ClauseViewSettings({ parties, readOnly: false });
    const root = mount(settings);
    await i18n.changeLanguage('en');
    expect(root.querySelector('.clause__number')?.textContent).toBe('Agreement B-01');
    const number = root.querySelector('.clause__number')!;
    editor!.destroy();
    editor = null;
    await i18n.changeLanguage('nl');
    // A destroyed card no longer listens: it keeps the words it had.
    expect(number.textContent).toBe('Agreement B-01');
  });

  it('a party that is no longer in the workspace still shows, as unknown', () => {
    const settings = new ClauseViewSettings({ parties, readOnly: false });
    const root = mount(settings);
    settings.set({ parties: parties.filter((p) => p.id !== 'corp'), readOnly: false });
    const owner = select(root, '[data-clause-control="owner"]');
    expect(owner.value).toBe('corp');
    expect(owner.selectedOptions[0]?.text).toBe(i18n.t('clauses.panel.unknownParty'));
  });
});
