import { findClause } from '@akkoord/domain/tiptap';
import type { Editor } from '@tiptap/react';

const highlightMs = 2500;

/**
 * Follow-me: scrolls a clause into view and highlights it briefly, like `scrollToClause`, but
 * without moving the caret or focus. A follower may be typing in another clause or be on a
 * button of the agenda bar; the facilitator's move must not take their caret or their place.
 */
export function revealClause(editor: Editor, clauseId: string): boolean {
  const found = findClause(editor.state.doc, clauseId);
  if (found === null) return false;
  const dom = editor.view.nodeDOM(found.pos);
  if (!(dom instanceof HTMLElement)) return false;
  dom.scrollIntoView({ block: 'center', behavior: 'smooth' });
  dom.classList.add('clause-node--highlight');
  setTimeout(() => dom.classList.remove('clause-node--highlight'), highlightMs);
  return true;
}
