import type { ClauseLockDto } from '@akkoord/domain';

export interface LockRequest {
  workspaceId: string;
  documentId: string;
  room: string;
  clauseId: string;
  decisionId: string;
}

export type HoldRequest = Omit<LockRequest, 'decisionId'> & { roundId: string };

/**
 * What consent needs of clause locking (LOCK-1, LOCK-3): the real one (src/locks/ClauseLocker)
 * writes the clause's status and `locked` attribute into the document; tests use an in-memory one.
 */
export interface ClauseLocks {
  /** Status `agreed` + locked, in one document transaction. */
  lock(r: LockRequest): Promise<void>;
  /** Status `reopened`, lock removed. */
  unlock(r: LockRequest): Promise<void>;
  /** Holds the clause unchanged while round `roundId` is open on it (CONS-5); 404 when gone. */
  hold(r: HoldRequest): Promise<void>;
  /** Ends that round's hold; a later `lock` ends it too. */
  release(r: HoldRequest): Promise<void>;
  /** The ids of the document's clauses held by round `roundId`. */
  heldBy(doc: { documentId: string; room: string }, roundId: string): Promise<string[]>;
  list(workspaceId: string): Promise<ClauseLockDto[]>;
  isLocked(documentId: string, clauseId: string): Promise<boolean>;
}
