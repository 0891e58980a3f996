import type { Db } from '../persistence/openDatabase';
import { settle } from '../persistence/settle';

/** One person's last look at one document ("since your last visit", issue #5). */
export interface VisitRecord {
  /** Epoch ms of the last "mark as seen". */
  seenAt: number;
  /** The document's clauses then, as compact JSON (see `snapshot.ts`); null when over the cap. */
  clauses: string | null;
}

export interface VisitStore {
  visit(userId: string, documentId: string): Promise<VisitRecord | null>;
  /** Replaces the person's visit of the document. */
  markSeen(userId: string, documentId: string, visit: VisitRecord): Promise<void>;
}

export class SqliteVisitStore implements VisitStore {
  constructor(private readonly db: Db) {}

  visit(userId: string, documentId: string): Promise<VisitRecord | null> {
    return settle(() => {
      const row = this.db
        .prepare<[string, string], { seen_at: number; clauses: string | null }>(
          'SELECT seen_at, clauses FROM document_visits WHERE user_id = ? AND document_id = ?',
        )
        .get(userId, documentId);
      return row ? { seenAt: row.seen_at, clauses: row.clauses } : null;
    });
  }

  markSeen(userId: string, documentId: string, visit: VisitRecord): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          `INSERT INTO document_visits (user_id, document_id, seen_at, clauses) VALUES (?, ?, ?, ?)
           ON CONFLICT (user_id, document_id) DO UPDATE SET seen_at = excluded.seen_at, clauses = excluded.clauses`,
        )
        .run(userId, documentId, visit.seenAt, visit.clauses);
    });
  }
}
