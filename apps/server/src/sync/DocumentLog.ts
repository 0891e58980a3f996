import * as Y from 'yjs';
import type { SyncLimits } from '../config';
import type { Logger } from '../logger';
import type { Metrics } from '../Metrics';
import type { DocumentStore } from '../persistence/DocumentStore';

/**
 * What storage holds of one document (snapshot + update log) and the bookkeeping around it:
 * sizes for the document limit, when to compact, and compaction itself.
 */
export class DocumentLog {
  /** Snapshot + log bytes, counting writes still on their way to storage. */
  private storedBytes = 0;
  private logCount = 0;
  private logBytes = 0;
  private lastSeq = 0;
  private compacting: Promise<void> | null = null;

  constructor(
    private readonly room: string,
    private readonly store: DocumentStore,
    private readonly limits: SyncLimits,
    private readonly metrics: Metrics,
    private readonly log: Logger,
  ) {}

  /** Fills `doc` from storage and resets the bookkeeping to match. */
  async readInto(doc: Y.Doc): Promise<void> {
    const stored = await this.store.load(this.room);
    this.storedBytes = 0;
    this.logBytes = 0;
    this.logCount = 0;
    if (stored.snapshot) {
      Y.applyUpdate(doc, stored.snapshot);
      this.storedBytes += stored.snapshot.length;
    }
    for (const u of stored.updates) {
      // A bad log entry must not make the whole document unloadable.
      try {
        Y.applyUpdate(doc, u.data);
      } catch (err) {
        this.log.error({ err, seq: u.seq }, 'skipping unreadable log entry');
      }
      this.storedBytes += u.data.length;
      this.logBytes += u.data.length;
      this.logCount += 1;
      this.lastSeq = u.seq;
    }
  }

  wouldExceedLimit(bytes: number): boolean {
    return this.storedBytes + bytes > this.limits.maxDocBytes;
  }

  reserve(bytes: number): void {
    this.storedBytes += bytes;
  }

  release(bytes: number): void {
    this.storedBytes -= bytes;
  }

  appended(seq: number, bytes: number): void {
    this.lastSeq = seq;
    this.logCount += 1;
    this.logBytes += bytes;
  }

  get dueForCompaction(): boolean {
    if (this.compacting) return false;
    return (
      this.logCount >= this.limits.compactEveryUpdates ||
      this.logBytes >= this.limits.compactEveryBytes
    );
  }

  /**
   * Folds the log into a snapshot of `doc`; storage replaces both atomically. The snapshot may
   * already hold writes not yet stored — storing more than was acknowledged loses nothing.
   */
  compact(doc: Y.Doc): Promise<void> {
    if (this.compacting) return this.compacting;
    if (this.logCount === 0) return Promise.resolve();
    const snapshot = Y.encodeStateAsUpdate(doc);
    const upto = this.lastSeq;
    const countAtCapture = this.logCount;
    const bytesAtCapture = this.logBytes;
    this.compacting = this.store
      .compact(this.room, snapshot, upto)
      .then(() => {
        this.logCount -= countAtCapture;
        this.logBytes -= bytesAtCapture;
        this.storedBytes = snapshot.length + this.logBytes;
        this.metrics.compactions.inc({ outcome: 'ok' });
      })
      .catch((err: unknown) => {
        // The log is intact, so nothing is lost; the next trigger retries.
        this.metrics.compactions.inc({ outcome: 'error' });
        this.log.error({ err }, 'compaction failed');
      })
      .finally(() => {
        this.compacting = null;
      });
    return this.compacting;
  }
}
