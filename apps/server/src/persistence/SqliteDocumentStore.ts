import type { Db } from './openDatabase';
import { settle } from './settle';
import type { AppendEntry, DocumentStore, StoredDocument } from './DocumentStore';

/** better-sqlite3 is synchronous; the async interface exists for the networked backends. */
export class SqliteDocumentStore implements DocumentStore {
  private readonly insert;
  private readonly selectSnapshot;
  private readonly selectUpdates;
  private readonly upsertSnapshot;
  private readonly deleteUpto;
  private readonly appendAll;
  private readonly compactTx;

  constructor(private readonly db: Db) {
    this.insert = db.prepare<[string, Uint8Array]>(
      'INSERT INTO doc_update (room, data) VALUES (?, ?)',
    );
    this.selectSnapshot = db.prepare<[string], { state: Buffer }>(
      'SELECT state FROM doc_snapshot WHERE room = ?',
    );
    this.selectUpdates = db.prepare<[string], { seq: number; data: Buffer }>(
      'SELECT seq, data FROM doc_update WHERE room = ? ORDER BY seq',
    );
    this.upsertSnapshot = db.prepare<[string, Uint8Array, number, number]>(
      `INSERT INTO doc_snapshot (room, state, upto_seq, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (room) DO UPDATE SET state = excluded.state, upto_seq = excluded.upto_seq,
         updated_at = excluded.updated_at`,
    );
    this.deleteUpto = db.prepare<[string, number]>(
      'DELETE FROM doc_update WHERE room = ? AND seq <= ?',
    );
    this.appendAll = db.transaction((entries: readonly AppendEntry[]) =>
      entries.map((e) => Number(this.insert.run(e.room, e.update).lastInsertRowid)),
    );
    this.compactTx = db.transaction((room: string, snapshot: Uint8Array, uptoSeq: number) => {
      this.upsertSnapshot.run(room, snapshot, uptoSeq, Date.now());
      this.deleteUpto.run(room, uptoSeq);
    });
  }

  load(room: string): Promise<StoredDocument> {
    return settle(() => {
      const snap = this.selectSnapshot.get(room);
      const updates = this.selectUpdates
        .all(room)
        .map((r) => ({ seq: r.seq, data: toBytes(r.data) }));
      return { snapshot: snap ? toBytes(snap.state) : null, updates };
    });
  }

  append(entries: readonly AppendEntry[]): Promise<number[]> {
    return settle(() => this.appendAll(entries));
  }

  compact(room: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    return settle(() => {
      this.compactTx(room, snapshot, uptoSeq);
    });
  }

  close(): Promise<void> {
    return settle(() => {
      if (this.db.open) this.db.close();
    });
  }
}

/** Yjs compares bytes with Uint8Array semantics; a Buffer view is fine but be explicit. */
function toBytes(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
