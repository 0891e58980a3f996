import type { MeetingStatus, Role, ThemeId } from '@akkoord/domain';
import type { Db } from '../persistence/openDatabase';
import { settle } from '../persistence/settle';
import type {
  AgendaItemRecord,
  AttendeeRecord,
  MeetingRecord,
  MeetingStore,
  StartOutcome,
} from './MeetingStore';

interface MeetingRow {
  id: string;
  workspace_id: string;
  title: string;
  scheduled_for: number;
  status: MeetingStatus;
  started_at: number | null;
  ended_at: number | null;
  current_item_id: string | null;
  focus_document_id: string | null;
  focus_clause_id: string | null;
  focus_seq: number;
  created_by: string;
  created_at: number;
}

interface ItemRow {
  id: string;
  meeting_id: string;
  title: string;
  document_id: string | null;
  clause_id: string | null;
  theme: ThemeId | null;
  timebox_minutes: number;
  spent_ms: number;
  running_since: number | null;
}

interface AttendeeRow {
  meeting_id: string;
  user_id: string;
  name: string | null;
  party_id: string | null;
  role: Role;
  first_seen_at: number;
}

const toMeeting = (r: MeetingRow): MeetingRecord => ({
  id: r.id,
  workspaceId: r.workspace_id,
  title: r.title,
  scheduledFor: r.scheduled_for,
  status: r.status,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  currentItemId: r.current_item_id,
  focus:
    r.focus_document_id === null
      ? null
      : { documentId: r.focus_document_id, clauseId: r.focus_clause_id, seq: r.focus_seq },
  createdBy: r.created_by,
  createdAt: r.created_at,
});

const toItem = (r: ItemRow): AgendaItemRecord => ({
  id: r.id,
  meetingId: r.meeting_id,
  title: r.title,
  documentId: r.document_id,
  clauseId: r.clause_id,
  theme: r.theme,
  timeboxMinutes: r.timebox_minutes,
  spentMs: r.spent_ms,
  runningSince: r.running_since,
});

const MEETING_COLUMNS = `id, workspace_id, title, scheduled_for, status, started_at, ended_at,
  current_item_id, focus_document_id, focus_clause_id, focus_seq, created_by, created_at`;

