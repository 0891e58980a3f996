import { z } from 'zod';

/**
 * A small word-level diff for clause texts ("since your last visit"). Written here rather than
 * taken from npm: it is ~100 lines, needs no lockfile change, and we control the tokens (Dutch
 * words with diacritics stay whole) and the cost cap.
 *
 * Runs concatenate back exactly: the `same` + `del` runs give the old text, the `same` + `ins`
 * runs give the new one. Strings are compared as they are (no Unicode normalisation: a text
 * whose only change is NFC ↔ NFD shows as changed, which is rare and honest).
 */

export const DiffOp = z.enum(['same', 'ins', 'del']);
export type DiffOp = z.infer<typeof DiffOp>;

export const TextRun = z.object({ op: DiffOp, text: z.string() });
export type TextRun = z.infer<typeof TextRun>;

/**
 * Tokens: a run of letters/marks/digits (so "één", "cliënten", "ge\u0301" stay one word), a run
 * of whitespace, or any other single character (punctuation, symbols).
 */
const TOKEN = /[\p{L}\p{M}\p{N}]+|\s+|[^\p{L}\p{M}\p{N}\s]/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

export interface DiffWordsOptions {
  /**
   * Upper bound on the edit distance (in tokens) the diff searches for. Past it, the differing
   * middle is reported as one deletion and one insertion. Bounds time O((n + m) · cap) and memory
   * O(cap²). Default 1000.
   */
  maxEdits?: number;
}

export const DEFAULT_MAX_EDITS = 1000;

/** Word-level runs turning `a` into `b`; adjacent runs never share an op; no empty runs. */
export function diffWords(a: string, b: string, opts: DiffWordsOptions = {}): TextRun[] {
  if (a === b) return a === '' ? [] : [{ op: 'same', text: a }];
  const A = tokenize(a);
  const B = tokenize(b);
  let start = 0;
  while (start < A.length && start < B.length && A[start] === B[start]) start++;
  let endA = A.length;
  let endB = B.length;
  while (endA > start && endB > start && A[endA - 1] === B[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: [DiffOp, string][] = [];
  for (let i = 0; i < start; i++) ops.push(['same', A[i]!]);
  const middle = myers(A.slice(start, endA), B.slice(start, endB), opts.maxEdits);
  ops.push(...middle);
  for (let i = endA; i < A.length; i++) ops.push(['same', A[i]!]);
  return tidy(ops);
}

/**
 * Myers' O((n + m) · D) shortest edit script over tokens, with the trace kept per round only
 * over the diagonals that round can reach (memory O(D²)). Falls back to "delete all, insert
 * all" once D passes the cap.
 */
function myers(A: string[], B: string[], maxEdits = DEFAULT_MAX_EDITS): [DiffOp, string][] {
  const n = A.length;
  const m = B.length;
  const replaceAll = (): [DiffOp, string][] => [
    ...A.map((t): [DiffOp, string] => ['del', t]),
    ...B.map((t): [DiffOp, string] => ['ins', t]),
  ];
  if (n === 0 || m === 0) return replaceAll();
  const limit = Math.min(n + m, Math.max(1, maxEdits));
  const off = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= limit && found < 0; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!)
          ? v[off + k + 1]!
          : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && A[x] === B[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) found = d;
    }
    trace.push(v.slice(off - d, off + d + 1));
  }
  if (found < 0) return replaceAll();

  const out: [DiffOp, string][] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d - 1]!;
    const at = (k: number) => prev[k + d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    const startX = down ? prevX : prevX + 1;
    while (x > startX) {
      out.push(['same', A[--x]!]);
      y--;
    }
    if (down) out.push(['ins', B[prevY]!]);
    else out.push(['del', A[prevX]!]);
    x = prevX;
    y = prevY;
  }
  while (x > 0) {
    out.push(['same', A[--x]!]);
    y--;
  }
  return out.reverse();
}

/**
 * Readable runs: each stretch of changes becomes one `del` then one `ins`; a whitespace-only
 * `same` between two changed stretches is folded into both ("de grote auto" → "het kleine huis"
 * is one replacement, not three).
 */
function tidy(ops: [DiffOp, string][]): TextRun[] {
  type Block = { same: string } | { del: string; ins: string };
  const blocks: Block[] = [];
  for (const [op, text] of ops) {
    const last = blocks.at(-1);
    if (op === 'same') {
      if (last && 'same' in last) last.same += text;
      else blocks.push({ same: text });
    } else {
      let change: { del: string; ins: string };
      if (last && !('same' in last)) change = last;
      else blocks.push((change = { del: '', ins: '' }));
      change[op] += text;
    }
  }
  const merged: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const prev = merged.at(-1);
    const next = blocks[i + 1];
    if (
      'same' in b &&
      /^\s+$/.test(b.same) &&
      prev &&
      !('same' in prev) &&
      next &&
      !('same' in next)
    ) {
      prev.del += b.same + next.del;
      prev.ins += b.same + next.ins;
      i++;
      continue;
    }
    merged.push(b);
  }
  const runs: TextRun[] = [];
  for (const b of merged) {
    if ('same' in b) runs.push({ op: 'same', text: b.same });
    else {
      if (b.del) runs.push({ op: 'del', text: b.del });
      if (b.ins) runs.push({ op: 'ins', text: b.ins });
    }
  }
  return runs;
}

/** The old (`'before'`) or new (`'after'`) text a list of runs describes. */
export function applyRuns(runs: readonly TextRun[], side: 'before' | 'after'): string {
  const skip: DiffOp = side === 'before' ? 'ins' : 'del';
  return runs
    .filter((r) => r.op !== skip)
    .map((r) => r.text)
    .join('');
}
