import type { Clause } from './clause';
import type { ThreadDto } from './comments';
import { tally, type ConsentRoundDto } from './facilitation';
import { waitingOn, type ThreadDigest } from './waitingOn';

/**
 * Turn tracking (issue #6): per clause, whose move it is — shown on the clause card as
 * "Aan zet: Gemeente, Huurders". Pure; the web feeds it the open document's clauses, the
 * workspace's consent rounds and the threads the viewer can see.
 *
 * A party is "at move" on a clause when it owes
 * - a **commitment**: it has a counterpart there whose text is still blank (the same rule as
 *   "waiting on you": not on a withdrawn clause, not the owner's own counterpart);
 * - a **position**: an open consent round on the clause has no position of that party yet
 *   (`tally().missing`, so parties that are not in the workspace never count);
 * - an **answer**: an open comment thread on the clause mentions one of its members who has not
 *   answered, or awaits its answer as a party of the clause (waiting-on's thread rule).
 * The first two reuse `waitingOn` and `tally` so the card, the workspace page and the server
 * never disagree about who is waiting.
 */

export type TurnReason = 'commitment' | 'position' | 'answer';

export interface PartyTurn {
  partyId: string;
  /** In the order commitment, position, answer; each once. */
  reasons: TurnReason[];
}

export interface TurnsInput {
  /** The workspace's parties, in display order (turns come out in this order). */
  parties: readonly { id: string }[];
  /** The document the clauses are read from. */
  documentId: string;
  clauses: readonly Clause[];
  /** Consent rounds of the workspace (any status, any document; only open ones count). */
  rounds?: readonly ConsentRoundDto[];
  /** Threads the viewer can see (any document; only this document's open ones count). */
  threads?: readonly ThreadDigest[];
  /** To resolve mentions to parties. */
  members?: readonly { userId: string; partyId: string | null }[];
}

const ORDER: readonly TurnReason[] = ['commitment', 'position', 'answer'];

/** Clause id → the parties at move there, in party order. Clauses nobody waits on are absent. */
export function clauseTurns(input: TurnsInput): Map<string, PartyTurn[]> {
  const reasons = new Map<string, Map<string, Set<TurnReason>>>(); // clause → party → reasons
  const add = (clauseId: string, partyId: string, reason: TurnReason) => {
    let parties = reasons.get(clauseId);
    if (!parties) reasons.set(clauseId, (parties = new Map<string, Set<TurnReason>>()));
    let set = parties.get(partyId);
    if (!set) parties.set(partyId, (set = new Set<TurnReason>()));
    set.add(reason);
  };

  const waiting = waitingOn({
    parties: input.parties,
    // The kind is not used for turns; waitingOn only copies it into its answer.
    documents: [{ documentId: input.documentId, kind: 'agreement', clauses: input.clauses }],
    threads: (input.threads ?? []).filter((t) => t.documentId === input.documentId),
    ...(input.members ? { members: input.members } : {}),
  });
  for (const party of waiting) {
    for (const c of party.clauses) add(c.clauseId, party.partyId, 'commitment');
    for (const t of party.threads) if (t.clauseId) add(t.clauseId, party.partyId, 'answer');
  }

  const partyIds = input.parties.map((p) => p.id);
  const known = new Set(input.clauses.map((c) => c.id));
  for (const round of input.rounds ?? []) {
    const target = round.target;
    if (round.status !== 'open' || target.kind !== 'clause') continue;
    if (target.documentId !== input.documentId || !known.has(target.clauseId)) continue;
    for (const partyId of tally(partyIds, round.positions).missing) {
      add(target.clauseId, partyId, 'position');
    }
  }

  const out = new Map<string, PartyTurn[]>();
  for (const clause of input.clauses) {
    const parties = reasons.get(clause.id);
    if (!parties || out.has(clause.id)) continue;
    out.set(
      clause.id,
      partyIds.flatMap((partyId) => {
        const set = parties.get(partyId);
        return set ? [{ partyId, reasons: ORDER.filter((r) => set.has(r)) }] : [];
      }),
    );
  }
  return out;
}

/**
 * The digest of a thread as the web has it (`ThreadDto`), the same facts the server reads from
 * its tables: mentioned users who have not written in the thread since (not counting mentions
 * of oneself), and the party of the last message's author. Deleted comments count for neither.
 */
export function threadDigestOf(
  thread: ThreadDto,
  members: readonly { userId: string; partyId: string | null }[],
): ThreadDigest {
  const partyOf = new Map(members.map((m) => [m.userId, m.partyId]));
  const pending = new Set<string>();
  let last: string | null = null;
  for (const comment of thread.comments) {
    if (comment.deletedAt !== null) continue;
    pending.delete(comment.authorId);
    for (const user of comment.mentions) if (user !== comment.authorId) pending.add(user);
    last = comment.authorId;
  }
  return {
    id: thread.id,
    documentId: thread.documentId,
    clauseId: thread.clauseId,
    status: thread.status,
    visibility: thread.visibility,
    partyId: thread.partyId,
    mentions: [...pending],
    lastAuthorParty: last === null ? null : (partyOf.get(last) ?? null),
    createdAt: thread.createdAt,
    resolvedAt: thread.resolvedAt,
  };
}
