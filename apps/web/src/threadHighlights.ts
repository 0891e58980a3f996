import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

/** A commented range of text: where an open thread's anchor is now. */
export interface ThreadMark {
  threadId: string;
  from: number;
  to: number;
}

export const threadHighlightsKey = new PluginKey<DecorationSet>('threadHighlights');

/**
 * Tints the text open comment threads are about. The ranges come from the threads panel
 * (`setThreadMarks`); between two updates the decorations follow edits by themselves.
 */
export const ThreadHighlights = Extension.create({
  name: 'threadHighlights',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: threadHighlightsKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            const marks = tr.getMeta(threadHighlightsKey) as readonly ThreadMark[] | undefined;
            if (marks === undefined) return set.map(tr.mapping, tr.doc);
            const size = tr.doc.content.size;
            return DecorationSet.create(
              tr.doc,
              marks
                .filter((m) => m.from < m.to && m.to <= size)
                .map((m) =>
                  Decoration.inline(
                    m.from,
                    m.to,
                    { class: 'thread-mark', 'data-thread-id': m.threadId },
                    { threadId: m.threadId },
                  ),
                ),
            );
          },
        },
        props: {
          decorations: (state) => threadHighlightsKey.getState(state),
        },
      }),
    ];
  },
});

/** The marks shown now, in document order. */
export function currentMarks(set: DecorationSet | undefined): ThreadMark[] {
  return (set?.find() ?? []).map((d) => ({
    threadId: String((d.spec as { threadId?: unknown }).threadId),
    from: d.from,
    to: d.to,
  }));
}

/** Same ranges (in any order): nothing to redraw. */
export function sameMarks(a: readonly ThreadMark[], b: readonly ThreadMark[]): boolean {
  if (a.length !== b.length) return false;
  const key = (m: ThreadMark) => `${m.threadId}:${m.from}:${m.to}`;
  const keys = new Set(a.map(key));
  return b.every((m) => keys.has(key(m)));
}
