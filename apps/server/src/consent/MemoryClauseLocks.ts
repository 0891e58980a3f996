import type { ClauseLockDto } from '@akkoord/domain';
import type { ClauseLocks, HoldRequest, LockRequest } from './ClauseLocks';

/**
 * Locks kept in memory only: they never touch the document. For unit tests, and as a stand-in
 * until the real locker is wired (server.ts says where).
 */
export class MemoryClauseLocks implements ClauseLocks {
  readonly locks = new Map<string, ClauseLockDto & { workspaceId: string }>();
  /** Clause keys held for a round, with the round's id. */
  readonly holds = new Map<string, string>();
  /** Set to make the next lock() or hold() fail, as a document that cannot load would. */
  failNext: Error | null = null;

  private key = (documentId: string, clauseId: string) => `${documentId}\u0000${clauseId}`;

  lock(r: LockRequest): Promise<void> {
    const err = this.failNext;
    this.failNext = null;
    if (err) return Promise.reject(err);
    this.holds.delete(this.key(r.documentId, r.clauseId));
    this.locks.set(this.key(r.documentId, r.clauseId), {
      workspaceId: r.workspaceId,
      documentId: r.documentId,
      clauseId: r.clauseId,
      decisionId: r.decisionId,
      lockedAt: new Date().toISOString(),
    });
    return Promise.resolve();
  }

  hold(r: HoldRequest): Promise<void> {
    const err = this.failNext;
    this.failNext = null;
    if (err) return Promise.reject(err);
    this.holds.set(this.key(r.documentId, r.clauseId), r.roundId);
    return Promise.resolve();
  }

  release(r: HoldRequest): Promise<void> {
    const key = this.key(r.documentId, r.clauseId);
    if (this.holds.get(key) === r.roundId) this.holds.delete(key);
    return Promise.resolve();
  }

  heldBy(doc: { documentId: string }, roundId: string): Promise<string[]> {
    const prefix = this.key(doc.documentId, '');
    return Promise.resolve(
      [...this.holds]
        .filter(([key, id]) => key.startsWith(prefix) && id === roundId)
        .map(([key]) => key.slice(prefix.length)),
    );
  }

  unlock(r: LockRequest): Promise<void> {
    this.locks.delete(this.key(r.documentId, r.clauseId));
    return Promise.resolve();
  }

  list(workspaceId: string): Promise<ClauseLockDto[]> {
    return Promise.resolve(
      [...this.locks.values()]
        .filter((l) => l.workspaceId === workspaceId)
        .map(({ workspaceId: _w, ...l }) => l),
    );
  }

  isLocked(documentId: string, clauseId: string): Promise<boolean> {
    return Promise.resolve(this.locks.has(this.key(documentId, clauseId)));
  }
}
