import { z } from 'zod';
import { Clause, ClauseStatus, Counterpart, IsoDate } from './clause';
import { ThemeId } from './themes';
import { diffWords, TextRun, type DiffWordsOptions } from './wordDiff';

/**
 * "Since your last visit" (issue 5): what changed in a document's clauses between the snapshot a
 * person saw and the document now. Pure; the server stores the snapshot, the web shows the result.
 *
 * Clauses are matched by id (ids are stable: see the domain README). Moving a clause or a number
 * that shifts because another clause was inserted is not a change of that clause; moving it to
 * another theme section is (`theme`).
 */

const change = <T extends z.ZodType>(t: T) => z.object({ from: t, to: t });

/** One counterpart's change. Counterparts have no ids: see `diffCounterparts` for the matching. */
export const CounterpartChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('added'), counterpart: Counterpart }),
  z.object({ kind: z.literal('removed'), counterpart: Counterpart }),
  z.object({
    kind: z.literal('changed'),
    /** The party now (after any party change). */
    party: z.string().nullable(),
    /** Null when the party stayed the same. */
    partyChange: change(z.string().nullable()).nullable(),
    /** Word runs of the commitment text; null when it stayed the same. */
    commitment: z.array(TextRun).nullable(),
    due: change(IsoDate.nullable()).nullable(),
  }),
]);
export type CounterpartChange = z.infer<typeof CounterpartChange>;

export const ClauseChange = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('added'),
    clauseId: z.string(),
    number: z.string(),
    clause: Clause,
  }),
  z.object({
    kind: z.literal('removed'),
    clauseId: z.string(),
    /** The number it had when it was last seen. */
    number: z.string(),
    clause: Clause,
  }),
  z.object({
    kind: z.literal('changed'),
    clauseId: z.string(),
    /** Its number now. */
    number: z.string(),
    /** Word runs of the clause text; null when the text stayed the same. */
    text: z.array(TextRun).nullable(),
    status: change(ClauseStatus).nullable(),
    owner: change(z.string().nullable()).nullable(),
    theme: change(ThemeId.nullable()).nullable(),
    /** Empty when no counterpart changed. */
    counterparts: z.array(CounterpartChange),
  }),
]);
export type ClauseChange = z.infer<typeof ClauseChange>;

/**
 * Keys clauses by id; a later duplicate of an id (a transient state the editor repairs) gets
 * its own key, so the n-th occurrence is matched with the n-th occurrence.
 */
function keyed(clauses: readonly Clause[]): Map<string, Clause> {
  const map = new Map<string, Clause>();
  const seen = new Map<string, number>();
  for (const c of clauses) {
    const n = (seen.get(c.id) ?? 0) + 1;
    seen.set(c.id, n);
    map.set(n === 1 ? c.id : `${c.id}\u0000${n}`, c);
  }
  return map;
}

/**
 * Changes from `before` to `after`, in the order of `after`; a removed clause is listed right
 * after the clause that preceded it before (or first). Clauses that did not change are left out.
 */
export function diffClauses(
  before: readonly Clause[],
  after: readonly Clause[],
  opts: DiffWordsOptions = {},
): ClauseChange[] {
  const old = keyed(before);
  const now = keyed(after);

  // Removed clauses, grouped by the nearest earlier clause that still exists.
  const removedAfter = new Map<string | null, Clause[]>();
  let anchor: string | null = null;
  for (const [key, c] of old) {
    if (now.has(key)) {
      anchor = key;
      continue;
    }
    const list = removedAfter.get(anchor) ?? [];
    list.push(c);
    removedAfter.set(anchor, list);
  }
  const removed = (at: string | null): ClauseChange[] =>
    (removedAfter.get(at) ?? []).map((c) => ({
      kind: 'removed',
      clauseId: c.id,
      number: c.number,
      clause: c,
    }));

  const out: ClauseChange[] = removed(null);
  for (const [key, c] of now) {
    const was = old.get(key);
    if (!was) out.push({ kind: 'added', clauseId: c.id, number: c.number, clause: c });
    else {
      const changed = diffClause(was, c, opts);
      if (changed) out.push(changed);
    }
    out.push(...removed(key));
  }
  return out;
}

