import { clauseJSON, templateFor, type PartyDto, type ThreadDto } from '@akkoord/domain';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { clauseEditorExtensions } from './clauseExtensions';
import { ClauseViewSettings } from './clauseViewSettings';
import { apiError, fakeServer } from './testing';
import type { PlacedThread } from './threads';
import { ThreadsPanel, type ThreadsContext } from './ThreadsPanel';

const parties: PartyDto[] = [
  { id: 'corp', name: 'Woonstad', kind: 'corporation', color: '#1d4ed8' },
  { id: 'gem', name: 'Gemeente', kind: 'municipality', color: '#b45309' },
];

const context: ThreadsContext = {
  workspaceId: 'w1',
  documentId: 'd1',
  partyNotes: false,
  me: { userId: 'u_bram', name: 'Bram', role: 'negotiator', partyId: 'gem' },
  members: [
    { userId: 'u_bram', name: 'Bram', role: 'negotiator', partyId: 'gem' },
    { userId: 'u_carla', name: 'Carla', role: 'negotiator', partyId: 'corp' },
    { userId: 'u_gijs', name: 'Gijs', role: 'negotiator', partyId: 'gem' },
  ],
  parties,
};

let editor: Editor | null = null;

function makeEditor(): Editor {
  const doc = templateFor('agreement', parties);
  const first = doc.content?.find((n) => n.type === 'themeSection');
  if (!first) throw new Error('no section');
  first.content = [...(first.content ?? []), clauseJSON({ id: 'c1', text: 'De corporatie.' })];
  const element = document.createElement('div');
  document.body.append(element);
  editor = new Editor({
    element,
    extensions: [
      StarterKit.configure({ undoRedo: false }),
      ...clauseEditorExtensions(new ClauseViewSettings()),
    ],
    content: doc,
  });
  let pos = 0;
  editor.state.doc.descendants((node, at) => {
    if (node.type.name === 'clause') pos = at;
  });
  editor.commands.setTextSelection(pos + 3);
  return editor;
}

afterEach(() => {
  editor?.destroy();
  editor = null;
  document.body.replaceChildren();
  vi.unstubAllGlobals();
});

function thread(over: Partial<ThreadDto>): ThreadDto {
  return {
    id: 't1',
    workspaceId: 'w1',
    documentId: 'd1',
    visibility: 'shared',
    partyId: null,
    clauseId: 'c1',
    anchor: null,
    quote: 'Oude tekst',
    status: 'open',
    createdBy: 'u_carla',
    createdAt: 1,
    resolvedBy: null,
    resolvedAt: null,
    detached: false,
    comments: [
      {
        id: 'm1',
        threadId: 't1',
        authorId: 'u_carla',
        authorName: 'Carla',
        body: 'Klopt dit?',
        mentions: [],
        createdAt: 1,
        editedAt: null,
        deletedAt: null,
      },
    ],
    ...over,
  };
}

function show(placed: PlacedThread[] = []) {
  const ed = makeEditor();
  render(
    <ThreadsPanel
      context={context}
      editor={ed}
      ydoc={new Y.Doc()}
      state={{ status: 'ready', threads: placed.map((p) => p.thread) }}
      placed={placed}
      reload={vi.fn()}
      put={vi.fn()}
      numbers={new Map([['c1', 'B-01']])}
      filter="all"
      onFilter={vi.fn()}
      clauseFilter={null}
      onClauseFilter={vi.fn()}
      focusThreadId={null}
      onFocused={vi.fn()}
      missingThread={false}
    />,
  );
  return within(screen.getByRole('region', { name: 'Reacties' }));
}

describe('ThreadsPanel', () => {
  it('starts a thread on the clause, offers only members who may see it, shows a refusal', async () => {
    const requests = fakeServer(() =>
      apiError(400, 'validation_failed', {
        fields: { 'mentions.0': 'u_carla cannot see this thread' },
      }),
    );
    const panel = show();
    fireEvent.click(panel.getByRole('button', { name: 'Reageren' }));
    const form = within(panel.getByRole('form', { name: 'Nieuwe reactie' }));
    expect(form.getByText('Over afspraak B-01')).toBeTruthy();
    fireEvent.change(form.getByLabelText('Uw reactie'), { target: { value: 'Graag uitleg.' } });
    // Shared: everyone else; internal: only the own party's negotiators.
    expect(form.getByRole('checkbox', { name: /Carla/ })).toBeTruthy();
    fireEvent.click(form.getByRole('checkbox', { name: /Carla/ }));
    fireEvent.click(form.getByRole('radio', { name: /Intern: alleen Gemeente/ }));
    expect(form.queryByRole('checkbox', { name: /Carla/ })).toBeNull();
    expect(form.getByRole('checkbox', { name: /Gijs/ })).toBeTruthy();
    fireEvent.click(form.getByRole('radio', { name: /Gedeeld/ }));
    await act(async () => {
      fireEvent.click(form.getByRole('button', { name: 'Plaatsen' }));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(requests[0]?.path).toBe('/api/workspaces/w1/documents/d1/threads');
    expect(requests[0]?.body).toEqual({
      visibility: 'shared',
      body: 'Graag uitleg.',
      mentions: ['u_carla'],
      clauseId: 'c1',
    });
    expect(form.getByText('u_carla cannot see this thread')).toBeTruthy();
  });

  it('shows a detached thread with its quote and a note, internal ones with their party', () => {
    const panel = show([
      { thread: thread({}), clauseId: 'c1', pos: null, range: null, detached: true },
      {
        thread: thread({ id: 't2', visibility: 'party', partyId: 'gem' }),
        clauseId: 'c1',
        pos: 10,
        range: null,
        detached: false,
      },
    ]);
    const items = panel.getAllByRole('article');
    // Document order: the detached one last.
    expect(items[0]?.getAttribute('data-thread-id')).toBe('t2');
    expect(within(items[0]!).getByText('Intern: alleen Gemeente')).toBeTruthy();
    const detached = within(items[1]!);
    expect(detached.getByText('Oude tekst')).toBeTruthy();
    expect(detached.getByText(/Losgeraakt/)).toBeTruthy();
    expect(detached.queryByRole('button', { name: 'Naar de tekst' })).toBeNull();
    expect(detached.getByText('Carla')).toBeTruthy();
  });
});
