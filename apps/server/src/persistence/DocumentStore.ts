/** What the sync layer needs from storage. SQLite by default; tests and other backends swap it. */
export interface StoredDocument {
  /** Merged state up to `snapshotSeq`, or null when the document was never compacted. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, in order. */
  updates: { seq: number; data: Uint8Array }[];
}

export interface AppendEntry {
  room: string;
  update: Uint8Array;
}

export interface DocumentStore {
  load(room: string): Promise<StoredDocument>;
  /**
   * Durably appends all entries in one atomic write and returns their sequence numbers in
   * order. Resolving means the entries survive a process crash (and, in fsync mode, power loss).
   */
  append(entries: readonly AppendEntry[]): Promise<number[]>;
  /** Atomically replaces the snapshot and drops the log entries it covers (seq <= uptoSeq). */
  compact(room: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
  close(): Promise<void>;
}
