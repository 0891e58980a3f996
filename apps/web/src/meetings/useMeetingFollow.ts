import type { Editor } from '@tiptap/react';
import { useEffect, useRef } from 'react';
import { membershipOf } from '../membership';
import { parseRoute, usePathname, useSearchParam } from '../router';
import type { SharedDocument } from '../useSharedDocument';
import { useSession } from '../useSession';
import { useWorkspace } from '../WorkspacePage';
import { clauseAtCaret } from './clauseAtCaret';
import { useFollowSettings } from './followSettings';
import { meetingsApi } from './meetingsApi';
import { revealClause } from './revealClause';
import { useCurrentMeeting } from './useCurrentMeeting';

/** Wait this long after the caret stops before moving everyone's view (typing moves it a lot). */
const focusDebounceMs = 300;

/**
 * Follow-the-facilitator in the editor (MEET-3). Participants who follow see the clause the
 * facilitator is at scrolled into view and highlighted; the facilitator, while sharing, makes
 * the clause holding their caret the focus. Only in the editor of the document the address
 * names (the party-notes pane beside it has its own room), and only while a meeting runs.
 */
export function useMeetingFollow(editor: Editor, shared: SharedDocument): void {
  const route = parseRoute(usePathname());
  const workspaceId = route.page === 'document' ? route.workspaceId : '';
  const documentId = route.page === 'document' ? route.documentId : '';
  const workspace = useWorkspace(workspaceId);
  const session = useSession();
  const current = useCurrentMeeting(workspaceId);
  const { following, sharing } = useFollowSettings();
  const permalink = useSearchParam('clause');

  const data = workspace.status === 'ready' ? workspace.data : null;
  const isMainEditor =
    data !== null && data.documents.find((d) => d.id === documentId)?.room === shared.room;
  const member =
    data !== null && session.status === 'signed-in' ? membershipOf(data, session.user.id) : null;
  const meeting = current.status === 'ready' ? current.meeting : null;
  const facilitator = member?.role === 'facilitator';
  const focus = meeting?.focus ?? null;

  // Participants: reveal each new focus on this document once. A focus that was already there
  // when the page opened is revealed too, unless a ?clause= link asked for another place.
  const handledSeq = useRef<number | null>(null);
  const skipFirst = useRef(permalink !== null);
  const focusSeq = focus?.seq ?? null;
  const focusDoc = focus?.documentId ?? null;
  const focusClause = focus?.clauseId ?? null;
  useEffect(() => {
    if (focusSeq === null) return undefined;
    if (skipFirst.current) {
      skipFirst.current = false;
      handledSeq.current = focusSeq;
      return undefined;
    }
    if (!isMainEditor || facilitator || !following) return undefined;
    if (focusDoc !== documentId || focusClause === null) return undefined;
    if (handledSeq.current !== null && focusSeq <= handledSeq.current) return undefined;
    const tryReveal = () => {
      if (editor.isDestroyed || !shared.provider.synced) return false;
      if (!revealClause(editor, focusClause)) return false;
      handledSeq.current = focusSeq;
      return true;
    };
    if (tryReveal()) return undefined;
    const onSync = () => {
      if (tryReveal()) shared.provider.off('sync', onSync);
    };
    shared.provider.on('sync', onSync);
    return () => shared.provider.off('sync', onSync);
  }, [
    isMainEditor,
    facilitator,
    following,
    focusSeq,
    focusDoc,
    focusClause,
    documentId,
    editor,
    shared,
  ]);

  // The facilitator: post the clause at the caret when it changes (debounced).
  const meetingId = meeting?.id ?? null;
  const sharedClause = useRef<string | null>(null);
  useEffect(() => {
    if (!isMainEditor || !facilitator || !sharing || meetingId === null) return undefined;
    // What everyone sees now: no need to post it again.
    sharedClause.current = focusDoc === documentId ? focusClause : null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onSelection = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (editor.isDestroyed) return;
        const clauseId = clauseAtCaret(editor.state);
        if (clauseId === null || clauseId === sharedClause.current) return;
        sharedClause.current = clauseId;
        meetingsApi.focus(workspaceId, meetingId, { documentId, clauseId }).catch(() => {
          // Try again on the next caret move.
          sharedClause.current = null;
        });
      }, focusDebounceMs);
    };
    editor.on('selectionUpdate', onSelection);
    editor.on('focus', onSelection);
    return () => {
      clearTimeout(timer);
      editor.off('selectionUpdate', onSelection);
      editor.off('focus', onSelection);
    };
    // focusDoc/focusClause are read once per (re)start on purpose: our own posts change them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isMainEditor, facilitator, sharing, meetingId, workspaceId, documentId, editor]);
}
