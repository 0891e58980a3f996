import type { Db } from '../persistence/openDatabase';
import { settle } from '../persistence/settle';
import type { ClauseLockRecord, ClauseLockStore } from './ClauseLockStore';

interface Row {
  document_id: string;
  clause_id: string;
  workspace_id: string;
  decision_id: string;
  locked_at: number;
}

const toRecord = (r: Row): ClauseLockRecord => ({
  documentId: r.document_id,
  clauseId: r.clause_id,
  workspaceId: r.workspace_id,
  decisionId: r.decision_id,
  lockedAt: r.locked_at,
});

/** Clause locks in the `clause_locks` table (migration 6). */
export class SqliteClauseLockStore implements ClauseLockStore {
  constructor(private readonly db: Db) {}

  put(l: ClauseLockRecord): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          `INSERT INTO clause_locks (document_id, clause_id, workspace_id, decision_id, locked_at)
           VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (document_id, clause_id)
           DO UPDATE SET decision_id = excluded.decision_id, locked_at = excluded.locked_at`,
        )
        .run(l.documentId, l.clauseId, l.workspaceId, l.decisionId, l.lockedAt);
    });
  }

  remove(documentId: string, clauseId: string): Promise<boolean> {
    return settle(
      () =>
        this.db
          .prepare('DELETE FROM clause_locks WHERE document_id = ? AND clause_id = ?')
          .run(documentId, clauseId).changes > 0,
    );
  }

  get(documentId: string, clauseId: string): Promise<ClauseLockRecord | null> {
    return settle(() => {
      const row = this.db
        .prepare<[string, string], Row>(
          'SELECT * FROM clause_locks WHERE document_id = ? AND clause_id = ?',
        )
        .get(documentId, clauseId);
      return row ? toRecord(row) : null;
    });
  }

  listByWorkspace(workspaceId: string): Promise<ClauseLockRecord[]> {
    return settle(() =>
      this.db
        .prepare<[string], Row>(
          'SELECT * FROM clause_locks WHERE workspace_id = ? ORDER BY locked_at, document_id, clause_id',
        )
        .all(workspaceId)
        .map(toRecord),
    );
  }

  clauseIdsByRoom(room: string): Promise<string[]> {
    return settle(() =>
      this.db
        .prepare<[string], { clause_id: string }>(
          `SELECT l.clause_id FROM clause_locks l JOIN documents d ON d.id = l.document_id
           WHERE d.room = ?`,
        )
        .all(room)
        .map((r) => r.clause_id),
    );
  }
}
