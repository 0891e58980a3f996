import { ConsentTarget, Position, type DecisionKind, type PositionDto } from '@akkoord/domain';
import { z } from 'zod';
import type { Db } from '../persistence/openDatabase';
import { settle } from '../persistence/settle';
import type {
  ActionItemFields,
  ActionItemRecord,
  AmendResult,
  ApproveResult,
  MeetingFacts,
  MeetingRecordings,
  MinutesRecord,
  MinutesStore,
} from './MinutesStore';

interface MinutesRow {
  meeting_id: string;
  status: 'draft' | 'locked';
  body: string;
  version: number;
  updated_at: number;
  updated_by: string | null;
  updated_by_name: string | null;
  locked_at: number | null;
}

interface ActionRow {
  id: string;
  meeting_id: string;
  description: string;
  owner_party_id: string | null;
  owner_user_id: string | null;
  owner_name: string | null;
  due: string | null;
  created_at: number;
}

const toAction = (r: ActionRow): ActionItemRecord => ({
  id: r.id,
  meetingId: r.meeting_id,
  description: r.description,
  ownerPartyId: r.owner_party_id,
  ownerUserId: r.owner_user_id,
  ownerName: r.owner_name,
  due: r.due,
  createdAt: new Date(r.created_at).toISOString(),
});

const ACTION_COLUMNS = `a.id, a.meeting_id, a.description, a.owner_party_id, a.owner_user_id,
  u.name AS owner_name, a.due, a.created_at`;

// The decision log is written by the consent module; read it defensively (history stays
// readable even if one row is odd).
const StoredPositions = z.array(
  z.object({
    partyId: z.string(),
    position: Position,
    reason: z.string().default(''),
    userId: z.string().default(''),
    name: z.string().default(''),
    at: z.string().default(''),
  }),
);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function positionsOf(text: string): PositionDto[] {
  const r = StoredPositions.safeParse(parseJson(text));
  return r.success ? r.data : [];
}

export class SqliteMinutesStore implements MinutesStore {
  constructor(private readonly db: Db) {}

  meeting(workspaceId: string, meetingId: string): Promise<MeetingFacts | null> {
    return settle(() => {
      const row = this.db
        .prepare<
          [string, string],
          {
            id: string;
            workspace_id: string;
            title: string;
            status: MeetingFacts['status'];
            started_at: number | null;
            ended_at: number | null;
            clauses_at_start: string | null;
          }
        >(
          `SELECT id, workspace_id, title, status, started_at, ended_at, clauses_at_start
           FROM meetings WHERE id = ? AND workspace_id = ?`,
        )
        .get(meetingId, workspaceId);
      return row
        ? {
            id: row.id,
            workspaceId: row.workspace_id,
            title: row.title,
            status: row.status,
            startedAt: row.started_at,
            endedAt: row.ended_at,
            clausesAtStart: row.clauses_at_start,
          }
        : null;
    });
  }

  recordings(workspaceId: string, meetingId: string): Promise<MeetingRecordings> {
    return settle(() => {
      const items = this.db
        .prepare<[string], { title: string; timebox_minutes: number; spent_ms: number }>(
          `SELECT title, timebox_minutes, spent_ms FROM agenda_items
           WHERE meeting_id = ? ORDER BY position`,
        )
        .all(meetingId)
        .map((r) => ({
          title: r.title,
          timeboxMinutes: r.timebox_minutes,
          spentSeconds: Math.round(r.spent_ms / 1000),
        }));
      const attendees = this.db
        .prepare<[string], { name: string; party_id: string | null }>(
          `SELECT u.name, a.party_id FROM meeting_attendees a JOIN users u ON u.id = a.user_id
           WHERE a.meeting_id = ? ORDER BY a.first_seen_at, u.name`,
        )
        .all(meetingId)
        .map((r) => ({ name: r.name, partyId: r.party_id }));
      const decisions = this.db
        .prepare<
          [string, string],
          {
            kind: DecisionKind;
            target: string;
            clause_number: string | null;
            outcome: string;
            reason: string;
            positions: string;
          }
        >(
          `SELECT kind, target, clause_number, outcome, reason, positions FROM decisions
           WHERE workspace_id = ? AND meeting_id = ? ORDER BY at, rowid`,
        )
        .all(workspaceId, meetingId)
        .flatMap((r) => {
          const target = ConsentTarget.safeParse(parseJson(r.target));
          if (!target.success) return [];
          return [
            {
              kind: r.kind,
              target: target.data,
              clauseNumber: r.clause_number,
              outcome: r.outcome,
              reason: r.reason,
              positions: positionsOf(r.positions),
            },
          ];
        });
      const parking = this.db
        .prepare<
          [string, string],
          {
            title: string;
            note: string;
            scope: 'in-scope' | 'out-of-scope' | 'unclear';
            status: 'open' | 'done';
            meeting_id: string | null;
          }
        >(
          `SELECT title, note, scope, status, meeting_id FROM parking_items
           WHERE workspace_id = ? AND (meeting_id = ? OR status = 'open')
           ORDER BY created_at, rowid`,
        )
        .all(workspaceId, meetingId)
        .map((r) => ({
          title: r.title,
          note: r.note,
          scope: r.scope,
          status: r.status,
          meetingId: r.meeting_id,
        }));
      return { items, attendees, decisions, parking };
    });
  }

  minutes(meetingId: string): Promise<MinutesRecord | null> {
    return settle(() => this.readMinutes(meetingId));
  }

