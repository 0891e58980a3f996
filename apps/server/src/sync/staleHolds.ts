import * as Y from 'yjs';
import { CONTENT_FRAGMENT, NODE } from '@akkoord/domain';

/**
 * Clauses marked as held for a consent round (`round` attribute, CONS-5) that the room does not
 * guard: the round closed but removing the mark failed (a storage hiccup, a restart between the
 * two writes). Clients would keep refusing edits to them, so the room drops these marks.
 */
export function staleHolds(doc: Y.Doc, guarded: ReadonlySet<string>): Y.XmlElement[] {
  const out: Y.XmlElement[] = [];
  const walk = (parent: Y.XmlElement | Y.XmlFragment) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === NODE.clause) {
        const id = child.getAttribute('id');
        if (child.getAttribute('round') !== undefined && (id === undefined || !guarded.has(id)))
          out.push(child);
      } else walk(child);
    }
  };
  walk(doc.getXmlFragment(CONTENT_FRAGMENT));
  return out;
}
