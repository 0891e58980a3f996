import * as Y from 'yjs';
import { CONTENT_FRAGMENT, NODE } from '@akkoord/domain';

/**
 * Every clause element of the document's content, in document order. The schema does not nest
 * clauses, but a raw client can: a clause inside another is found too (after its parent).
 * A plain recursion filling one array: this runs after every client update that adds or removes
 * elements, and nested generators were most of its cost.
 */
export function clauseElements(doc: Y.Doc): Y.XmlElement[] {
  const out: Y.XmlElement[] = [];
  const walk = (parent: Y.XmlElement | Y.XmlFragment): void => {
    for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === NODE.clause) out.push(child);
      walk(child);
    }
  };
  walk(doc.getXmlFragment(CONTENT_FRAGMENT));
  return out;
}
