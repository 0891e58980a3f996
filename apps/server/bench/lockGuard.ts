/**
 * `pnpm bench:locks`: what the clause-lock guard (LOCK-2) costs per client update, on an
 * agreement of 300 clauses. Prints a table: microseconds per update (median and p95) to apply
 * a one-character update without a guard, with a guard over 0 and over 50 locked clauses, and
 * for an update inside a locked clause (apply + computing its undoing).
 */
import { performance } from 'node:perf_hooks';
import { CONTENT_FRAGMENT, NODE } from '@akkoord/domain';
import * as Y from 'yjs';
import { LockGuard } from '../src/sync/LockGuard';
import { MarkGuard } from '../src/sync/MarkGuard';

const CLAUSES = 300;
const UPDATES = 2_000;

/** Stands for a connection: the guard recognises client updates by their origin's class. */
class Client {}

function agreement(): Y.Doc {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(CONTENT_FRAGMENT);
  doc.transact(() => {
    const section = new Y.XmlElement(NODE.themeSection);
    fragment.insert(0, [section]);
    for (let i = 0; i < CLAUSES; i++) {
      const clause = new Y.XmlElement(NODE.clause);
      clause.setAttribute('id', `c${i}`);
      const text = new Y.XmlElement(NODE.clauseText);
      const paragraph = new Y.XmlElement(NODE.paragraph);
      paragraph.insert(0, [new Y.XmlText(`Afspraak ${i}: de corporatie bouwt woningen.`)]);
      text.insert(0, [paragraph]);
      clause.insert(0, [text]);
      section.insert(i, [clause]);
    }
  });
  return doc;
}

/** The text node of clause `i` in `doc`. */
function textOf(doc: Y.Doc, i: number): Y.XmlText {
  const section = doc.getXmlFragment(CONTENT_FRAGMENT).get(0) as Y.XmlElement;
  const clause = section.get(i) as Y.XmlElement;
  return ((clause.get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/**
 * Updates made by another replica in clause `target`: one character each, or (`paragraphs`) a
 * new paragraph each, which adds an element and so makes the mark guard walk the clauses.
 */
function typing(base: Y.Doc, target: number, paragraphs = false): Uint8Array[] {
  const writer = new Y.Doc();
  Y.applyUpdate(writer, Y.encodeStateAsUpdate(base));
  const updates: Uint8Array[] = [];
  writer.on('update', (u: Uint8Array) => updates.push(u));
  for (let k = 0; k < UPDATES; k++) {
    if (!paragraphs) {
      textOf(writer, target).insert(0, 'x');
      continue;
    }
    const clauseText = textOf(writer, target).parent as Y.XmlElement;
    const host = clauseText.parent as Y.XmlElement;
    const paragraph = new Y.XmlElement(NODE.paragraph);
    paragraph.insert(0, [new Y.XmlText('x')]);
    host.insert(host.length, [paragraph]);
  }
  writer.destroy();
  return updates;
}

function measure(locked: number, target: number, guarded: boolean, paragraphs = false): number[] {
  const doc = agreement();
  const updates = typing(doc, target, paragraphs);
  const ids = new Set(Array.from({ length: locked }, (_, i) => `c${i}`));
  // As the room has them: the lock guard while something is locked, the mark guard always.
  const guard = guarded && locked > 0 ? new LockGuard(doc, ids, [Client]) : null;
  const marks = guarded ? new MarkGuard(doc, () => ids, [Client]) : null;
  const times: number[] = [];
  for (const u of updates) {
    const start = performance.now();
    Y.applyUpdate(doc, u, new Client());
    guard?.compensate();
    marks?.compensate();
    times.push((performance.now() - start) * 1000);
  }
  guard?.destroy();
  marks?.destroy();
  doc.destroy();
  return times;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

const cases: [string, number, number, boolean, boolean][] = [
  ['no guard', 0, 299, false, false],
  ['guards, 0 locked', 0, 299, true, false],
  ['guards, 50 locked, edit elsewhere', 50, 299, true, false],
  ['guards, 50 locked, edit inside a locked clause (undone)', 50, 10, true, false],
  ['no guard, a new paragraph per update', 0, 299, false, true],
  ['guards, 50 locked, a new paragraph per update (mark walk)', 50, 299, true, true],
];
console.log(`\nClause-lock guard, ${CLAUSES} clauses, ${UPDATES} one-character updates per row\n`);
console.log('| case | median µs/update | p95 µs/update |');
console.log('|---|---:|---:|');
for (const [name, locked, target, guarded, paragraphs] of cases) {
  measure(locked, target, guarded, paragraphs); // warm-up
  const t = measure(locked, target, guarded, paragraphs);
  console.log(`| ${name} | ${pct(t, 50).toFixed(0)} | ${pct(t, 95).toFixed(0)} |`);
}
