import * as Y from 'yjs';

/**
 * Document content written the way any Yjs client could: the Y.Xml shapes y-prosemirror
 * makes of the clause schema (packages/domain), for tests that change documents through a real
 * sync client rather than through an editor.
 */

export function themeSectionOf(doc: Y.Doc, theme: string): Y.XmlElement {
  const found = doc
    .getXmlFragment('default')
    .toArray()
    .find(
      (n): n is Y.XmlElement =>
        n instanceof Y.XmlElement &&
        n.nodeName === 'themeSection' &&
        n.getAttribute('theme') === theme,
    );
  if (!found) throw new Error(`no ${theme} section`);
  return found;
}

export function paragraphElement(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  if (text) p.insert(0, [new Y.XmlText(text)]);
  return p;
}

export function counterpartElement(party: string, text: string): Y.XmlElement {
  const cp = new Y.XmlElement('counterpart');
  cp.setAttribute('party', party);
  cp.insert(0, [paragraphElement(text)]);
  return cp;
}

export interface ClauseElementInit {
  id: string;
  owner?: string;
  status?: string;
  text: string;
  /** [party, commitment] pairs. */
  counterparts?: [string, string][];
}

export function clauseElement(c: ClauseElementInit): Y.XmlElement {
  const el = new Y.XmlElement('clause');
  el.setAttribute('id', c.id);
  if (c.owner) el.setAttribute('owner', c.owner);
  el.setAttribute('status', c.status ?? 'draft');
  const text = new Y.XmlElement('clauseText');
  text.insert(0, [paragraphElement(c.text)]);
  const counterparts = (c.counterparts ?? []).map(([party, commitment]) =>
    counterpartElement(party, commitment),
  );
  // All at once: a Yjs type not yet in a document must not be read (not even its length).
  el.insert(0, [text, ...counterparts]);
  return el;
}

/** The clause element with this id, with its section and index there. */
export function findClauseElement(
  doc: Y.Doc,
  id: string,
): { parent: Y.XmlElement; index: number; el: Y.XmlElement } {
  for (const s of doc.getXmlFragment('default').toArray()) {
    if (!(s instanceof Y.XmlElement)) continue;
    const children = s.toArray();
    const index = children.findIndex(
      (n) => n instanceof Y.XmlElement && n.nodeName === 'clause' && n.getAttribute('id') === id,
    );
    if (index >= 0) return { parent: s, index, el: children[index] as Y.XmlElement };
  }
  throw new Error(`no clause ${id}`);
}
