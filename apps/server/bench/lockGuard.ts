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

/** One-character updates typed by another replica into clause `target`. */
function typing(base: Y.Doc, target: number): Uint8Array[] {
  const writer = new Y.Doc();
  Y.applyUpdate(writer, Y.encodeStateAsUpdate(base));
  const updates: Uint8Array[] = [];
  writer.on('update', (u: Uint8Array) => updates.push(u));
  for (let k = 0; k < UPDATES; k++) textOf(writer, target).insert(0, 'x');
  writer.destroy();
  return updates;
}

function measure(locked: number, target: number, guarded: boolean): number[] {
  const doc = agreement();
  const updates = typing(doc, target);
  const ids = new Set(Array.from({ length: locked }, (_, i) => `c${i}`));
  const guard = guarded ? new LockGuard(doc, ids, [Client]) : null;
  const times: number[] = [];
  for (const u of updates) {
    const start = performance.now();
    Y.applyUpdate(doc, u, new Client());
    guard?.compensate();
    times.push((performance.now() - start) * 1000);
  }
  guard?.destroy();
  doc.destroy();
  return times;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

const cases: [string, number, number, boolean][] = [
  ['no guard', 0, 299, false],
  ['guard, 0 locked', 0, 299, true],
  ['guard, 50 locked, edit elsewhere', 50, 299, true],
  ['guard, 50 locked, edit inside a locked clause (undone)', 50, 10, true],
];
console.log(`\nClause-lock guard, ${CLAUSES} clauses, ${UPDATES} one-character updates per row\n`);
console.log('| case | median µs/update | p95 µs/update |');
console.log('|---|---:|---:|');
for (const [name, locked, target, guarded] of cases) {
  measure(locked, target, guarded); // warm-up
  const t = measure(locked, target, guarded);
  console.log(`| ${name} | ${pct(t, 50).toFixed(0)} | ${pct(t, 95).toFixed(0)} |`);
}
