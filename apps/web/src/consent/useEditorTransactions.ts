import type { Editor } from '@tiptap/core';
import { useCallback } from 'react';

/** A `subscribe` for useSyncExternalStore that fires on every transaction of the editor. */
export function useEditorTransactions(editor: Editor): (listener: () => void) => () => void {
  return useCallback(
    (listener: () => void) => {
      editor.on('transaction', listener);
      return () => {
        editor.off('transaction', listener);
      };
    },
    [editor],
  );
}
