import * as Y from 'yjs';
import { readClauses } from './read';
import { CONTENT_FRAGMENT, NODE } from './schemaNames';

/**
 * Text anchors of comment threads.
 *
 * An anchor is two Yjs relative positions (`Y.encodeRelativePosition`, base64) into the
 * document's `default` Y.XmlFragment. Relative positions point at Yjs items, not at offsets, so
 * they follow the text through concurrent edits on every replica. Positions are counted the
 * way ProseMirror (and y-prosemirror) counts them in the editor — an element opens and closes
 * with one position each, a character is one position, a leaf (hardBreak) is one — so the web
 * can turn an editor selection into an anchor and an anchor back into a selection or a
 * decoration, and the server resolves the same anchor to the same numbers without an editor.
 *
 * Anchors made by y-prosemirror's `absolutePositionToRelativePosition` resolve here too (and
 * ours there); `anchorFromRange` makes the start stick to the first anchored character and the
 * end to the last, so typing right before or after the range does not grow it.
 */

export interface TextAnchor {
  /** base64 of `Y.encodeRelativePosition` of the first position of the range. */
  start: string;
  /** base64 of `Y.encodeRelativePosition` of the position after the range. */
  end: string;
}

/** A range in ProseMirror positions of the document the fragment holds; `from < to`. */
export interface AnchorRange {
  from: number;
  to: number;
}

/** Nodes without content: one position each (ProseMirror leaves). */
const LEAF_NODES: ReadonlySet<string> = new Set([NODE.hardBreak]);

type YNode = Y.XmlElement | Y.XmlText | Y.XmlHook;
type YContainer = Y.XmlFragment | Y.XmlElement;

const childrenOf = (c: YContainer): YNode[] => c.toArray();

function fragmentOf(source: Y.Doc | Y.XmlFragment): Y.XmlFragment {
  return source instanceof Y.Doc ? source.getXmlFragment(CONTENT_FRAGMENT) : source;
}

/** ProseMirror `nodeSize` of what y-prosemirror makes of this Y node. */
function nodeSize(n: YNode): number {
  if (n instanceof Y.XmlText) return n.length;
  if (n instanceof Y.XmlElement) return LEAF_NODES.has(n.nodeName) ? 1 : 2 + contentSize(n);
  return 0;
}

function contentSize(c: YContainer): number {
  let size = 0;
  for (const k of childrenOf(c)) size += nodeSize(k);
  return size;
}

/** The size of the document's content: positions run from 0 to this. */
export function documentSize(source: Y.Doc | Y.XmlFragment): number {
  return contentSize(fragmentOf(source));
}

// ---------------------------------------------------------------------------------------------
// Encoding

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Decodes one encoded relative position, or null when it is not one. Positions naming a root
 * type other than `default` are refused: resolving them would create that root type in the
 * (possibly live, shared) document.
 */
export function decodePosition(encoded: string): Y.RelativePosition | null {
  if (typeof encoded !== 'string' || encoded.length === 0 || encoded.length > 1024) return null;
  if (!BASE64.test(encoded)) return null;
  try {
    const rel = Y.decodeRelativePosition(fromBase64(encoded));
    if (rel.tname !== null && rel.tname !== CONTENT_FRAGMENT) return null;
    if (rel.type === null && rel.tname === null && rel.item === null) return null;
    return rel;
  } catch {
    return null;
  }
}

/** Whether both ends of an anchor decode (says nothing about whether they resolve). */
export function isWellFormedAnchor(anchor: TextAnchor): boolean {
  return decodePosition(anchor.start) !== null && decodePosition(anchor.end) !== null;
}

// ---------------------------------------------------------------------------------------------
// Positions → anchor

function relativeAt(container: YContainer, pos: number, assoc: number): Y.RelativePosition {
  const kids = childrenOf(container);
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    if (k instanceof Y.XmlText) {
      if (pos <= k.length) return Y.createRelativePositionFromTypeIndex(k, pos, assoc);
      pos -= k.length;
    } else {
      if (pos === 0) return Y.createRelativePositionFromTypeIndex(container, i, assoc);
      const size = nodeSize(k);
      if (pos < size && k instanceof Y.XmlElement) return relativeAt(k, pos - 1, assoc);
      pos -= size;
    }
  }
  if (pos === 0) return Y.createRelativePositionFromTypeIndex(container, kids.length, assoc);
  throw new RangeError('position outside the document');
}

/** The relative position of a ProseMirror position; `assoc` < 0 sticks to what is before it. */
export function relativePosition(
  source: Y.Doc | Y.XmlFragment,
  pos: number,
  assoc = 0,
): Y.RelativePosition {
  if (!Number.isInteger(pos) || pos < 0) throw new RangeError('position outside the document');
  return relativeAt(fragmentOf(source), pos, assoc);
}

/**
 * The anchor of a non-empty range (ProseMirror positions, e.g. an editor selection). Throws a
 * RangeError when the range is empty or outside the document.
 */
export function anchorFromRange(source: Y.Doc | Y.XmlFragment, range: AnchorRange): TextAnchor {
  if (!(range.from < range.to)) throw new RangeError('an anchor needs a non-empty range');
  return {
    start: toBase64(Y.encodeRelativePosition(relativePosition(source, range.from, 0))),
    end: toBase64(Y.encodeRelativePosition(relativePosition(source, range.to, -1))),
  };
}

