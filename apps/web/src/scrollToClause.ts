import { NODE } from '@akkoord/domain';
import { findClause } from '@akkoord/domain/tiptap';
import type { Editor } from '@tiptap/react';

const highlightMs = 2500;

/**
 * Puts the cursor at the start of a clause's text, scrolls there and highlights the card for a
 * moment, so the eye finds what a ledger warning is about. Focus goes to the editor, so screen
 * readers read the clause.
 */
export function scrollToClause(editor: Editor, clauseId: string): boolean {
  const found = findClause(editor.state.doc, clauseId);
  if (found === null) return false;
  // clause > clauseText > paragraph: the first text position is 3 inside.
  editor
    .chain()
    .focus()
    .setTextSelection(found.pos + 3)
    .scrollIntoView()
    .run();
  const dom = editor.view.nodeDOM(found.pos);
  if (dom instanceof HTMLElement) {
    dom.scrollIntoView({ block: 'center' });
    dom.classList.add('clause-node--highlight');
    setTimeout(() => dom.classList.remove('clause-node--highlight'), highlightMs);
  }
  return true;
}

/** The `index`-th theme section (document order): cursor into its heading, scrolled to the top. */
export function scrollToSection(editor: Editor, index: number): boolean {
  let seen = 0;
  let target: number | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (target !== null) return false;
    if (node.type.name === NODE.themeSection) {
      if (seen === index) target = pos;
      seen += 1;
      return false;
    }
    return !node.isTextblock;
  });
  if (target === null) return false;
  const pos: number = target;
  // themeSection > heading: the heading's text starts 2 inside.
  editor
    .chain()
    .focus()
    .setTextSelection(pos + 2)
    .run();
  const dom = editor.view.nodeDOM(pos);
  if (dom instanceof HTMLElement) dom.scrollIntoView({ block: 'start' });
  return true;
}