/** SQLite's message for a unique index, as better-sqlite3 reports it. */
const isUniqueViolation = (err: unknown) =>
  (err as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';

export class SqliteMeetingStore implements MeetingStore {
  constructor(private readonly db: Db) {}

  create(m: MeetingRecord, items: readonly AgendaItemRecord[]): Promise<void> {
    return settle(() =>
      this.db.transaction(() => {
        this.db
          .prepare(
            `INSERT INTO meetings (id, workspace_id, title, scheduled_for, status, created_by,
               created_at) VALUES (?, ?, ?, ?, 'planned', ?, ?)`,
          )
          .run(m.id, m.workspaceId, m.title, m.scheduledFor, m.createdBy, m.createdAt);
        this.insertItems(m.id, items);
      })(),
    );
  }

  meeting(workspaceId: string, meetingId: string): Promise<MeetingRecord | null> {
    return settle(() => {
      const row = this.db
        .prepare<[string, string], MeetingRow>(
          `SELECT ${MEETING_COLUMNS} FROM meetings WHERE id = ? AND workspace_id = ?`,
        )
        .get(meetingId, workspaceId);
      return row ? toMeeting(row) : null;
    });
  }

  meetingsOf(workspaceId: string): Promise<MeetingRecord[]> {
    return settle(() =>
      this.db
        .prepare<[string], MeetingRow>(
          `SELECT ${MEETING_COLUMNS} FROM meetings WHERE workspace_id = ?
           ORDER BY scheduled_for, created_at, rowid`,
        )
        .all(workspaceId)
        .map(toMeeting),
    );
  }

  running(workspaceId: string): Promise<MeetingRecord | null> {
    return settle(() => {
      const row = this.db
        .prepare<[string], MeetingRow>(
          `SELECT ${MEETING_COLUMNS} FROM meetings WHERE workspace_id = ? AND status = 'running'`,
        )
        .get(workspaceId);
      return row ? toMeeting(row) : null;
    });
  }

  items(meetingIds: readonly string[]): Promise<AgendaItemRecord[]> {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return settle(() =>
      this.db
        .prepare<[string], ItemRow>(
          `SELECT id, meeting_id, title, document_id, clause_id, theme, timebox_minutes, spent_ms,
             running_since
           FROM agenda_items WHERE meeting_id IN (SELECT value FROM json_each(?))
           ORDER BY meeting_id, position`,
        )
        .all(JSON.stringify(meetingIds))
        .map(toItem),
    );
  }

  attendees(meetingIds: readonly string[]): Promise<AttendeeRecord[]> {
    if (meetingIds.length === 0) return Promise.resolve([]);
    return settle(() =>
      this.db
        .prepare<[string], AttendeeRow>(
          `SELECT a.meeting_id, a.user_id, u.name, a.party_id, a.role, a.first_seen_at
           FROM meeting_attendees a LEFT JOIN users u ON u.id = a.user_id
           WHERE a.meeting_id IN (SELECT value FROM json_each(?))
           ORDER BY a.first_seen_at, a.rowid`,
        )
        .all(JSON.stringify(meetingIds))
        .map((r) => ({
          meetingId: r.meeting_id,
          userId: r.user_id,
          name: r.name ?? '',
          partyId: r.party_id,
          role: r.role,
          firstSeenAt: r.first_seen_at,
        })),
    );
  }

  update(
    meetingId: string,
    fields: { title?: string; scheduledFor?: number },
    items?: readonly AgendaItemRecord[],
  ): Promise<boolean> {
    return settle(() =>
      this.db.transaction(() => {
        if (items !== undefined) {
          if (this.status(meetingId) !== 'planned') return false;
          this.db.prepare('DELETE FROM agenda_items WHERE meeting_id = ?').run(meetingId);
          this.insertItems(meetingId, items);
        }
        this.db
          .prepare(
            `UPDATE meetings SET title = COALESCE(?, title),
               scheduled_for = COALESCE(?, scheduled_for) WHERE id = ?`,
          )
          .run(fields.title ?? null, fields.scheduledFor ?? null, meetingId);
        return true;
      })(),
    );
  }

  delete(meetingId: string): Promise<boolean> {
    return settle(
      () =>
        this.db.prepare("DELETE FROM meetings WHERE id = ? AND status = 'planned'").run(meetingId)
          .changes === 1,
    );
  }

  start(meetingId: string, at: number, clausesAtStart: string | null): Promise<StartOutcome> {
    return settle(() => {
      try {
        return this.db.transaction((): StartOutcome => {
          const first = this.db
            .prepare<[string], { id: string }>(
              'SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position LIMIT 1',
            )
            .get(meetingId);
          const changed = this.db
            .prepare(
              `UPDATE meetings SET status = 'running', started_at = ?, current_item_id = ?,
                 clauses_at_start = ? WHERE id = ? AND status = 'planned'`,
            )
            .run(at, first?.id ?? null, clausesAtStart, meetingId).changes;
          if (changed === 0) return 'not-planned';
          if (first) this.runItem(meetingId, first.id, at);
          return 'started';
        })();
      } catch (err) {
        // meetings_one_running: another meeting of the workspace runs (MEET-1).
        if (isUniqueViolation(err)) return 'other-running';
        throw err;
      }
    });
  }

  moveTo(meetingId: string, itemId: string | null, at: number): Promise<boolean> {
    return settle(() =>
      this.db.transaction(() => {
        if (this.status(meetingId) !== 'running') return false;
        this.stopTimer(meetingId, at);
        this.db
          .prepare('UPDATE meetings SET current_item_id = ? WHERE id = ?')
          .run(itemId, meetingId);
        if (itemId !== null) this.runItem(meetingId, itemId, at);
        return true;
      })(),
    );
  }

  setFocus(meetingId: string, documentId: string, clauseId: string | null): Promise<boolean> {
    return settle(
      () =>
        this.db
          .prepare(
            `UPDATE meetings SET focus_document_id = ?, focus_clause_id = ?,
               focus_seq = focus_seq + 1 WHERE id = ? AND status = 'running'`,
          )
          .run(documentId, clauseId, meetingId).changes === 1,
    );
  }

  attend(
    meetingId: string,
    userId: string,
    as: { partyId: string | null; role: Role },
    at: number,
  ): Promise<boolean> {
    return settle(() =>
      this.db.transaction(() => {
        if (this.status(meetingId) !== 'running') return false;
        this.db
          .prepare(
            `INSERT OR IGNORE INTO meeting_attendees (meeting_id, user_id, party_id, role,
               first_seen_at) VALUES (?, ?, ?, ?, ?)`,
          )
          .run(meetingId, userId, as.partyId, as.role, at);
        return true;
      })(),
    );
  }

  end(meetingId: string, at: number): Promise<boolean> {
    return settle(() =>
      this.db.transaction(() => {
        if (this.status(meetingId) !== 'running') return false;
        this.stopTimer(meetingId, at);
        this.db
          .prepare(
            `UPDATE meetings SET status = 'ended', ended_at = ?, current_item_id = NULL,
               focus_document_id = NULL, focus_clause_id = NULL WHERE id = ?`,
          )
          .run(at, meetingId);
        // The queue's table, in the same transaction: an ended meeting has nobody speaking.
        this.db
          .prepare(
            `UPDATE speaking_queue SET status = 'done', ended_at = ?
             WHERE meeting_id = ? AND status = 'speaking'`,
          )
          .run(at, meetingId);
        return true;
      })(),
    );
  }

  clausesAtStart(meetingId: string): Promise<string | null> {
    return settle(
      () =>
        this.db
          .prepare<[string], { clauses_at_start: string | null }>(
            'SELECT clauses_at_start FROM meetings WHERE id = ?',
          )
          .get(meetingId)?.clauses_at_start ?? null,
    );
  }

  // -------------------------------------------------------------------------------------------

  private status(meetingId: string): MeetingStatus | null {
    return (
      this.db
        .prepare<[string], { status: MeetingStatus }>('SELECT status FROM meetings WHERE id = ?')
        .get(meetingId)?.status ?? null
    );
  }

  /** MEET-2: the running stretch joins the item's spent time (never negative on a clock step). */
  private stopTimer(meetingId: string, at: number): void {
    this.db
      .prepare(
        `UPDATE agenda_items SET spent_ms = spent_ms + MAX(0, ? - running_since),
           running_since = NULL WHERE meeting_id = ? AND running_since IS NOT NULL`,
      )
      .run(at, meetingId);
  }

  private runItem(meetingId: string, itemId: string, at: number): void {
    this.db
      .prepare('UPDATE agenda_items SET running_since = ? WHERE id = ? AND meeting_id = ?')
      .run(at, itemId, meetingId);
  }

  private insertItems(meetingId: string, items: readonly AgendaItemRecord[]): void {
    const insert = this.db.prepare(
      `INSERT INTO agenda_items (id, meeting_id, position, title, document_id, clause_id, theme,
         timebox_minutes, spent_ms, running_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    items.forEach((it, i) =>
      insert.run(
        it.id,
        meetingId,
        i,
        it.title,
        it.documentId,
        it.clauseId,
        it.theme,
        it.timeboxMinutes,
        it.spentMs,
        it.runningSince,
      ),
    );
  }
}
