import type { Editor } from '@tiptap/react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { membershipOf } from './membership';
import { parseRoute, usePathname, useSearchParam } from './router';
import { currentMarks, sameMarks, threadHighlightsKey, type ThreadMark } from './threadHighlights';
import { placeThreads } from './threadPlacement';
import { openCountsByClause, sameCounts, type ThreadFilter } from './threads';
import { ThreadsPanel, type ThreadsContext } from './ThreadsPanel';
import { useDocumentOutline } from './useDocumentOutline';
import { useSession } from './useSession';
import type { SharedDocument } from './useSharedDocument';
import { useThreads } from './useThreads';
import { useWorkspace } from './WorkspacePage';

const noCounts: ReadonlyMap<string, number> = new Map();
export const commentShortcutKey = 'Mod-Alt-m';

/** What a keyboard shortcut of the editor does; set later by whoever handles it. */
export class ShortcutAction {
  private action: (() => boolean) | null = null;

  set(action: (() => boolean) | null): void {
    this.action = action;
  }

  readonly run = (): boolean => this.action?.() ?? false;
}

/** Whether the document has come from the server once (anchors resolve only after that). */
function useFirstSync(shared: SharedDocument): boolean {
  const [synced, setSynced] = useState(() => shared.provider.synced);
  useEffect(() => {
    const onSync = (value: boolean) => {
      if (value) setSynced(true);
    };
    shared.provider.on('sync', onSync);
    return () => shared.provider.off('sync', onSync);
  }, [shared]);
  return synced || shared.provider.synced;
}

/**
 * Comment threads of the open document (issue #5): who is looking and where come from the
 * address, the session and the (cached) workspace, so the pages above need not pass them.
 * Gives the panel section, the open-thread counts for the clause cards and the badge action.
 */
export function useDocumentThreads(
  editor: Editor,
  shared: SharedDocument,
  shortcut: ShortcutAction,
) {
  const route = parseRoute(usePathname());
  const workspaceId = route.page === 'document' ? route.workspaceId : null;
  const session = useSession();
  const workspace = useWorkspace(workspaceId ?? '');
  // By room, not by address: a second editor on the page (the party's notes) has its own.
  const documentDto =
    workspace.status === 'ready'
      ? workspace.data.documents.find((d) => d.room === shared.room)
      : undefined;
  const documentId = documentDto?.id ?? null;
  const { state, reload, put } = useThreads(workspaceId, documentId);
  const outline = useDocumentOutline(editor);
  const synced = useFirstSync(shared);

  const [filter, setFilter] = useState<ThreadFilter>('open');
  const [clauseFilter, setClauseFilter] = useState<string | null>(null);
  const [focusThreadId, setFocusThreadId] = useState<string | null>(null);
  const [revealKey, setRevealKey] = useState(0);
  const [handledParam, setHandledParam] = useState<string | null>(null);
  const [missingThread, setMissingThread] = useState(false);

  // This renders again when the outline changes with the document: anchors and clauses are
  // placed again then.
  const doc = editor.state.doc;
  const placed = useMemo(
    () => (state.status === 'ready' ? placeThreads(shared.doc, doc, state.threads) : []),
    [state, shared.doc, doc],
  );
  useEffect(() => {
    if (editor.isDestroyed) return;
    const marks: ThreadMark[] = placed.flatMap((p) =>
      p.range !== null && p.thread.status === 'open'
        ? [{ threadId: p.thread.id, from: p.range.from, to: p.range.to }]
        : [],
    );
    // The decorations followed the edits already: a transaction only when something differs.
    if (sameMarks(marks, currentMarks(threadHighlightsKey.getState(editor.state)))) return;
    editor.view.dispatch(
      editor.state.tr.setMeta(threadHighlightsKey, marks).setMeta('addToHistory', false),
    );
  }, [editor, placed]);
  const [counts, setCounts] = useState<ReadonlyMap<string, number>>(noCounts);
  const nextCounts = openCountsByClause(placed);
  if (!sameCounts(counts, nextCounts)) setCounts(nextCounts);

  const numbers = useMemo(
    () => new Map(outline.clauses.map((c) => [c.id, c.number] as const)),
    [outline],
  );

  const [focusPanelKey, setFocusPanelKey] = useState(0);
  const showClause = useCallback((clauseId: string) => {
    setClauseFilter(clauseId);
    setFilter('open');
    setRevealKey((n) => n + 1);
    setFocusPanelKey((n) => n + 1);
  }, []);
  const onFocused = useCallback(() => setFocusThreadId(null), []);
  const [startKey, setStartKey] = useState(0);
  const canComment = workspace.status === 'ready' && session.status === 'signed-in';
  useEffect(() => {
    shortcut.set(() => {
      if (!canComment) return false;
      setRevealKey((n) => n + 1);
      setStartKey((n) => n + 1);
      return true;
    });
    return () => shortcut.set(null);
  }, [shortcut, canComment]);

  // The permalink `?thread=`: once the threads and the document are here, show that thread.
  const param = useSearchParam('thread');
  const threadParam = route.page === 'document' && route.documentId === documentId ? param : null;
  if (threadParam !== null && threadParam !== handledParam && state.status === 'ready' && synced) {
    setHandledParam(threadParam);
    const found = state.threads.some((t) => t.id === threadParam);
    setMissingThread(!found);
    if (found) {
      setFilter('all');
      setClauseFilter(null);
      setFocusThreadId(threadParam);
      setRevealKey((n) => n + 1);
    }
  }

  const user = session.status === 'signed-in' ? session.user : null;
  const me = workspace.status === 'ready' && user ? membershipOf(workspace.data, user.id) : null;
  let panel = null;
  if (workspaceId !== null && documentId !== null && workspace.status === 'ready' && me) {
    const context: ThreadsContext = {
      workspaceId,
      documentId,
      partyNotes: documentDto?.kind === 'party-notes',
      me,
      members: workspace.data.members,
      parties: workspace.data.parties,
    };
    panel = (
      <ThreadsPanel
        context={context}
        editor={editor}
        ydoc={shared.doc}
        state={state}
        placed={placed}
        reload={reload}
        put={put}
        numbers={numbers}
        filter={filter}
        onFilter={setFilter}
        clauseFilter={clauseFilter}
        onClauseFilter={setClauseFilter}
        focusThreadId={focusThreadId}
        onFocused={onFocused}
        missingThread={missingThread}
        focusPanelKey={focusPanelKey}
        startKey={startKey}
      />
    );
  }
  // The list itself feeds the clause cards' turn chips (issue #6) without a second stream.
  const list = state.status === 'ready' ? state.threads : null;
  return { panel, counts, showClause, revealKey, outline, threads: list };
}
