import type { Editor } from '@tiptap/react';
import { useEffect, useState } from 'react';
import { parseRoute, usePathname, useSearchParam } from './router';
import { scrollToClause } from './scrollToClause';
import type { SharedDocument } from './useSharedDocument';
import { useWorkspace } from './WorkspacePage';

/**
 * The permalink `?clause=<id>` (from "waiting on you", "since your last visit" and
 * notifications): once the document has come from the server, put the cursor in that clause,
 * scroll to it and highlight it — once per link, and only in the editor of the document the
 * address names (a second editor on the page, the party's notes, has its own room).
 */
export function useClausePermalink(editor: Editor, shared: SharedDocument): void {
  const route = parseRoute(usePathname());
  const clauseId = useSearchParam('clause');
  const workspaceId = route.page === 'document' ? route.workspaceId : '';
  const workspace = useWorkspace(workspaceId);
  const room =
    route.page === 'document' && workspace.status === 'ready'
      ? workspace.data.documents.find((d) => d.id === route.documentId)?.room
      : undefined;
  const [handled, setHandled] = useState<string | null>(null);

  useEffect(() => {
    if (clauseId === null || clauseId === handled || room !== shared.room) return;
    const tryScroll = () => {
      if (editor.isDestroyed || !shared.provider.synced) return false;
      if (!scrollToClause(editor, clauseId)) return false;
      setHandled(clauseId);
      return true;
    };
    if (tryScroll()) return;
    // Not there yet: the document (or that clause) arrives with the first sync.
    const onSync = () => {
      if (tryScroll()) shared.provider.off('sync', onSync);
    };
    shared.provider.on('sync', onSync);
    return () => shared.provider.off('sync', onSync);
  }, [clauseId, handled, room, shared, editor]);
}