function diffClause(a: Clause, b: Clause, opts: DiffWordsOptions): ClauseChange | null {
  const text = a.text === b.text ? null : diffWords(a.text, b.text, opts);
  const status = a.status === b.status ? null : { from: a.status, to: b.status };
  const owner = a.owner === b.owner ? null : { from: a.owner, to: b.owner };
  const theme = a.theme === b.theme ? null : { from: a.theme, to: b.theme };
  const counterparts = diffCounterparts(a.counterparts, b.counterparts, opts);
  if (!text && !status && !owner && !theme && counterparts.length === 0) return null;
  return {
    kind: 'changed',
    clauseId: b.id,
    number: b.number,
    text,
    status,
    owner,
    theme,
    counterparts,
  };
}

const sameCounterpart = (a: Counterpart, b: Counterpart) =>
  a.party === b.party && a.commitment === b.commitment && a.due === b.due;

/**
 * Counterparts have no ids, so they are matched in three passes:
 * 1. identical ones (same party, text and date) pair up, in order — unchanged;
 * 2. the remaining ones of the same party pair up in order — changed text or date;
 * 3. a remaining old and new one at the same position pair up — the party was changed
 *    (typically picked for a counterpart that had none).
 * Whatever is left was removed or added. Result: changed and added in the new order, then removed
 * in the old order.
 */
export function diffCounterparts(
  before: readonly Counterpart[],
  after: readonly Counterpart[],
  opts: DiffWordsOptions = {},
): CounterpartChange[] {
  const pairOf = new Map<number, number>(); // after index → before index
  const usedBefore = new Set<number>();
  const pass = (match: (a: Counterpart, b: Counterpart, ai: number, bi: number) => boolean) => {
    after.forEach((b, bi) => {
      if (pairOf.has(bi)) return;
      const ai = before.findIndex((a, i) => !usedBefore.has(i) && match(a, b, i, bi));
      if (ai >= 0) {
        pairOf.set(bi, ai);
        usedBefore.add(ai);
      }
    });
  };
  pass((a, b) => sameCounterpart(a, b));
  pass((a, b) => a.party === b.party);
  pass((_a, _b, ai, bi) => ai === bi);

  const out: CounterpartChange[] = [];
  after.forEach((b, bi) => {
    const ai = pairOf.get(bi);
    if (ai === undefined) {
      out.push({ kind: 'added', counterpart: b });
      return;
    }
    const a = before[ai]!;
    if (sameCounterpart(a, b)) return;
    out.push({
      kind: 'changed',
      party: b.party,
      partyChange: a.party === b.party ? null : { from: a.party, to: b.party },
      commitment:
        a.commitment === b.commitment ? null : diffWords(a.commitment, b.commitment, opts),
      due: a.due === b.due ? null : { from: a.due, to: b.due },
    });
  });
  before.forEach((a, ai) => {
    if (!usedBefore.has(ai)) out.push({ kind: 'removed', counterpart: a });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// API shapes

/**
 * What the person's last visit gives to compare with:
 * - `first-visit`: they never marked this document as seen; nothing is "new" to someone who has
 *   never looked, so `changes` is empty and `since` null;
 * - `snapshot`: `changes` are against what they saw at `since`;
 * - `unavailable`: they did look (`since`), but the document was too large to remember what they
 *   saw, so clause changes cannot be listed (`changes` empty).
 */
export const ChangesBaseline = z.enum(['first-visit', 'snapshot', 'unavailable']);
export type ChangesBaseline = z.infer<typeof ChangesBaseline>;

export const ThreadCounts = z.object({
  /** Threads opened since the visit (that the caller may see). */
  opened: z.number().int().nonnegative(),
  /** Threads resolved since the visit. */
  resolved: z.number().int().nonnegative(),
});
export type ThreadCounts = z.infer<typeof ThreadCounts>;

/** `GET /api/workspaces/:id/documents/:docId/changes`. */
export const ChangesResponse = z.object({
  /** When the caller last marked the document as seen (ISO 8601), or null. */
  since: z.iso.datetime().nullable(),
  baseline: ChangesBaseline,
  changes: z.array(ClauseChange),
  /** Null while this server has no comment threads to count. */
  threads: ThreadCounts.nullable(),
  /** The document's current state; send it back with "seen" to mark exactly this state. */
  version: z.string(),
});
export type ChangesResponse = z.infer<typeof ChangesResponse>;

/** `POST /api/workspaces/:id/documents/:docId/seen`. */
export const MarkSeenBody = z.object({
  /**
   * Optional: the `version` from the changes the person looked at. If the document changed
   * since, the answer is 409 and nothing is marked (so an edit nobody showed them is not
   * swallowed). Without it, the current state is marked.
   */
  version: z.string().min(1).max(100).optional(),
});
export type MarkSeenBody = z.infer<typeof MarkSeenBody>;
