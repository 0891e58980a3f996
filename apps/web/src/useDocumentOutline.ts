import type { DocumentOutline } from '@akkoord/domain';
import { readOutlineFromDoc } from '@akkoord/domain/tiptap';
import type { Editor } from '@tiptap/react';
import { useEffect, useState } from 'react';

/** How long typing may go on before the outline and ledger are read again. */
const refreshDelayMs = 120;

/**
 * Sections and clauses of the editor's document, kept current for local and remote changes.
 * Reading walks the whole document, so bursts of keystrokes are folded into one read.
 */
export function useDocumentOutline(editor: Editor): DocumentOutline {
  const [outline, setOutline] = useState(() => readOutlineFromDoc(editor.state.doc));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastRead = editor.state.doc;
    const read = () => {
      timer = undefined;
      if (editor.isDestroyed || editor.state.doc === lastRead) return;
      lastRead = editor.state.doc;
      setOutline(readOutlineFromDoc(lastRead));
    };
    // 'transaction' rather than 'update': it also fires for changes that arrive over Yjs.
    const onTransaction = () => {
      timer ??= setTimeout(read, refreshDelayMs);
    };
    // Catch anything that changed between the first render and this subscription.
    lastRead = editor.state.doc.type.schema.topNodeType.createAndFill() ?? lastRead;
    timer = setTimeout(read, 0);
    editor.on('transaction', onTransaction);
    return () => {
      editor.off('transaction', onTransaction);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [editor]);
  return outline;
}
