import type { Page } from 'playwright-core';

/**
 * ProseMirror reads a caret moved natively (Ctrl+Home, End, a click) on a later
 * 'selectionchange' event; on a busy machine the next key can arrive first and act on the old
 * cursor. This waits until the editor's own selection (Tiptap puts the editor on its element)
 * is where the DOM caret is. Call it after every native caret move, before the next key.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    type View = { posAtDOM(node: Node, offset: number): number };
    type Tiptap = { view: View; state: { selection: { head: number } } };
    const selection = document.getSelection();
    const focus = selection?.focusNode;
    if (!selection || !focus) return false;
    // The editor the caret is in (a page can show two: the agreement and the party's notes).
    const element = focus instanceof Element ? focus : focus.parentElement;
    const root = element?.closest<HTMLElement & { editor?: Tiptap }>('.ProseMirror');
    const editor = root?.editor;
    if (!editor) return false;
    return editor.view.posAtDOM(focus, selection.focusOffset) === editor.state.selection.head;
  });
}
