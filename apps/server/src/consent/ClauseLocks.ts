import type { ClauseLockDto } from '@akkoord/domain';

export interface LockRequest {
  workspaceId: string;
  documentId: string;
  room: string;
  clauseId: string;
  decisionId: string;
}

/**
 * What consent needs of clause locking (LOCK-1, LOCK-3): the real one (src/locks/ClauseLocker)
 * writes the clause's status and `locked` attribute into the document; tests use an in-memory one.
 */
export interface ClauseLocks {
  /** Status `agreed` + locked, in one document transaction. */
  lock(r: LockRequest): Promise<void>;
  /** Status `reopened`, lock removed. */
  unlock(r: LockRequest): Promise<void>;
  list(workspaceId: string): Promise<ClauseLockDto[]>;
  isLocked(documentId: string, clauseId: string): Promise<boolean>;
}
