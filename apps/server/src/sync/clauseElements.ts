import * as Y from 'yjs';
import { CONTENT_FRAGMENT, NODE } from '@akkoord/domain';

/**
 * Every clause element of the document's content, in document order. The schema does not nest
 * clauses, but a raw client can: a clause inside another is found too (after its parent).
 */
export function* clauseElements(doc: Y.Doc): Generator<Y.XmlElement> {
  function* walk(parent: Y.XmlElement | Y.XmlFragment): Generator<Y.XmlElement> {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === NODE.clause) yield child;
      yield* walk(child);
    }
  }
  yield* walk(doc.getXmlFragment(CONTENT_FRAGMENT));
}
