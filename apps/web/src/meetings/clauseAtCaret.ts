import { NODE } from '@akkoord/domain';
import type { EditorState } from '@tiptap/pm/state';

/** The id of the clause that holds the caret (the selection's start), or null outside one. */
export function clauseAtCaret(state: EditorState): string | null {
  const $from = state.selection.$from;
  for (let depth = $from.depth; depth >= 0; depth--) {
    const node = $from.node(depth);
    if (node.type.name === NODE.clause) {
      const id: unknown = node.attrs.id;
      return typeof id === 'string' && id !== '' ? id : null;
    }
  }
  return null;
}
