/** One row of `clause_locks`: a clause agreed by a decision (LOCK-1). */
export interface ClauseLockRecord {
  documentId: string;
  clauseId: string;
  workspaceId: string;
  decisionId: string;
  /** Epoch milliseconds. */
  lockedAt: number;
}

/** Where clause locks are kept; the document itself carries them too (`locked` attribute). */
export interface ClauseLockStore {
  /** Adds the lock, or replaces the one on the same clause. */
  put(lock: ClauseLockRecord): Promise<void>;
  /** False when there was no such lock. */
  remove(documentId: string, clauseId: string): Promise<boolean>;
  get(documentId: string, clauseId: string): Promise<ClauseLockRecord | null>;
  listByWorkspace(workspaceId: string): Promise<ClauseLockRecord[]>;
  /** Locked clause ids of the document synced in `room`: what a loading room guards. */
  clauseIdsByRoom(room: string): Promise<string[]>;
}
