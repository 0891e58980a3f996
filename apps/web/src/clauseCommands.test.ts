import type { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import { insertClauseHere } from './clauseCommands';
import { agreementWith, mountClauseEditor } from './clauseEditorTesting';
import { ClauseViewSettings } from './clauseViewSettings';
import './testing';

let editor: Editor | null = null;

afterEach(() => {
  editor?.destroy();
  editor = null;
  document.body.replaceChildren();
});

function mount(): Editor {
  const settings = new ClauseViewSettings({ parties: [], readOnly: false });
  editor = mountClauseEditor(settings, agreementWith([])).editor;
  return editor;
}

function themeOfClause(e: Editor): string | null {
  let theme: string | null = null;
  e.state.doc.forEach((section) => {
    section.forEach((child) => {
      if (child.type.name === 'clause') theme = section.attrs.theme as string;
    });
  });
  return theme;
}

describe('insertClauseHere', () => {
  it('uses the caret the DOM has even before ProseMirror has read it (a key right after Ctrl+Home)', () => {
    const e = mount();
    // ProseMirror believes the cursor is at the end (the last theme)…
    e.commands.setTextSelection(e.state.doc.content.size - 1);
    e.view.dom.focus();
    // …while the browser has already moved it to the start of the title, as Ctrl+Home does,
    // and no 'selectionchange' has been handled yet.
    const title = e.view.dom.querySelector('h1');
    const text = title?.firstChild;
    expect(text).toBeTruthy();
    const selection = document.getSelection()!;
    // ProseMirror's DOM observer (internal) would read the change at once here; a busy browser
    // reads it a frame later. Pausing the observer makes that moment last.
    const observer = (e.view as unknown as { domObserver: { stop(): void; start(): void } })
      .domObserver;
    observer.stop();
    selection.collapse(text!, 0);
    observer.start();
    expect(insertClauseHere(e)).toBe(true);
    expect(themeOfClause(e)).toBe('beschikbaarheid');
  });
});
