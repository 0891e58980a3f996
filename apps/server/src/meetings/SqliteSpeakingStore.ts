import type { SpeakingStatus } from '@akkoord/domain';
import type { Db } from '../persistence/openDatabase';
import { settle } from '../persistence/settle';
import type { NewHand, SpeakingRecord, SpeakingStore } from './SpeakingStore';

interface EntryRow {
  id: string;
  meeting_id: string;
  user_id: string;
  name: string | null;
  party_id: string | null;
  status: SpeakingStatus;
  raised_at: number;
  started_at: number | null;
  ended_at: number | null;
}

export class SqliteSpeakingStore implements SpeakingStore {
  constructor(private readonly db: Db) {}

  entries(meetingId: string): Promise<SpeakingRecord[]> {
    return settle(() =>
      this.db
        .prepare<[string], EntryRow>(
          `SELECT q.id, q.meeting_id, q.user_id, u.name, q.party_id, q.status, q.raised_at,
             q.started_at, q.ended_at
           FROM speaking_queue q LEFT JOIN users u ON u.id = q.user_id
           WHERE q.meeting_id = ? ORDER BY q.raised_at, q.rowid`,
        )
        .all(meetingId)
        .map((r) => ({
          id: r.id,
          meetingId: r.meeting_id,
          userId: r.user_id,
          name: r.name ?? '',
          partyId: r.party_id,
          status: r.status,
          raisedAt: r.raised_at,
          startedAt: r.started_at,
          endedAt: r.ended_at,
        })),
    );
  }

  raise(h: NewHand): Promise<boolean> {
    return settle(() =>
      this.db.transaction(() => {
        const active = this.db
          .prepare<[string, string], { id: string }>(
            `SELECT id FROM speaking_queue WHERE meeting_id = ? AND user_id = ?
               AND status IN ('waiting', 'speaking')`,
          )
          .get(h.meetingId, h.userId);
        if (active) return false;
        this.db
          .prepare(
            `INSERT INTO speaking_queue (id, meeting_id, user_id, party_id, status, raised_at)
             VALUES (?, ?, ?, ?, 'waiting', ?)`,
          )
          .run(h.id, h.meetingId, h.userId, h.partyId, h.raisedAt);
        return true;
      })(),
    );
  }

  lower(meetingId: string, userId: string, at: number): Promise<boolean> {
    return settle(() =>
      this.db.transaction(() => {
        const withdrawn = this.db
          .prepare(
            `UPDATE speaking_queue SET status = 'withdrawn', ended_at = ?
             WHERE meeting_id = ? AND user_id = ? AND status = 'waiting'`,
          )
          .run(at, meetingId, userId).changes;
        const ended = this.db
          .prepare(
            `UPDATE speaking_queue SET status = 'done', ended_at = ?
             WHERE meeting_id = ? AND user_id = ? AND status = 'speaking'`,
          )
          .run(at, meetingId, userId).changes;
        return withdrawn + ended > 0;
      })(),
    );
  }

  giveFloor(meetingId: string, entryId: string | null, at: number): Promise<'ok' | 'not-waiting'> {
    return settle(() =>
      this.db.transaction(() => {
        const next =
          entryId === null
            ? this.db
                .prepare<[string], { id: string }>(
                  `SELECT id FROM speaking_queue WHERE meeting_id = ? AND status = 'waiting'
                   ORDER BY raised_at, rowid LIMIT 1`,
                )
                .get(meetingId)
            : this.db
                .prepare<[string, string], { id: string }>(
                  `SELECT id FROM speaking_queue WHERE id = ? AND meeting_id = ?
                     AND status = 'waiting'`,
                )
                .get(entryId, meetingId);
        if (entryId !== null && !next) return 'not-waiting';
        this.endTurnNow(meetingId, at);
        if (next) {
          this.db
            .prepare("UPDATE speaking_queue SET status = 'speaking', started_at = ? WHERE id = ?")
            .run(at, next.id);
        }
        return 'ok';
      })(),
    );
  }

  endTurn(meetingId: string, at: number): Promise<void> {
    return settle(() => this.endTurnNow(meetingId, at));
  }

  private endTurnNow(meetingId: string, at: number): void {
    this.db
      .prepare(
        `UPDATE speaking_queue SET status = 'done', ended_at = ?
         WHERE meeting_id = ? AND status = 'speaking'`,
      )
      .run(at, meetingId);
  }
}
