import type { Connection } from './Connection';

/**
 * Frames computed from the document while some of its writes were not yet durable. Each waits
 * until every write submitted before it is stored, so nobody is shown state a crash could
 * lose. Writes are stored in order, so the queue releases from the front.
 */
export class HeldReplies {
  private submitted = 0;
  private stored = 0;
  private queue: { conn: Connection; frame: Uint8Array; needs: number }[] = [];

  /** Numbers a write at submission; pass the number to `stored()` once it is durable. */
  nextWrite(): number {
    return ++this.submitted;
  }

  send(conn: Connection, frame: Uint8Array): void {
    if (this.stored >= this.submitted) conn.send(frame);
    else this.queue.push({ conn, frame, needs: this.submitted });
  }

  markStored(write: number): void {
    this.stored = write;
    while (this.queue.length > 0 && this.queue[0]!.needs <= this.stored) {
      const r = this.queue.shift()!;
      r.conn.send(r.frame);
    }
  }

  clear(): void {
    this.queue = [];
  }
}
