/**
 * Builds a realistic ~N-byte editor document (Y.XmlFragment "default" of `paragraph`
 * elements, each holding one Y.XmlText) by simulating an editing history: three authors
 * append paragraphs, insert words in the middle of existing text, delete ranges and apply
 * bold/italic marks. The result is a list of update batches (each the merge of a few
 * transactions, ~batchBytes) that a client sends to the server one message at a time.
 * Deterministic for a given PRNG seed, so both servers receive the very same document.
 */
import { createHash } from 'node:crypto';
import * as Y from 'yjs';

const WORDS = (
  'de het een en van in op te dat met voor zijn huurders gemeente corporatie woningen ' +
  'prestatieafspraken jaarlijks nieuwbouw sociale huurwoningen betaalbaarheid duurzaamheid ' +
  'isolatie energielabel leefbaarheid wijk doelgroep urgentie toewijzing huurverhoging ' +
  'inkomensgrens zorg wonen ouderen starters statushouders onderhoud renovatie verduurzaming ' +
  'woonlasten afspraak partijen overleg bod monitoring kwartaal realisatie aantal procent ' +
  'uiterlijk december evaluatie huurdersorganisatie bewonerscommissie gezamenlijk inzet'
).split(/\s+/);

/** mulberry32 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DocFingerprint {
  paragraphs: number;
  textLength: number;
  /** sha1 of the fragment's XML string (text + marks). */
  hash: string;
}

export function fingerprint(doc: Y.Doc): DocFingerprint {
  const frag = doc.getXmlFragment('default');
  let textLength = 0;
  let paragraphs = 0;
  for (const child of frag.toArray()) {
    if (child instanceof Y.XmlElement) {
      paragraphs++;
      for (const c of child.toArray()) if (c instanceof Y.XmlText) textLength += c.length;
    }
  }
  const hash = createHash('sha1').update(frag.toJSON()).digest('hex');
  return { paragraphs, textLength, hash };
}

export interface Seed {
  batches: Uint8Array[];
  stateBytes: number;
  fingerprint: DocFingerprint;
  buildMs: number;
}

export function buildSeed(targetBytes: number, batchBytes = 16_000, seed = 42): Seed {
  const t0 = performance.now();
  const rnd = prng(seed);
  const doc = new Y.Doc({ gc: true });
  const authors = [1_000_001, 1_000_002, 1_000_003];
  doc.clientID = authors[0]!;
  const frag = doc.getXmlFragment('default');
  const texts: Y.XmlText[] = [];
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));

  const word = (): string => WORDS[Math.floor(rnd() * WORDS.length)]!;
  const sentence = (): string => {
    const n = 6 + Math.floor(rnd() * 14);
    const ws: string[] = [];
    for (let i = 0; i < n; i++) ws.push(word());
    const s = ws.join(' ');
    return s.charAt(0).toUpperCase() + s.slice(1) + '. ';
  };

  let size = 0;
  let ops = 0;
  while (size < targetBytes) {
    doc.clientID = authors[Math.floor(rnd() * authors.length)]!;
    doc.transact(() => {
      const r = rnd();
      if (r < 0.35 || texts.length < 5) {
        // a new paragraph of 2-5 sentences, at the end or somewhere in between
        const p = new Y.XmlElement('paragraph');
        const t = new Y.XmlText();
        let s = '';
        const k = 2 + Math.floor(rnd() * 4);
        for (let i = 0; i < k; i++) s += sentence();
        t.insert(0, s.trimEnd());
        p.insert(0, [t]);
        const at = rnd() < 0.8 ? frag.length : Math.floor(rnd() * (frag.length + 1));
        frag.insert(at, [p]);
        texts.push(t);
      } else {
        const t = texts[Math.floor(rnd() * texts.length)]!;
        const len = t.length;
        if (r < 0.75) {
          // typing a few words into existing text, word by word (separate items)
          let pos = Math.floor(rnd() * (len + 1));
          const k = 1 + Math.floor(rnd() * 4);
          for (let i = 0; i < k; i++) {
            const w = ' ' + word();
            t.insert(pos, w);
            pos += w.length;
          }
        } else if (r < 0.9 && len > 20) {
          const pos = Math.floor(rnd() * (len - 10));
          t.delete(pos, 1 + Math.floor(rnd() * 8));
        } else if (len > 20) {
          const pos = Math.floor(rnd() * (len - 10));
          t.format(pos, 3 + Math.floor(rnd() * 7), rnd() < 0.5 ? { bold: true } : { italic: true });
        }
      }
    });
    ops++;
    if (ops % 200 === 0) size = Y.encodeStateAsUpdate(doc).byteLength;
  }
  // Merge consecutive transactions into ~batchBytes messages.
  const batches: Uint8Array[] = [];
  let cur: Uint8Array[] = [];
  let curBytes = 0;
  for (const u of updates) {
    cur.push(u);
    curBytes += u.byteLength;
    if (curBytes >= batchBytes) {
      batches.push(Y.mergeUpdates(cur));
      cur = [];
      curBytes = 0;
    }
  }
  if (cur.length) batches.push(Y.mergeUpdates(cur));
  const stateBytes = Y.encodeStateAsUpdate(doc).byteLength;
  const fp = fingerprint(doc);
  doc.destroy();
  return { batches, stateBytes, fingerprint: fp, buildMs: performance.now() - t0 };
}
