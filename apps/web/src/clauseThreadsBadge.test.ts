import { type PartyDto, type ThreadDto } from '@akkoord/domain';
import type { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { agreementWith, mountClauseEditor } from './clauseEditorTesting';
import { ClauseViewSettings } from './clauseViewSettings';
import { clauseAt, placeThreads, threadTarget } from './threadPlacement';
import './testing';

const parties: PartyDto[] = [
  { id: 'corp', name: 'Woonstad', kind: 'corporation', color: '#1d4ed8' },
];

function agreement() {
  return agreementWith(parties, { id: 'c1', owner: 'corp', text: 'De corporatie bouwt.' });
}

let editor: Editor | null = null;

function mount(settings: ClauseViewSettings): HTMLElement {
  const mounted = mountClauseEditor(settings, agreement());
  editor = mounted.editor;
  return mounted.element;
}

afterEach(() => {
  editor?.destroy();
  editor = null;
  document.body.replaceChildren();
});

function clausePos(): number {
  let pos = -1;
  editor!.state.doc.descendants((node, at) => {
    if (node.type.name === 'clause') pos = at;
  });
  return pos;
}

describe('open-thread badge on the clause card', () => {
  it('shows the count, names the clause and opens the panel on it', () => {
    const showThreads = vi.fn();
    const settings = new ClauseViewSettings({ parties, readOnly: false });
    const root = mount(settings);
    expect(root.querySelector('.clause__threads')).toBeNull();

    settings.set({ parties, readOnly: false, threadCounts: new Map([['c1', 2]]), showThreads });
    const badge = root.querySelector<HTMLButtonElement>('.clause__threads')!;
    expect(badge.textContent).toBe('2 open reacties');
    expect(badge.getAttribute('aria-label')).toBe('2 open reacties bij afspraak B-01');
    badge.click();
    expect(showThreads).toHaveBeenCalledWith('c1');

    settings.set({ parties, readOnly: false, threadCounts: new Map(), showThreads });
    expect(root.querySelector('.clause__threads')).toBeNull();
  });
});

describe('where a new thread goes', () => {
  it('finds the clause holding a position', () => {
    mount(new ClauseViewSettings({ parties, readOnly: false }));
    const pos = clausePos();
    expect(clauseAt(editor!.state.doc, pos + 3)).toBe('c1');
    expect(clauseAt(editor!.state.doc, 1)).toBeNull();
  });

  it('an empty selection in a clause is about that clause; outside any, nothing', () => {
    mount(new ClauseViewSettings({ parties, readOnly: false }));
    editor!.commands.setTextSelection(clausePos() + 3);
    expect(threadTarget(new Y.Doc(), editor!.state)).toEqual({ kind: 'clause', clauseId: 'c1' });
    editor!.commands.setTextSelection(1);
    expect(threadTarget(new Y.Doc(), editor!.state)).toBeNull();
  });
});

describe('placing threads', () => {
  it('a thread whose clause is gone is detached and goes last, keeping its clause id', () => {
    mount(new ClauseViewSettings({ parties, readOnly: false }));
    const thread = {
      id: 't1',
      clauseId: 'gone',
      anchor: null,
      quote: 'Oude tekst',
      status: 'open',
      createdAt: 1,
      comments: [],
    } as unknown as ThreadDto;
    // An empty shared doc holds no clauses: from its point of view every clause is gone.
    const [placed] = placeThreads(new Y.Doc(), editor!.state.doc, [thread]);
    expect(placed).toMatchObject({ detached: true, pos: null, range: null, clauseId: 'gone' });
  });
});
