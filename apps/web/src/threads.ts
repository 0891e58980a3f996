import type { ThreadDto } from '@akkoord/domain';

/** The filters of the threads panel. */
export const THREAD_FILTERS = ['open', 'resolved', 'mine', 'mentions', 'internal', 'all'] as const;
export type ThreadFilter = (typeof THREAD_FILTERS)[number];

/** A thread with where it is in the editor's document now. */
export interface PlacedThread {
  thread: ThreadDto;
  /** Its clause: the one it was started on, or the one holding its anchored text. */
  clauseId: string | null;
  /** Where it starts in the document (ProseMirror position); null when detached. */
  pos: number | null;
  /** The anchored range now, when it has one and it resolves. */
  range: { from: number; to: number } | null;
  detached: boolean;
}

/** Whether a thread passes a filter for the person looking. */
export function matchesFilter(thread: ThreadDto, filter: ThreadFilter, userId: string): boolean {
  switch (filter) {
    case 'open':
      return thread.status === 'open';
    case 'resolved':
      return thread.status === 'resolved';
    case 'mine':
      return thread.createdBy === userId || thread.comments.some((c) => c.authorId === userId);
    case 'mentions':
      return thread.comments.some((c) => c.deletedAt === null && c.mentions.includes(userId));
    case 'internal':
      return thread.visibility === 'party';
    case 'all':
      return true;
  }
}

/**
 * Document order: by where each thread starts; detached ones last; ties (several threads on one
 * clause or one word) oldest first.
 */
export function orderThreads(placed: readonly PlacedThread[]): PlacedThread[] {
  return [...placed].sort((a, b) => {
    const pa = a.pos ?? Number.POSITIVE_INFINITY;
    const pb = b.pos ?? Number.POSITIVE_INFINITY;
    if (pa !== pb) return pa < pb ? -1 : 1;
    return a.thread.createdAt - b.thread.createdAt || a.thread.id.localeCompare(b.thread.id);
  });
}

/** Threads for the panel: filter, optionally only one clause's, in document order. */
export function visibleThreads(
  placed: readonly PlacedThread[],
  filter: ThreadFilter,
  userId: string,
  clauseId: string | null,
): PlacedThread[] {
  return orderThreads(
    placed.filter(
      (p) =>
        matchesFilter(p.thread, filter, userId) && (clauseId === null || p.clauseId === clauseId),
    ),
  );
}

/** Open threads per clause, for the badges on the clause cards. */
export function openCountsByClause(placed: readonly PlacedThread[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of placed) {
    if (p.clauseId === null || p.thread.status !== 'open') continue;
    counts.set(p.clauseId, (counts.get(p.clauseId) ?? 0) + 1);
  }
  return counts;
}

/** Two count maps with the same entries (so the cards need not redraw). */
export function sameCounts(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>) {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}
