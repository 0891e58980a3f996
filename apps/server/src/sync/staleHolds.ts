import type * as Y from 'yjs';
import { clauseElements } from './clauseElements';

/**
 * Clauses marked as held for a consent round (`round` attribute, CONS-5) that the room does not
 * guard: the round closed but removing the mark failed (a storage hiccup, a restart between the
 * two writes). Clients would keep refusing edits to them, so the room drops these marks.
 */
export function staleHolds(doc: Y.Doc, guarded: ReadonlySet<string>): Y.XmlElement[] {
  return [...clauseElements(doc)].filter((el) => {
    const id: unknown = el.getAttribute('id');
    return el.getAttribute('round') !== undefined && (typeof id !== 'string' || !guarded.has(id));
  });
}
