import { heldClauseIds } from '@akkoord/domain/tiptap';
import type { Node as PMNode } from '@tiptap/pm/model';
import type { Editor } from '@tiptap/core';
import { useMemo, useRef, useSyncExternalStore } from 'react';
import { useEditorTransactions } from './useEditorTransactions';

/**
 * The ids of the clauses nobody may change now, read from the document itself (LOCK-1,
 * CONS-5/6): the server's `locked` and `round` marks. A new set only when that list changed.
 */
export function useHeldClauses(editor: Editor): ReadonlySet<string> {
  const subscribe = useEditorTransactions(editor);
  const cache = useRef<{ doc: PMNode | null; key: string }>({ doc: null, key: '' });
  const key = useSyncExternalStore(subscribe, () => {
    if (editor.isDestroyed) return '';
    const doc = editor.state.doc;
    // Snapshots are taken on every render and transaction; walk the clauses only per new doc.
    if (cache.current.doc !== doc) cache.current = { doc, key: heldClauseIds(doc).join('\n') };
    return cache.current.key;
  });
  return useMemo(() => new Set(key === '' ? [] : key.split('\n')), [key]);
}