// ---------------------------------------------------------------------------------------------
// Anchor → positions

/**
 * The ProseMirror position a relative position stands for in this document, or null when it
 * does not resolve here: unknown items (not received yet), another root type, or a node on the
 * way up that was deleted (its paragraph or clause is gone).
 */
export function absolutePosition(
  doc: Y.Doc,
  rel: Y.RelativePosition,
  fragment: Y.XmlFragment = doc.getXmlFragment(CONTENT_FRAGMENT),
): number | null {
  let abs: Y.AbsolutePosition | null;
  try {
    abs = Y.createAbsolutePositionFromRelativePosition(rel, doc);
  } catch {
    return null;
  }
  if (!abs) return null;
  const type = abs.type;
  let pos = 0;
  if (type instanceof Y.XmlText) {
    pos = abs.index;
  } else if (type instanceof Y.XmlElement || type instanceof Y.XmlFragment) {
    const kids = childrenOf(type);
    for (let i = 0; i < abs.index && i < kids.length; i++) pos += nodeSize(kids[i]!);
  } else {
    return null;
  }
  let t: Y.XmlText | Y.XmlElement | Y.XmlFragment = type;
  while (t !== fragment) {
    const item = t._item;
    if (item === null || item.deleted) return null;
    const parent: Y.AbstractType<unknown> | null = t.parent as Y.AbstractType<unknown> | null;
    if (!(parent instanceof Y.XmlElement || parent instanceof Y.XmlFragment)) return null;
    let before = 0;
    for (const k of childrenOf(parent)) {
      if (k === t) break;
      before += nodeSize(k);
    }
    // An element's content starts one position after its opening; a text has no opening.
    pos += before + (t instanceof Y.XmlText ? 0 : 1);
    t = parent;
  }
  return pos;
}

/**
 * Where an anchor is now, or null when it is detached: an end does not resolve (its text or
 * the node holding it was deleted, or it is malformed) or the range collapsed (all of the
 * anchored text was deleted).
 */
export function resolveAnchor(doc: Y.Doc, anchor: TextAnchor): AnchorRange | null {
  const start = decodePosition(anchor.start);
  const end = decodePosition(anchor.end);
  if (!start || !end) return null;
  const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
  const from = absolutePosition(doc, start, fragment);
  const to = absolutePosition(doc, end, fragment);
  if (from === null || to === null || !(from < to)) return null;
  return { from, to };
}

/**
 * The plain text between two positions: text as is, a hard break as "\n", and a "\n" between
 * blocks (like ProseMirror's `textBetween(from, to, '\n', '\n')`).
 */
export function textInRange(source: Y.Doc | Y.XmlFragment, range: AnchorRange): string {
  let out = '';
  const walk = (c: YContainer, start: number): void => {
    let pos = start;
    for (const k of childrenOf(c)) {
      if (pos >= range.to) return;
      const size = nodeSize(k);
      if (pos + size > range.from) {
        if (k instanceof Y.XmlText) {
          const text = (k.toDelta() as { insert: unknown }[])
            .map((d) => (typeof d.insert === 'string' ? d.insert : '\uFFFC'))
            .join('');
          out += text.slice(Math.max(0, range.from - pos), range.to - pos);
        } else if (k instanceof Y.XmlElement) {
          if (LEAF_NODES.has(k.nodeName)) {
            if (k.nodeName === NODE.hardBreak) out += '\n';
          } else {
            if (out !== '' && !out.endsWith('\n')) out += '\n';
            walk(k, pos + 1);
          }
        }
      }
      pos += size;
    }
  };
  walk(fragmentOf(source), 0);
  return out.replace(/^\n+|\n+$/g, '');
}

// ---------------------------------------------------------------------------------------------
// Threads

/** Where a thread is in the current document. */
export interface ThreadPlacement {
  /**
   * True when what it was attached to is gone: its clause no longer exists, or its text anchor
   * no longer resolves to a non-empty range. The thread stays; its quote tells what it was about.
   */
  detached: boolean;
  /** The anchored range now (null without a text anchor, or when detached). */
  range: AnchorRange | null;
}

export function locateThread(
  doc: Y.Doc,
  thread: { clauseId: string | null; anchor: TextAnchor | null },
): ThreadPlacement {
  return locateThreads(doc, [thread])[0]!;
}

/** `locateThread` for many threads of one document (its clauses are read once). */
export function locateThreads(
  doc: Y.Doc,
  threads: readonly { clauseId: string | null; anchor: TextAnchor | null }[],
): ThreadPlacement[] {
  let clauseIds: Set<string> | null = null;
  const clauseExists = (id: string) =>
    (clauseIds ??= new Set(readClauses(doc).map((c) => c.id))).has(id);
  return threads.map((thread) => {
    const range = thread.anchor ? resolveAnchor(doc, thread.anchor) : null;
    const clauseGone = thread.clauseId !== null && !clauseExists(thread.clauseId);
    const detached = clauseGone || (thread.anchor !== null && range === null);
    return { detached, range: detached ? null : range };
  });
}
