import type {
  ConsentRoundDto,
  ConsentTarget,
  DecisionDto,
  Position,
  PositionDto,
  RoundOutcome,
} from '@akkoord/domain';
import type { Db } from '../persistence/openDatabase';
import { settle } from '../persistence/settle';
import type { ConsentStore, GateRecord, NewDecision, NewPosition, NewRound } from './ConsentStore';

interface RoundRow {
  id: string;
  workspace_id: string;
  meeting_id: string | null;
  target_kind: 'clause' | 'process';
  document_id: string;
  clause_id: string | null;
  clause_number: string | null;
  text: string;
  status: 'open' | 'closed';
  outcome: RoundOutcome | null;
  opened_at: number;
  closed_at: number | null;
}

interface PositionRow {
  round_id: string;
  party_id: string;
  position: Position;
  reason: string;
  user_id: string;
  name: string | null;
  at: number;
}

interface DecisionRow {
  id: string;
  workspace_id: string;
  meeting_id: string | null;
  kind: DecisionDto['kind'];
  round_id: string | null;
  target: string;
  clause_number: string | null;
  outcome: string;
  reason: string;
  positions: string;
  actor_id: string;
  actor_name: string;
  at: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

const toTarget = (r: RoundRow): ConsentTarget =>
  r.target_kind === 'clause'
    ? { kind: 'clause', documentId: r.document_id, clauseId: r.clause_id ?? '' }
    : { kind: 'process', documentId: r.document_id };

const toPosition = (r: PositionRow): PositionDto => ({
  partyId: r.party_id,
  position: r.position,
  reason: r.reason,
  userId: r.user_id,
  name: r.name ?? '',
  at: iso(r.at),
});

const toDecision = (r: DecisionRow): DecisionDto => ({
  id: r.id,
  workspaceId: r.workspace_id,
  meetingId: r.meeting_id,
  kind: r.kind,
  roundId: r.round_id,
  target: JSON.parse(r.target) as ConsentTarget,
  clauseNumber: r.clause_number,
  outcome: r.outcome,
  reason: r.reason,
  positions: JSON.parse(r.positions) as PositionDto[],
  actor: { userId: r.actor_id, name: r.actor_name },
  at: iso(r.at),
});

const POSITION_SELECT = `SELECT p.round_id, p.party_id, p.position, p.reason, p.user_id, u.name, p.at
  FROM consent_positions p LEFT JOIN users u ON u.id = p.user_id`;

const isUniqueViolation = (err: unknown) =>
  (err as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';

export class SqliteConsentStore implements ConsentStore {
  constructor(private readonly db: Db) {}

  openRound(r: NewRound): Promise<boolean> {
    return settle(() => {
      try {
        this.db
          .prepare(
            `INSERT INTO consent_rounds (id, workspace_id, meeting_id, target_kind, document_id,
               clause_id, clause_number, text, opened_by, opened_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            r.id,
            r.workspaceId,
            r.meetingId,
            r.target.kind,
            r.target.documentId,
            r.target.kind === 'clause' ? r.target.clauseId : null,
            r.clauseNumber,
            r.text,
            r.openedBy,
            r.at,
          );
        return true;
      } catch (err) {
        // The partial unique index allows one open round per (document, clause).
        if (isUniqueViolation(err)) return false;
        throw err;
      }
    });
  }

  setRoundText(roundId: string, text: string, clauseNumber: string | null): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          `UPDATE consent_rounds SET text = ?, clause_number = ? WHERE id = ? AND status = 'open'`,
        )
        .run(text, clauseNumber, roundId);
    });
  }

  discardRound(roundId: string): Promise<void> {
    return settle(() => {
      this.db.prepare(`DELETE FROM consent_rounds WHERE id = ? AND status = 'open'`).run(roundId);
    });
  }

  heldClauseIdsByRoom(room: string): Promise<string[]> {
    return settle(() =>
      this.db
        .prepare<[string], { clause_id: string }>(
          `SELECT r.clause_id FROM consent_rounds r JOIN documents d ON d.id = r.document_id
           WHERE d.room = ? AND r.status = 'open' AND r.clause_id IS NOT NULL`,
        )
        .all(room)
        .map((r) => r.clause_id),
    );
  }

  round(workspaceId: string, roundId: string): Promise<ConsentRoundDto | null> {
    return settle(() => {
      const row = this.db
        .prepare<[string, string], RoundRow>(
          'SELECT * FROM consent_rounds WHERE workspace_id = ? AND id = ?',
        )
        .get(workspaceId, roundId);
      return row ? this.withPositions([row])[0]! : null;
    });
  }

  rounds(workspaceId: string, closedLimit = -1): Promise<ConsentRoundDto[]> {
    return settle(() => {
      const rows = this.db
        .prepare<[string, string, number], RoundRow>(
          `SELECT * FROM (
             SELECT * FROM consent_rounds WHERE workspace_id = ? AND status = 'open'
             UNION ALL
             SELECT * FROM (SELECT * FROM consent_rounds WHERE workspace_id = ? AND status = 'closed'
                            ORDER BY closed_at DESC, rowid DESC LIMIT ?)
           ) ORDER BY opened_at DESC, id DESC`,
        )
        .all(workspaceId, workspaceId, closedLimit);
      return this.withPositions(rows);
    });
  }

  setPosition(p: NewPosition): Promise<boolean> {
    return settle(() => {
      // Only while the round is open: the check and the write are one statement.
      const info = this.db
        .prepare(
          `INSERT INTO consent_positions (round_id, party_id, position, reason, user_id, at)
           SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS
             (SELECT 1 FROM consent_rounds WHERE id = ? AND status = 'open')
           ON CONFLICT (round_id, party_id) DO UPDATE SET position = excluded.position,
             reason = excluded.reason, user_id = excluded.user_id, at = excluded.at`,
        )
        .run(p.roundId, p.partyId, p.position, p.reason, p.userId, p.at, p.roundId);
      return info.changes > 0;
    });
  }

  closeRound(
    roundId: string,
    outcome: RoundOutcome,
    d: Omit<NewDecision, 'positions' | 'kind' | 'outcome'>,
    openGate: boolean,
  ): Promise<boolean> {
    return settle(() =>
      this.db.transaction(() => {
        const closed = this.db
          .prepare(
            `UPDATE consent_rounds SET status = 'closed', outcome = ?, closed_at = ?
             WHERE id = ? AND status = 'open'`,
          )
          .run(outcome, d.at, roundId);
        if (closed.changes === 0) return false;
        const positions = this.positionsOf([roundId]);
        this.insertDecision({ ...d, kind: 'consent', outcome, positions });
        if (openGate) this.insertGate(d.workspaceId, d.id, 'consent', d.at);
        return true;
      })(),
    );
  }

  addDecision(d: NewDecision, openGate: boolean): Promise<boolean> {
    return settle(() =>
      this.db.transaction(() => {
        if (openGate && !this.insertGate(d.workspaceId, d.id, 'override', d.at)) return false;
        this.insertDecision(d);
        return true;
      })(),
    );
  }

  decisions(workspaceId: string): Promise<DecisionDto[]> {
    return settle(() =>
      this.db
        .prepare<[string], DecisionRow>(
          'SELECT * FROM decisions WHERE workspace_id = ? ORDER BY at, rowid',
        )
        .all(workspaceId)
        .map(toDecision),
    );
  }

  gate(workspaceId: string): Promise<GateRecord | null> {
    return settle(() => {
      const r = this.db
        .prepare<[string], { decision_id: string; via: GateRecord['via']; at: number }>(
          'SELECT decision_id, via, at FROM process_gates WHERE workspace_id = ?',
        )
        .get(workspaceId);
      return r ? { decisionId: r.decision_id, via: r.via, at: r.at } : null;
    });
  }

  isMeetingOf(workspaceId: string, meetingId: string): Promise<boolean> {
    return settle(
      () =>
        this.db
          .prepare('SELECT 1 FROM meetings WHERE workspace_id = ? AND id = ?')
          .get(workspaceId, meetingId) !== undefined,
    );
  }

  // -------------------------------------------------------------------------------------------

  /** The first opening wins: a gate, once open, keeps the decision that opened it. */
  private insertGate(workspaceId: string, decisionId: string, via: GateRecord['via'], at: number) {
    return (
      this.db
        .prepare(
          `INSERT INTO process_gates (workspace_id, decision_id, via, at) VALUES (?, ?, ?, ?)
           ON CONFLICT (workspace_id) DO NOTHING`,
        )
        .run(workspaceId, decisionId, via, at).changes > 0
    );
  }

  private insertDecision(d: NewDecision): void {
    this.db
      .prepare(
        `INSERT INTO decisions (id, workspace_id, meeting_id, kind, round_id, target, clause_number,
           outcome, reason, positions, actor_id, actor_name, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        d.id,
        d.workspaceId,
        d.meetingId,
        d.kind,
        d.roundId,
        JSON.stringify(d.target),
        d.clauseNumber,
        d.outcome,
        d.reason,
        JSON.stringify(d.positions),
        d.actorId,
        d.actor.name,
        d.at,
      );
  }

  private positionsOf(roundIds: readonly string[]): PositionDto[] {
    return this.positionRows(roundIds).map(toPosition);
  }

  private positionRows(roundIds: readonly string[]): PositionRow[] {
    if (roundIds.length === 0) return [];
    return this.db
      .prepare<string[], PositionRow>(
        `${POSITION_SELECT} WHERE p.round_id IN (${roundIds.map(() => '?').join(', ')})
         ORDER BY p.at, p.party_id`,
      )
      .all(...roundIds);
  }

  private withPositions(rows: RoundRow[]): ConsentRoundDto[] {
    const byRound = new Map<string, PositionDto[]>();
    for (const p of this.positionRows(rows.map((r) => r.id))) {
      let list = byRound.get(p.round_id);
      if (!list) byRound.set(p.round_id, (list = []));
      list.push(toPosition(p));
    }
    return rows.map((r) => ({
      id: r.id,
      workspaceId: r.workspace_id,
      meetingId: r.meeting_id,
      target: toTarget(r),
      clauseNumber: r.clause_number,
      text: r.text,
      status: r.status,
      outcome: r.outcome,
      positions: byRound.get(r.id) ?? [],
      openedAt: iso(r.opened_at),
      closedAt: r.closed_at === null ? null : iso(r.closed_at),
    }));
  }
}
