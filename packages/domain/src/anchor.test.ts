import {
  absolutePositionToRelativePosition,
  initProseMirrorDoc,
  relativePositionToAbsolutePosition,
} from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  absolutePosition,
  anchorFromRange,
  decodePosition,
  documentSize,
  isWellFormedAnchor,
  locateThread,
  relativePosition,
  resolveAnchor,
  textInRange,
  type AnchorRange,
  type TextAnchor,
} from './anchor';
import { CreateThreadBody } from './comments';
import { CONTENT_FRAGMENT, NODE } from './schemaNames';
import { sampleAgreementYDoc } from './testFixtures';
import { fragmentToDoc, headlessSchema } from './tiptap';

type ProsemirrorMapping = Parameters<typeof relativePositionToAbsolutePosition>[3];

/**
 * Anchors of comment threads (apps/server/SPEC.md CMT-8): positions counted as the editor counts
 * them, following the text through concurrent edits between replicas, detached when the text
 * or its node is deleted.
 */

const fragment = (doc: Y.Doc) => doc.getXmlFragment(CONTENT_FRAGMENT);

/** The ProseMirror range of the first occurrence of `text` in the document. */
function rangeOf(doc: Y.Doc, text: string): AnchorRange {
  const pm = fragmentToDoc(doc);
  let found: AnchorRange | null = null;
  pm.descendants((node, pos) => {
    if (found || !node.isText) return !found;
    const i = node.text!.indexOf(text);
    if (i >= 0) found = { from: pos + i, to: pos + i + text.length };
    return false;
  });
  if (!found) throw new Error(`"${text}" not in the document`);
  return found;
}

/** What the editor would show between the positions. */
const pmText = (doc: Y.Doc, r: AnchorRange) =>
  fragmentToDoc(doc).textBetween(r.from, r.to, '\n', '\n');

/** The Y.XmlText holding `text`. */
function yTextWith(doc: Y.Doc, text: string): Y.XmlText {
  const walk = (n: Y.XmlElement | Y.XmlFragment): Y.XmlText | null => {
    for (const k of n.toArray()) {
      if (k instanceof Y.XmlText && k.toJSON().includes(text)) return k;
      if (k instanceof Y.XmlElement) {
        const r = walk(k);
        if (r) return r;
      }
    }
    return null;
  };
  const t = walk(fragment(doc));
  if (!t) throw new Error(`no text node with "${text}"`);
  return t;
}

/** Two replicas of the sample agreement that deliver each other's updates only on `sync()`. */
function replicas() {
  const a = sampleAgreementYDoc();
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  const sync = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  };
  return { a, b, sync };
}

