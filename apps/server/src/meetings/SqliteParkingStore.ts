import type { ParkingScope, ParkingStatus, ThemeId } from '@akkoord/domain';
import type { Db } from '../persistence/openDatabase';
import { settle } from '../persistence/settle';
import type { NewParkingItem, ParkingChange, ParkingRecord, ParkingStore } from './ParkingStore';

interface ParkingRow {
  id: string;
  workspace_id: string;
  meeting_id: string | null;
  title: string;
  note: string;
  scope: ParkingScope;
  theme: ThemeId | null;
  thread_id: string | null;
  status: ParkingStatus;
  created_by: string;
  created_by_name: string | null;
  created_at: number;
}

const toRecord = (r: ParkingRow): ParkingRecord => ({
  id: r.id,
  workspaceId: r.workspace_id,
  meetingId: r.meeting_id,
  title: r.title,
  note: r.note,
  scope: r.scope,
  theme: r.theme,
  threadId: r.thread_id,
  status: r.status,
  createdBy: r.created_by,
  createdByName: r.created_by_name ?? '',
  createdAt: r.created_at,
});

const SELECT = `SELECT p.id, p.workspace_id, p.meeting_id, p.title, p.note, p.scope, p.theme,
  p.thread_id, p.status, p.created_by, u.name AS created_by_name, p.created_at
  FROM parking_items p LEFT JOIN users u ON u.id = p.created_by`;

/** Column of each changeable field; fixed names, so the UPDATE below is never built from input. */
const COLUMNS: Record<keyof ParkingChange, string> = {
  title: 'title',
  note: 'note',
  scope: 'scope',
  theme: 'theme',
  status: 'status',
};

export class SqliteParkingStore implements ParkingStore {
  constructor(private readonly db: Db) {}

  items(workspaceId: string): Promise<ParkingRecord[]> {
    return settle(() =>
      this.db
        .prepare<[string], ParkingRow>(
          `${SELECT} WHERE p.workspace_id = ?
           ORDER BY p.status = 'done', p.created_at, p.rowid`,
        )
        .all(workspaceId)
        .map(toRecord),
    );
  }

  item(workspaceId: string, itemId: string): Promise<ParkingRecord | null> {
    return settle(() => {
      const row = this.db
        .prepare<[string, string], ParkingRow>(`${SELECT} WHERE p.id = ? AND p.workspace_id = ?`)
        .get(itemId, workspaceId);
      return row ? toRecord(row) : null;
    });
  }

  create(p: NewParkingItem): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          `INSERT INTO parking_items (id, workspace_id, meeting_id, title, note, scope, theme,
             thread_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          p.id,
          p.workspaceId,
          p.meetingId,
          p.title,
          p.note,
          p.scope,
          p.theme,
          p.threadId,
          p.createdBy,
          p.createdAt,
        );
    });
  }

  update(itemId: string, change: ParkingChange): Promise<void> {
    const keys = (Object.keys(COLUMNS) as (keyof ParkingChange)[]).filter(
      (k) => change[k] !== undefined,
    );
    if (keys.length === 0) return Promise.resolve();
    return settle(() => {
      this.db
        .prepare(
          `UPDATE parking_items SET ${keys.map((k) => `${COLUMNS[k]} = ?`).join(', ')}
           WHERE id = ?`,
        )
        .run(...keys.map((k) => change[k] ?? null), itemId);
    });
  }
}
