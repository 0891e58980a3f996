import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  currentMarks,
  sameMarks,
  ThreadHighlights,
  threadHighlightsKey,
  type ThreadMark,
} from './threadHighlights';
import './testing';

let editor: Editor | null = null;

afterEach(() => {
  editor?.destroy();
  editor = null;
  document.body.replaceChildren();
});

describe('thread highlights', () => {
  it('tints the given ranges and keeps them on the text through edits', () => {
    const element = document.createElement('div');
    document.body.append(element);
    editor = new Editor({
      element,
      extensions: [StarterKit.configure({ undoRedo: false }), ThreadHighlights],
      content: '<p>De corporatie bouwt woningen.</p>',
    });
    const marks: ThreadMark[] = [{ threadId: 't1', from: 4, to: 14 }];
    editor.view.dispatch(editor.state.tr.setMeta(threadHighlightsKey, marks));
    expect(element.querySelector('.thread-mark')?.textContent).toBe('corporatie');
    expect(element.querySelector('.thread-mark')?.getAttribute('data-thread-id')).toBe('t1');

    editor.commands.insertContentAt(1, 'Nu ');
    const now = currentMarks(threadHighlightsKey.getState(editor.state));
    expect(now).toEqual([{ threadId: 't1', from: 7, to: 17 }]);
    expect(element.querySelector('.thread-mark')?.textContent).toBe('corporatie');
    expect(sameMarks(now, [{ threadId: 't1', from: 7, to: 17 }])).toBe(true);
    expect(sameMarks(now, [{ threadId: 't1', from: 4, to: 14 }])).toBe(false);

    editor.view.dispatch(editor.state.tr.setMeta(threadHighlightsKey, []));
    expect(element.querySelector('.thread-mark')).toBeNull();
  });
});
