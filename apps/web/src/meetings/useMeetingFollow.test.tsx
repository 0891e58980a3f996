import type { MeetingFocusDto } from '@akkoord/domain';
import { findClause } from '@akkoord/domain/tiptap';
import { act, render, waitFor } from '@testing-library/react';
import type { Editor } from '@tiptap/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agreementWith, mountClauseEditor } from '../clauseEditorTesting';
import { ClauseViewSettings } from '../clauseViewSettings';
import { sampleWorkspace } from '../fixtures';
import { fakeServer, type FakeRequest } from '../testing';
import { resetSession } from '../useSession';
import type { SharedDocument } from '../useSharedDocument';
import { setFollowSettings } from './followSettings';
import { quietEvents, runningMeeting } from './meetingTesting';
import { useMeetingFollow } from './useMeetingFollow';

const workspace = sampleWorkspace();
const user = (id: string) => ({ id, email: `${id}@example.org`, name: id });

function Harness({ editor, shared }: { editor: Editor; shared: SharedDocument }) {
  useMeetingFollow(editor, shared);
  return null;
}

/** Just what the hook reads of the shared document: its room and a synced provider. */
const sharedDoc = (room: string) =>
  ({
    room,
    provider: { synced: true, on: () => undefined, off: () => undefined },
  }) as unknown as SharedDocument;

let editor: Editor;

function server(focus: () => MeetingFocusDto | null): FakeRequest[] {
  return fakeServer((request) => {
    if (request.path === '/api/workspaces/w_1') return { status: 200, body: { workspace } };
    if (request.path === '/api/workspaces/w_1/meetings') {
      return {
        status: 200,
        body: {
          meetings: [runningMeeting({ focus: focus(), serverTime: new Date().toISOString() })],
        },
      };
    }
    if (request.path === '/api/workspaces/w_1/meetings/m1/focus') {
      return { status: 200, body: { meeting: runningMeeting() } };
    }
    return { status: 404 };
  });
}

describe('useMeetingFollow', () => {
  beforeEach(() => {
    quietEvents();
    window.history.replaceState(null, '', '/w/w_1/d/d_agr');
    const settings = new ClauseViewSettings({ parties: workspace.parties, readOnly: false });
    const content = agreementWith(
      workspace.parties,
      { id: 'c_one', text: 'Eerste afspraak' },
      { id: 'c_two', text: 'Tweede afspraak' },
    );
    editor = mountClauseEditor(settings, content).editor;
  });

  afterEach(() => {
    editor.destroy();
    resetSession();
  });

  const card = (clauseId: string) => {
    const found = findClause(editor.state.doc, clauseId);
    return editor.view.nodeDOM(found!.pos) as HTMLElement;
  };

  it('a participant who follows sees the focused clause highlighted, caret untouched', async () => {
    resetSession({ status: 'signed-in', user: user('u_bram') });
    server(() => ({ documentId: 'd_agr', clauseId: 'c_two', seq: 1 }));
    const before = editor.state.selection.from;
    render(<Harness editor={editor} shared={sharedDoc('r2')} />);
    await waitFor(() => expect(card('c_two').classList).toContain('clause-node--highlight'));
    expect(card('c_one').classList).not.toContain('clause-node--highlight');
    expect(editor.state.selection.from).toBe(before);
  });

  it('does nothing when the participant stopped following', async () => {
    resetSession({ status: 'signed-in', user: user('u_bram') });
    const requests = server(() => ({ documentId: 'd_agr', clauseId: 'c_two', seq: 1 }));
    setFollowSettings({ following: false });
    render(<Harness editor={editor} shared={sharedDoc('r2')} />);
    await waitFor(() =>
      expect(requests.some((r) => r.path === '/api/workspaces/w_1/meetings')).toBe(true),
    );
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(card('c_two').classList).not.toContain('clause-node--highlight');
  });

  it("the facilitator's caret makes its clause the focus (debounced, once per clause)", async () => {
    resetSession({ status: 'signed-in', user: user('u_anna') });
    const requests = server(() => null);
    render(<Harness editor={editor} shared={sharedDoc('r2')} />);
    await waitFor(() =>
      expect(requests.some((r) => r.path === '/api/workspaces/w_1/meetings')).toBe(true),
    );
    // Let the hook see the meeting before the caret moves.
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    const into = (clauseId: string) =>
      act(() => {
        editor.commands.setTextSelection(findClause(editor.state.doc, clauseId)!.pos + 3);
      });
    into('c_one');
    into('c_two');
    const posts = () => requests.filter((r) => r.path.endsWith('/m1/focus'));
    await waitFor(() => expect(posts()).toHaveLength(1), { timeout: 2000 });
    expect(posts()[0]!.body).toEqual({ documentId: 'd_agr', clauseId: 'c_two' });
    // Moving within the same clause posts nothing new.
    act(() => {
      editor.commands.setTextSelection(findClause(editor.state.doc, 'c_two')!.pos + 5);
    });
    await act(() => new Promise((resolve) => setTimeout(resolve, 400)));
    expect(posts()).toHaveLength(1);
  });

  it('the facilitator shares nothing with "Laat iedereen meekijken" off', async () => {
    resetSession({ status: 'signed-in', user: user('u_anna') });
    const requests = server(() => null);
    setFollowSettings({ sharing: false });
    render(<Harness editor={editor} shared={sharedDoc('r2')} />);
    await waitFor(() =>
      expect(requests.some((r) => r.path === '/api/workspaces/w_1/meetings')).toBe(true),
    );
    act(() => {
      editor.commands.setTextSelection(findClause(editor.state.doc, 'c_two')!.pos + 3);
    });
    await act(() => new Promise((resolve) => setTimeout(resolve, 400)));
    expect(requests.filter((r) => r.path.endsWith('/m1/focus'))).toHaveLength(0);
  });
});
