import { anchorFromRange, locateThreads, NODE, type ThreadDto } from '@akkoord/domain';
import { findClause } from '@akkoord/domain/tiptap';
import type { Node as PMNode } from '@tiptap/pm/model';
import type { EditorState } from '@tiptap/pm/state';
import type * as Y from 'yjs';
import type { PlacedThread } from './threads';

/** The id of the clause holding a position, or null outside any clause. */
export function clauseAt(doc: PMNode, pos: number): string | null {
  if (pos < 0 || pos > doc.content.size) return null;
  const $pos = doc.resolve(pos);
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth);
    if (node.type.name === NODE.clause) {
      return typeof node.attrs.id === 'string' ? node.attrs.id : null;
    }
  }
  return null;
}

/**
 * Where each thread is in the document now: text anchors resolved through the shared Y.Doc
 * (the positions are the editor's), clause threads by their clause.
 */
export function placeThreads(
  ydoc: Y.Doc,
  doc: PMNode,
  threads: readonly ThreadDto[],
): PlacedThread[] {
  const placements = locateThreads(ydoc, threads);
  return threads.map((thread, i) => {
    const placement = placements[i] ?? { detached: true, range: null };
    if (placement.detached) {
      return { thread, clauseId: thread.clauseId, pos: null, range: null, detached: true };
    }
    if (placement.range !== null) {
      const range = placement.range;
      return {
        thread,
        clauseId: thread.clauseId ?? clauseAt(doc, range.from),
        pos: range.from,
        range,
        detached: false,
      };
    }
    const found = thread.clauseId === null ? null : findClause(doc, thread.clauseId);
    return {
      thread,
      clauseId: thread.clauseId,
      pos: found?.pos ?? null,
      range: null,
      detached: found === null,
    };
  });
}

/** What a new thread would be about: the selected text, or the clause holding the cursor. */
export type ThreadTarget =
  | {
      kind: 'text';
      anchor: { start: string; end: string };
      quote: string;
      clauseId: string | null;
    }
  | { kind: 'clause'; clauseId: string };

export function threadTarget(ydoc: Y.Doc, state: EditorState): ThreadTarget | null {
  const { from, to, empty } = state.selection;
  if (empty) {
    const clauseId = clauseAt(state.doc, from);
    return clauseId === null ? null : { kind: 'clause', clauseId };
  }
  let anchor;
  try {
    anchor = anchorFromRange(ydoc, { from, to });
  } catch {
    return null;
  }
  const quote = state.doc.textBetween(from, to, '\n', '\n').slice(0, 2000);
  const first = clauseAt(state.doc, from);
  const clauseId = first !== null && clauseAt(state.doc, to) === first ? first : null;
  return { kind: 'text', anchor, quote, clauseId };
}
