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

/**
 * Ctrl+Home, then waits until the focused editor's own caret is in the document's first block
 * (the title) and agrees with the DOM. Right after focusing, Chromium can drop or delay the key
 * on a busy machine; the key is then pressed again (three tries), instead of the next shortcut
 * acting on a caret somewhere else.
 */
export async function caretToStart(page: Page): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+Home');
    try {
      await page.waitForFunction(
        () => {
          type Tiptap = {
            view: { posAtDOM(node: Node, offset: number): number };
            state: {
              selection: { head: number };
              doc: { firstChild: { nodeSize: number } | null };
            };
          };
          const root = document.activeElement?.closest<HTMLElement & { editor?: Tiptap }>(
            '.ProseMirror',
          );
          const editor = root?.editor;
          const selection = document.getSelection();
          if (!editor || !selection?.focusNode) return false;
          const head = editor.state.selection.head;
          const inFirstBlock = head <= (editor.state.doc.firstChild?.nodeSize ?? 0);
          const agrees = editor.view.posAtDOM(selection.focusNode, selection.focusOffset) === head;
          return inFirstBlock && agrees;
        },
        undefined,
        { timeout: 3000 },
      );
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}