describe('positions (the editor’s numbering)', () => {
  it('CMT-8 counts positions as the ProseMirror document of the same fragment', () => {
    const doc = sampleAgreementYDoc();
    expect(documentSize(doc)).toBe(fragmentToDoc(doc).content.size);
    for (const t of ['Inleiding', '120 sociale huurwoningen', 'versnelt', 'Oude afspraak']) {
      const r = rangeOf(doc, t);
      const anchor = anchorFromRange(doc, r);
      expect(resolveAnchor(doc, anchor)).toEqual(r);
      expect(textInRange(doc, r)).toBe(t);
    }
  });

  it('CMT-8 reads the same text as ProseMirror across blocks and hard breaks', () => {
    const doc = sampleAgreementYDoc();
    const p = new Y.XmlElement(NODE.paragraph);
    const t1 = new Y.XmlText();
    t1.insert(0, 'eerste regel');
    const t2 = new Y.XmlText();
    t2.insert(0, 'tweede regel');
    p.insert(0, [t1, new Y.XmlElement(NODE.hardBreak), t2]);
    fragment(doc).insert(2, [p]);
    expect(documentSize(doc)).toBe(fragmentToDoc(doc).content.size);
    const size = documentSize(doc);
    for (const [from, to] of [
      [1, 40],
      [20, 140],
      [rangeOf(doc, 'regel').from, rangeOf(doc, 'tweede').to],
      [0, size],
    ] as const) {
      expect(textInRange(doc, { from, to })).toBe(
        pmText(doc, { from, to }).replace(/^\n+|\n+$/g, ''),
      );
    }
  });

  it('CMT-8 agrees with y-prosemirror both ways at every position of the document', () => {
    const doc = sampleAgreementYDoc();
    const f = fragment(doc);
    const init = initProseMirrorDoc(f, headlessSchema());
    const pm = init.doc;
    const mapping = init.mapping as ProsemirrorMapping;
    for (let pos = 0; pos <= pm.content.size; pos++) {
      // The editor's relative position resolves here…
      const theirs = absolutePositionToRelativePosition(pos, f, mapping) as Y.RelativePosition;
      expect(absolutePosition(doc, theirs), `theirs at ${pos}`).toBe(pos);
      // …and ours there, whichever side it sticks to. (y-prosemirror distrusts any text position
      // that resolves to 0 or 1 — a guard against misresolution after drag-and-drop — and
      // answers null there, for its own positions too.)
      for (const assoc of [0, -1]) {
        const ours = relativePosition(doc, pos, assoc);
        expect(absolutePosition(doc, ours)).toBe(pos);
        if (pos <= 1) continue;
        expect(relativePositionToAbsolutePosition(doc, f, ours, mapping), `ours at ${pos}`).toBe(
          pos,
        );
      }
    }
  });

  it('refuses empty ranges and positions outside the document', () => {
    const doc = sampleAgreementYDoc();
    expect(() => anchorFromRange(doc, { from: 5, to: 5 })).toThrow(RangeError);
    expect(() => anchorFromRange(doc, { from: 5, to: documentSize(doc) + 1 })).toThrow(RangeError);
    expect(() => relativePosition(doc, -1)).toThrow(RangeError);
  });
});

describe('anchors under concurrent edits (two replicas exchanging updates)', () => {
  it('CMT-8 follows insertions before the range made concurrently on the other replica', () => {
    const { a, b, sync } = replicas();
    const anchor = anchorFromRange(a, rangeOf(a, '120 sociale'));
    // B types at the start of the same paragraph and in an earlier paragraph, before A's
    // anchor (made on A) reaches it, and before A sees B's edits.
    yTextWith(b, 'De corporatie bouwt').insert(0, 'Dit jaar: ');
    yTextWith(b, 'Inleiding.').insert(0, 'Een lange ');
    sync();
    for (const doc of [a, b]) {
      const r = resolveAnchor(doc, anchor);
      expect(r).not.toBeNull();
      expect(pmText(doc, r!)).toBe('120 sociale');
      expect(r).toEqual(rangeOf(doc, '120 sociale'));
    }
  });

  it('CMT-8 grows with insertions inside the range and not with typing at its edges', () => {
    const { a, b, sync } = replicas();
    const anchor = anchorFromRange(a, rangeOf(a, 'sociale huurwoningen'));
    const t = yTextWith(b, 'sociale huurwoningen');
    const at = t.toJSON().indexOf('sociale huurwoningen');
    t.insert(at + 'sociale '.length, 'betaalbare ');
    sync();
    const t2 = yTextWith(a, 'sociale');
    const at2 = t2.toJSON().indexOf('sociale');
    const end = t2.toJSON().indexOf('huurwoningen') + 'huurwoningen'.length;
    t2.insert(end, ' extra'); // right after the range: not in it
    t2.insert(at2, 'nieuwe '); // right before the range: not in it
    sync();
    for (const doc of [a, b]) {
      expect(pmText(doc, resolveAnchor(doc, anchor)!)).toBe('sociale betaalbare huurwoningen');
    }
  });

  it('CMT-8 shrinks with a partial deletion and detaches when the range is deleted', () => {
    const { a, b, sync } = replicas();
    const anchor = anchorFromRange(a, rangeOf(a, 'sociale grondprijs'));
    const t = yTextWith(b, 'sociale grondprijs');
    t.delete(t.toJSON().indexOf('sociale '), 'sociale '.length);
    sync();
    expect(pmText(a, resolveAnchor(a, anchor)!)).toBe('grondprijs');
    const t2 = yTextWith(a, 'grondprijs');
    t2.delete(t2.toJSON().indexOf('grondprijs'), 'grondprijs'.length);
    sync();
    expect(resolveAnchor(a, anchor)).toBeNull();
    expect(resolveAnchor(b, anchor)).toBeNull();
  });

  it('CMT-8 detaches when the clause holding the range is deleted concurrently with an edit in it', () => {
    const { a, b, sync } = replicas();
    const thread = { clauseId: 'c2', anchor: anchorFromRange(a, rangeOf(a, 'vergunningen')) };
    expect(locateThread(a, thread)).toEqual({ detached: false, range: rangeOf(a, 'vergunningen') });
    // A edits inside the clause while B deletes the whole clause.
    yTextWith(a, 'vergunningen').insert(0, 'Snel: ');
    const section = fragment(b).get(2) as Y.XmlElement;
    const i = section
      .toArray()
      .findIndex((n) => n instanceof Y.XmlElement && n.getAttribute('id') === 'c2');
    section.delete(i, 1);
    sync();
    for (const doc of [a, b]) {
      expect(resolveAnchor(doc, thread.anchor)).toBeNull();
      expect(locateThread(doc, thread)).toEqual({ detached: true, range: null });
      expect(locateThread(doc, { clauseId: 'c2', anchor: null }).detached).toBe(true);
      expect(locateThread(doc, { clauseId: 'c1', anchor: null })).toEqual({
        detached: false,
        range: null,
      });
    }
  });

  it('CMT-8 resolves once the anchored text arrives (an anchor made ahead of the server’s copy)', () => {
    const { a, b, sync } = replicas();
    yTextWith(a, 'Inleiding.').insert(10, ' Nieuw stuk.');
    const anchor = anchorFromRange(a, rangeOf(a, 'Nieuw stuk'));
    expect(resolveAnchor(b, anchor)).toBeNull(); // B has not received the text yet
    sync();
    expect(pmText(b, resolveAnchor(b, anchor)!)).toBe('Nieuw stuk');
  });
});

