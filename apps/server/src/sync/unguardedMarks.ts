import type * as Y from 'yjs';
import { clauseElements } from './clauseElements';

/** The clause attributes only the server sets: a lock's decision id and an open round's id. */
export const SERVER_MARKS = ['locked', 'round'] as const;

/**
 * Clauses carrying a server mark (LOCK-1, CONS-5) that the room does not guard: forged by a
 * client, or left behind when removing a mark failed (a storage hiccup, a restart between two
 * writes). Editors refuse changes to marked clauses, so a mark nobody guards would block
 * everyone for nothing: the room removes these. What the store says is locked or held is what
 * the room guards.
 */
export function unguardedMarks(
  doc: Y.Doc,
  guarded: ReadonlySet<string>,
): { el: Y.XmlElement; mark: (typeof SERVER_MARKS)[number] }[] {
  const out: { el: Y.XmlElement; mark: (typeof SERVER_MARKS)[number] }[] = [];
  for (const el of clauseElements(doc)) {
    const id: unknown = el.getAttribute('id');
    if (typeof id === 'string' && guarded.has(id)) continue;
    for (const mark of SERVER_MARKS)
      if (el.getAttribute(mark) !== undefined) out.push({ el, mark });
  }
  return out;
}
