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
    const root = document.querySelector<HTMLElement & { editor?: Tiptap }>('.ProseMirror');
    const selection = document.getSelection();
    const editor = root?.editor;
    if (!editor || !selection?.focusNode || !root?.contains(selection.focusNode)) return false;
    return (
      editor.view.posAtDOM(selection.focusNode, selection.focusOffset) ===
      editor.state.selection.head
    );
  });
}
