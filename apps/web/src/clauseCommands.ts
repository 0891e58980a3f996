import { NODE } from '@akkoord/domain';
import type { Editor } from '@tiptap/react';

/**
 * Where a new clause goes when the cursor is in no theme section (title, introduction, the
 * closing paragraph): the end of the last section that starts before the cursor, else the first.
 */
function fallbackPosition(editor: Editor): number | null {
  const { doc, selection } = editor.state;
  let before: number | null = null;
  let first: number | null = null;
  doc.forEach((node, offset) => {
    if (node.type.name !== NODE.themeSection) return;
    const end = offset + node.nodeSize - 1;
    first ??= end;
    if (offset <= selection.from) before = end;
  });
  return before ?? first;
}

/**
 * A caret moved natively (Ctrl+Home, End, a click) reaches ProseMirror on a later
 * 'selectionchange' event; a shortcut pressed right after, on a busy machine, would act on the
 * old cursor and put the clause in another theme. This takes the caret from the DOM first.
 */
export function readCaretFromDom(editor: Editor): void {
  const { view } = editor;
  if (!view.hasFocus()) return;
  const dom = view.dom.ownerDocument.getSelection();
  const { anchorNode, focusNode } = dom ?? {};
  if (!dom || !anchorNode || !focusNode || !view.dom.contains(anchorNode)) return;
  // Only a caret in editable text: the cards' controls are no position in the document.
  const editable = (node: Node) =>
    (node instanceof HTMLElement ? node : node.parentElement)?.isContentEditable === true;
  if (!editable(anchorNode) || !editable(focusNode)) return;
  try {
    const anchor = view.posAtDOM(anchorNode, dom.anchorOffset);
    const head = view.posAtDOM(focusNode, dom.focusOffset);
    const current = editor.state.selection;
    if (current.anchor === anchor && current.head === head) return;
    const from = Math.min(anchor, head);
    const to = Math.max(anchor, head);
    editor.commands.setTextSelection({ from, to });
  } catch {
    // A DOM position ProseMirror cannot map: keep its own selection.
  }
}

/** Toolbar button, shortcut and `/` menu all insert a clause the same way. */
export function insertClauseHere(editor: Editor): boolean {
  if (!editor.isEditable) return false;
  readCaretFromDom(editor);
  if (editor.can().insertClause()) return editor.chain().focus().insertClause().run();
  const at = fallbackPosition(editor);
  return at !== null && editor.chain().focus().insertClause({ at }).run();
}

/** The position before the clause the cursor is in, or null. */
export function clauseAtSelection(editor: Editor): { pos: number; id: string | null } | null {
  const $from = editor.state.selection.$from;
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth);
    if (node.type.name === NODE.clause) {
      const id: unknown = node.attrs.id;
      return { pos: $from.before(depth), id: typeof id === 'string' && id !== '' ? id : null };
    }
  }
  return null;
}

/**
 * Tab in a clause's text moves to that clause's own owner picker. Without this, Tab from the
 * editor lands on the first control in the document (the first clause's), not the one at hand.
 */
export function focusClauseControls(editor: Editor): boolean {
  const clause = clauseAtSelection(editor);
  if (clause === null) return false;
  const dom = editor.view.nodeDOM(clause.pos);
  if (!(dom instanceof HTMLElement)) return false;
  const control = dom.querySelector<HTMLSelectElement>('[data-clause-control="owner"]');
  if (control === null || control.disabled) return false;
  control.focus();
  return true;
}

export const insertClauseShortcut = 'Mod-Alt-k';

/** The shortcut as aria-keyshortcuts and as text for the title, per platform. */
export function shortcutLabels(): { aria: string; text: string } {
  const mac = /Mac|iPhone|iPad/.test(navigator.platform);
  return mac
    ? { aria: 'Meta+Alt+K', text: '⌘ ⌥ K' }
    : { aria: 'Control+Alt+K', text: 'Ctrl+Alt+K' };
}
