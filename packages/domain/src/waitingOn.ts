import { z } from 'zod';
import type { Clause } from './clause';
import { DocumentKind } from './workspace';

/**
 * "Waiting on you" (issue 5), in the words: per party, "the clauses where a counterpart
 * commitment of that party is still empty, and the threads that mention that party's members or
 * await their answer". Pure; the server feeds it the workspace's process and agreement documents.
 *
 * Clauses — a clause is waiting on party P when:
 * - it has a counterpart whose party is P and whose commitment text is blank (`empty-commitment`);
 * - it is not `withdrawn` (nobody waits on a withdrawn clause);
 * - P is not the clause's owner (an owner listed as its own counterpart is a mistake the ledger
 *   reports as `counterpart-by-owner`, not something anyone waits for).
 * One entry per clause, however many empty counterparts P has there. Deliberately not included:
 * clauses where the ledger says P receives without giving. Whether P *should* give something on
 * a clause is a negotiation question; the ledger's warnings already show that balance.
 *
 * Threads — an open thread is waiting on P when (its visibility allows P, see below):
 * - it mentions a member of P who has not written in the thread since (`mentioned`) — also when
 *   a colleague of the same party asked; or else
 * - P owns its clause or has a counterpart on it, and its last message came from someone else
 *   (another party, or the facilitator who has none) (`awaiting-answer`).
 * A party-internal thread (`visibility: 'party'`) only ever counts for its own party.
 */

/** What waiting-on (and the changes' thread counts) need to know of a comment thread. */
export const ThreadDigest = z.object({
  id: z.string(),
  documentId: z.string(),
  /** The clause it is on; null for a thread on the document as a whole. */
  clauseId: z.string().nullable(),
  status: z.enum(['open', 'resolved']),
  visibility: z.enum(['shared', 'party']),
  /** For `party` threads: whose. */
  partyId: z.string().nullable(),
  /**
   * Users mentioned who have not answered yet: mentioned in a comment (not their own) after which
   * they wrote nothing in the thread. Deleted comments count for neither.
   */
  mentions: z.array(z.string()),
  /** Party of the last message's author; null when that author has none (the facilitator). */
  lastAuthorParty: z.string().nullable(),
  /** Epoch ms. */
  createdAt: z.number(),
  resolvedAt: z.number().nullable(),
});
export type ThreadDigest = z.infer<typeof ThreadDigest>;

export const WaitingClauseReason = z.enum(['empty-commitment']);
export const WaitingThreadReason = z.enum(['mentioned', 'awaiting-answer']);

export const WaitingClause = z.object({
  documentId: z.string(),
  documentKind: DocumentKind,
  clauseId: z.string(),
  number: z.string(),
  reason: WaitingClauseReason,
  /** The start of the clause text, for a list (at most `EXCERPT_LENGTH` characters + "…"). */
  excerpt: z.string(),
});
export type WaitingClause = z.infer<typeof WaitingClause>;

export const WaitingThread = z.object({
  threadId: z.string(),
  documentId: z.string(),
  clauseId: z.string().nullable(),
  /** The clause's number when the clause is found, else null. */
  number: z.string().nullable(),
  reason: WaitingThreadReason,
});
export type WaitingThread = z.infer<typeof WaitingThread>;

export const WaitingOnParty = z.object({
  partyId: z.string(),
  clauses: z.array(WaitingClause),
  threads: z.array(WaitingThread),
});
export type WaitingOnParty = z.infer<typeof WaitingOnParty>;

/** `GET /api/workspaces/:id/waiting-on`. */
export const WaitingOnResponse = z.object({
  /** The caller's party (listed first), or null for the facilitator and observers. */
  viewerPartyId: z.string().nullable(),
  /** False while this server has no comment threads: every `threads` list is then empty. */
  threadsIncluded: z.boolean(),
  parties: z.array(WaitingOnParty),
});
export type WaitingOnResponse = z.infer<typeof WaitingOnResponse>;

export const EXCERPT_LENGTH = 120;

export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = Array.from(flat).slice(0, max).join('');
  return cut.length < flat.length ? `${cut.trimEnd()}…` : cut;
}

export interface WaitingOnInput {
  /** In display order; lists come out in this order, `firstPartyId` moved to the front. */
  parties: readonly { id: string }[];
  documents: readonly { documentId: string; kind: DocumentKind; clauses: readonly Clause[] }[];
  /** Threads the caller may see; omit when there are none to consider. */
  threads?: readonly ThreadDigest[];
  /** To resolve mentions to parties. */
  members?: readonly { userId: string; partyId: string | null }[];
  firstPartyId?: string | null;
}

export function waitingOn(input: WaitingOnInput): WaitingOnParty[] {
  const order = [...input.parties];
  const first = order.findIndex((p) => p.id === input.firstPartyId);
  if (first > 0) order.unshift(...order.splice(first, 1));
  const lists = new Map<string, WaitingOnParty>(
    order.map((p) => [p.id, { partyId: p.id, clauses: [], threads: [] }]),
  );

  const clauseAt = new Map<string, Clause>(); // documentId + clauseId → clause
  for (const doc of input.documents) {
    for (const c of doc.clauses) {
      clauseAt.set(`${doc.documentId}\u0000${c.id}`, c);
      if (c.status === 'withdrawn') continue;
      const waiting = new Set<string>();
      for (const cp of c.counterparts) {
        if (cp.party && cp.party !== c.owner && cp.commitment.trim() === '') waiting.add(cp.party);
      }
      for (const partyId of waiting) {
        lists.get(partyId)?.clauses.push({
          documentId: doc.documentId,
          documentKind: doc.kind,
          clauseId: c.id,
          number: c.number,
          reason: 'empty-commitment',
          excerpt: excerpt(c.text),
        });
      }
    }
  }

  const partyOfUser = new Map((input.members ?? []).map((m) => [m.userId, m.partyId]));
  for (const t of input.threads ?? []) {
    if (t.status !== 'open') continue;
    const clause = t.clauseId ? clauseAt.get(`${t.documentId}\u0000${t.clauseId}`) : undefined;
    const involved = new Set<string>();
    if (clause) {
      if (clause.owner) involved.add(clause.owner);
      for (const cp of clause.counterparts) if (cp.party) involved.add(cp.party);
    }
    const mentioned = new Set(
      t.mentions.flatMap((u) => {
        const p = partyOfUser.get(u);
        return p ? [p] : [];
      }),
    );
    for (const [partyId, list] of lists) {
      if (t.visibility === 'party' && t.partyId !== partyId) continue;
      const reason = mentioned.has(partyId)
        ? 'mentioned'
        : involved.has(partyId) && t.lastAuthorParty !== partyId
          ? 'awaiting-answer'
          : null;
      if (!reason) continue;
      list.threads.push({
        threadId: t.id,
        documentId: t.documentId,
        clauseId: t.clauseId,
        number: clause?.number ?? null,
        reason,
      });
    }
  }
  return [...lists.values()];
}

/** Threads of one document opened and resolved after `since` (epoch ms). */
export function threadCountsSince(
  threads: readonly ThreadDigest[],
  documentId: string,
  since: number,
): { opened: number; resolved: number } {
  let opened = 0;
  let resolved = 0;
  for (const t of threads) {
    if (t.documentId !== documentId) continue;
    if (t.createdAt > since) opened++;
    if (t.resolvedAt !== null && t.resolvedAt > since) resolved++;
  }
  return { opened, resolved };
}