  private readMinutes(meetingId: string): MinutesRecord | null {
    const row = this.db
      .prepare<[string], MinutesRow>(
        `SELECT m.*, u.name AS updated_by_name FROM minutes m
         LEFT JOIN users u ON u.id = m.updated_by WHERE m.meeting_id = ?`,
      )
      .get(meetingId);
    if (!row) return null;
    const approvals = this.db
      .prepare<[string, number], { party_id: string; user_id: string; name: string; at: number }>(
        `SELECT a.party_id, a.user_id, u.name, a.at FROM minutes_approvals a
         JOIN users u ON u.id = a.user_id
         WHERE a.meeting_id = ? AND a.version = ? ORDER BY a.at, a.party_id`,
      )
      .all(meetingId, row.version)
      .map((a) => ({
        partyId: a.party_id,
        userId: a.user_id,
        name: a.name,
        at: new Date(a.at).toISOString(),
      }));
    return {
      meetingId: row.meeting_id,
      status: row.status,
      body: row.body,
      version: row.version,
      updatedAt: row.updated_at,
      updatedBy:
        row.updated_by === null
          ? null
          : { userId: row.updated_by, name: row.updated_by_name ?? '' },
      lockedAt: row.locked_at,
      approvals,
    };
  }

  createDraft(meetingId: string, body: string, now: number): Promise<boolean> {
    return settle(
      () =>
        this.db
          .prepare(
            `INSERT OR IGNORE INTO minutes (meeting_id, status, body, version, updated_at)
             VALUES (?, 'draft', ?, 1, ?)`,
          )
          .run(meetingId, body, now).changes === 1,
    );
  }

  /** Why `version` of the minutes cannot change (gone, locked, not current); null if it can. */
  private refusal(meetingId: string, version: number): 'missing' | 'locked' | 'stale' | null {
    const cur = this.readMinutes(meetingId);
    if (!cur) return 'missing';
    if (cur.status === 'locked') return 'locked';
    if (cur.version !== version) return 'stale';
    return null;
  }

  amend(
    meetingId: string,
    body: string,
    fromVersion: number,
    userId: string,
    now: number,
  ): Promise<AmendResult> {
    return settle(() =>
      this.db.transaction((): AmendResult => {
        const refused = this.refusal(meetingId, fromVersion);
        if (refused) return refused;
        this.db
          .prepare(
            `UPDATE minutes SET body = ?, version = version + 1, updated_at = ?, updated_by = ?
             WHERE meeting_id = ?`,
          )
          .run(body, now, userId, meetingId);
        this.db.prepare('DELETE FROM minutes_approvals WHERE meeting_id = ?').run(meetingId);
        return 'ok';
      })(),
    );
  }

  approve(
    meetingId: string,
    partyId: string,
    userId: string,
    version: number,
    partyIds: readonly string[],
    now: number,
  ): Promise<ApproveResult> {
    return settle(() =>
      this.db.transaction((): ApproveResult => {
        const refused = this.refusal(meetingId, version);
        if (refused) return refused;
        this.db
          .prepare(
            `INSERT INTO minutes_approvals (meeting_id, party_id, user_id, version, at)
             VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (meeting_id, party_id)
             DO UPDATE SET user_id = excluded.user_id, version = excluded.version, at = excluded.at`,
          )
          .run(meetingId, partyId, userId, version, now);
        const approved = new Set(
          this.db
            .prepare<[string, number], { party_id: string }>(
              'SELECT party_id FROM minutes_approvals WHERE meeting_id = ? AND version = ?',
            )
            .all(meetingId, version)
            .map((r) => r.party_id),
        );
        if (partyIds.length > 0 && partyIds.every((p) => approved.has(p))) {
          this.db
            .prepare(`UPDATE minutes SET status = 'locked', locked_at = ? WHERE meeting_id = ?`)
            .run(now, meetingId);
        }
        return 'ok';
      })(),
    );
  }

  actions(meetingId: string): Promise<ActionItemRecord[]> {
    return settle(() =>
      this.db
        .prepare<[string], ActionRow>(
          `SELECT ${ACTION_COLUMNS} FROM action_items a LEFT JOIN users u ON u.id = a.owner_user_id
           WHERE a.meeting_id = ? ORDER BY a.created_at, a.rowid`,
        )
        .all(meetingId)
        .map(toAction),
    );
  }

  action(meetingId: string, actionId: string): Promise<ActionItemRecord | null> {
    return settle(() => {
      const row = this.db
        .prepare<[string, string], ActionRow>(
          `SELECT ${ACTION_COLUMNS} FROM action_items a LEFT JOIN users u ON u.id = a.owner_user_id
           WHERE a.meeting_id = ? AND a.id = ?`,
        )
        .get(meetingId, actionId);
      return row ? toAction(row) : null;
    });
  }

  addAction(
    meetingId: string,
    id: string,
    f: ActionItemFields,
    userId: string,
    now: number,
  ): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          `INSERT INTO action_items (id, meeting_id, description, owner_party_id, owner_user_id,
             due, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, meetingId, f.description, f.ownerPartyId, f.ownerUserId, f.due, userId, now);
    });
  }

  updateAction(meetingId: string, actionId: string, f: ActionItemFields): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          `UPDATE action_items SET description = ?, owner_party_id = ?, owner_user_id = ?, due = ?
           WHERE meeting_id = ? AND id = ?`,
        )
        .run(f.description, f.ownerPartyId, f.ownerUserId, f.due, meetingId, actionId);
    });
  }

  deleteAction(meetingId: string, actionId: string): Promise<boolean> {
    return settle(
      () =>
        this.db
          .prepare('DELETE FROM action_items WHERE meeting_id = ? AND id = ?')
          .run(meetingId, actionId).changes === 1,
    );
  }
}