describe('hostile anchors', () => {
  const bad: TextAnchor[] = [
    { start: 'not base64!', end: 'AAAA' },
    { start: '', end: '' },
    { start: 'AAAA', end: '////' },
    { start: 'x'.repeat(2000), end: 'AAAA' },
  ];

  it('CMT-9 decodes nothing that is not a relative position, and never throws', () => {
    const doc = sampleAgreementYDoc();
    for (const a of bad) {
      expect(isWellFormedAnchor(a)).toBe(false);
      expect(resolveAnchor(doc, a)).toBeNull();
    }
  });

  it('CMT-9 refuses positions in another root type, so resolving one never creates it', () => {
    const doc = sampleAgreementYDoc();
    const other = new Y.Doc();
    other.getText('elders').insert(0, 'abc');
    const rel = Y.createRelativePositionFromTypeIndex(other.getText('elders'), 1);
    // A position at the start of a root type carries its name.
    const named = Y.createRelativePositionFromTypeIndex(other.getText('elders'), 0, -1);
    const b64 = (r: Y.RelativePosition) =>
      Buffer.from(Y.encodeRelativePosition(r)).toString('base64');
    expect(decodePosition(b64(named))).toBeNull();
    expect(resolveAnchor(doc, { start: b64(named), end: b64(rel) })).toBeNull();
    expect([...doc.share.keys()]).toEqual([CONTENT_FRAGMENT]);
  });

  it('CMT-9 the request schema refuses malformed anchors with a field message', () => {
    const r = CreateThreadBody.safeParse({ body: 'x', anchor: bad[0] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['anchor']);
    const ok = CreateThreadBody.safeParse({
      body: '  Waarom 120?  ',
      anchor: anchorFromRange(sampleAgreementYDoc(), { from: 3, to: 6 }),
      mentions: ['u_1', 'u_1'],
    });
    expect(ok.success && ok.data).toMatchObject({ body: 'Waarom 120?', mentions: ['u_1'] });
    expect(CreateThreadBody.safeParse({ body: 'zwevend' }).success).toBe(false);
    expect(CreateThreadBody.safeParse({ body: 'x'.repeat(10_001), clauseId: 'c1' }).success).toBe(
      false,
    );
  });
});
