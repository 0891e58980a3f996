import type {
  DocumentDto,
  MemberDto,
  PartyDto,
  PartyKind,
  Role,
  WorkspaceSummaryDto,
} from '@akkoord/domain';
import type { Db } from '../persistence/openDatabase';
import { settle } from '../persistence/settle';
import type {
  AuditEntry,
  AuditRecord,
  InvitationRecord,
  Membership,
  WorkspaceRecord,
  WorkspaceStore,
} from './WorkspaceStore';

interface DocRow {
  id: string;
  kind: DocumentDto['kind'];
  title: string;
  room: string;
  party_id: string | null;
  workspace_id: string;
}
interface InvRow {
  id: string;
  token_hash: string;
  workspace_id: string;
  role: Role;
  party_id: string | null;
  created_by: string;
  expires_at: number;
  max_uses: number;
  uses: number;
  revoked_at: number | null;
}

const toDoc = (r: DocRow): DocumentDto => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  room: r.room,
  ...(r.party_id ? { partyId: r.party_id } : {}),
});
const toInv = (r: InvRow): InvitationRecord => ({
  id: r.id,
  tokenHash: r.token_hash,
  workspaceId: r.workspace_id,
  role: r.role,
  partyId: r.party_id,
  createdBy: r.created_by,
  expiresAt: r.expires_at,
  maxUses: r.max_uses,
  uses: r.uses,
  revokedAt: r.revoked_at,
});

export class SqliteWorkspaceStore implements WorkspaceStore {
  constructor(private readonly db: Db) {}

  createWorkspace(
    ws: WorkspaceRecord,
    creatorId: string,
    parties: PartyDto[],
    documents: DocumentDto[],
  ): Promise<void> {
    return settle(() =>
      this.db.transaction(() => {
        const now = Date.now();
        this.db
          .prepare(
            'INSERT INTO workspaces (id, title, municipality, period, process_first, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            ws.id,
            ws.title,
            ws.municipality,
            ws.period,
            ws.processFirst ? 1 : 0,
            creatorId,
            now,
          );
        parties.forEach((p, i) => this.insertParty(ws.id, p, i));
        documents.forEach((d, i) => this.insertDocument(ws.id, d, i));
        this.db
          .prepare(
            'INSERT INTO members (workspace_id, user_id, role, party_id, joined_at) VALUES (?, ?, ?, NULL, ?)',
          )
          .run(ws.id, creatorId, 'facilitator', now);
      })(),
    );
  }

  private insertParty(workspaceId: string, p: PartyDto, position: number): void {
    this.db
      .prepare(
        'INSERT INTO parties (id, workspace_id, name, kind, color, position) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(p.id, workspaceId, p.name, p.kind, p.color, position);
  }

  private insertDocument(workspaceId: string, d: DocumentDto, position: number): void {
    this.db
      .prepare(
        'INSERT INTO documents (id, workspace_id, kind, title, room, party_id, position) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(d.id, workspaceId, d.kind, d.title, d.room, d.partyId ?? null, position);
  }

  workspacesOf(userId: string): Promise<WorkspaceSummaryDto[]> {
    return settle(() =>
      this.db
        .prepare<
          [string],
          {
            id: string;
            title: string;
            municipality: string;
            period: string;
            role: Role;
            party_id: string | null;
            party_name: string | null;
            party_kind: PartyKind | null;
            party_color: string | null;
          }
        >(
          `SELECT w.id, w.title, w.municipality, w.period, m.role, m.party_id,
                  p.name AS party_name, p.kind AS party_kind, p.color AS party_color
           FROM members m
           JOIN workspaces w ON w.id = m.workspace_id
           LEFT JOIN parties p ON p.id = m.party_id
           WHERE m.user_id = ? ORDER BY w.created_at DESC`,
        )
        .all(userId)
        .map((r) => ({
          id: r.id,
          title: r.title,
          municipality: r.municipality,
          period: r.period,
          role: r.role,
          partyId: r.party_id,
          party:
            r.party_id !== null && r.party_name !== null && r.party_kind !== null
              ? {
                  id: r.party_id,
                  name: r.party_name,
                  kind: r.party_kind,
                  color: r.party_color ?? '',
                }
              : null,
        })),
    );
  }

  workspace(id: string): Promise<WorkspaceRecord | null> {
    return settle(() => {
      const r = this.db
        .prepare<[string], Omit<WorkspaceRecord, 'processFirst'> & { process_first: number }>(
          'SELECT id, title, municipality, period, process_first FROM workspaces WHERE id = ?',
        )
        .get(id);
      if (!r) return null;
      const { process_first, ...rest } = r;
      return { ...rest, processFirst: process_first === 1 };
    });
  }

  updateWorkspace(id: string, f: Partial<Omit<WorkspaceRecord, 'id'>>): Promise<void> {
    const processFirst = f.processFirst === undefined ? null : f.processFirst ? 1 : 0;
    return settle(() => {
      this.db
        .prepare(
          `UPDATE workspaces SET title = coalesce(?, title), municipality = coalesce(?, municipality),
           period = coalesce(?, period), process_first = coalesce(?, process_first) WHERE id = ?`,
        )
        .run(f.title ?? null, f.municipality ?? null, f.period ?? null, processFirst, id);
    });
  }

  parties(workspaceId: string): Promise<PartyDto[]> {
    return settle(() =>
      this.db
        .prepare<[string], PartyDto>(
          'SELECT id, name, kind, color FROM parties WHERE workspace_id = ? ORDER BY position',
        )
        .all(workspaceId),
    );
  }

  members(workspaceId: string): Promise<MemberDto[]> {
    return settle(() =>
      this.db
        .prepare<[string], { user_id: string; name: string; role: Role; party_id: string | null }>(
          `SELECT m.user_id, u.name, m.role, m.party_id FROM members m JOIN users u ON u.id = m.user_id
           WHERE m.workspace_id = ? ORDER BY m.joined_at`,
        )
        .all(workspaceId)
        .map((r) => ({ userId: r.user_id, name: r.name, role: r.role, partyId: r.party_id })),
    );
  }

  documents(workspaceId: string): Promise<DocumentDto[]> {
    return settle(() =>
      this.db
        .prepare<[string], DocRow>(
          'SELECT * FROM documents WHERE workspace_id = ? ORDER BY position',
        )
        .all(workspaceId)
        .map(toDoc),
    );
  }

  membership(workspaceId: string, userId: string): Promise<Membership | null> {
    return settle(() => {
      const r = this.db
        .prepare<[string, string], { role: Role; party_id: string | null }>(
          'SELECT role, party_id FROM members WHERE workspace_id = ? AND user_id = ?',
        )
        .get(workspaceId, userId);
      return r ? { role: r.role, partyId: r.party_id } : null;
    });
  }

  addParty(workspaceId: string, party: PartyDto, notes: DocumentDto): Promise<void> {
    return settle(() =>
      this.db.transaction(() => {
        const n = this.db
          .prepare<[string], { n: number }>(
            'SELECT count(*) AS n FROM parties WHERE workspace_id = ?',
          )
          .get(workspaceId)!.n;
        this.insertParty(workspaceId, party, n);
        const d = this.db
          .prepare<[string], { n: number }>(
            'SELECT count(*) AS n FROM documents WHERE workspace_id = ?',
          )
          .get(workspaceId)!.n;
        this.insertDocument(workspaceId, notes, d);
      })(),
    );
  }

  setMember(workspaceId: string, userId: string, m: Membership): Promise<void> {
    return settle(() => {
      this.db
        .prepare('UPDATE members SET role = ?, party_id = ? WHERE workspace_id = ? AND user_id = ?')
        .run(m.role, m.partyId, workspaceId, userId);
    });
  }

  removeMember(workspaceId: string, userId: string): Promise<void> {
    return settle(() => {
      this.db
        .prepare('DELETE FROM members WHERE workspace_id = ? AND user_id = ?')
        .run(workspaceId, userId);
    });
  }

  documentByRoom(room: string): Promise<(DocumentDto & { workspaceId: string }) | null> {
    return settle(() => {
      const r = this.db
        .prepare<[string], DocRow>('SELECT * FROM documents WHERE room = ?')
        .get(room);
      return r ? { ...toDoc(r), workspaceId: r.workspace_id } : null;
    });
  }

  createInvitation(inv: InvitationRecord): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          `INSERT INTO invitations (id, token_hash, workspace_id, role, party_id, created_by, created_at, expires_at, max_uses)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          inv.id,
          inv.tokenHash,
          inv.workspaceId,
          inv.role,
          inv.partyId,
          inv.createdBy,
          Date.now(),
          inv.expiresAt,
          inv.maxUses,
        );
    });
  }

  invitationByTokenHash(tokenHash: string): Promise<InvitationRecord | null> {
    return settle(() => {
      const r = this.db
        .prepare<[string], InvRow>('SELECT * FROM invitations WHERE token_hash = ?')
        .get(tokenHash);
      return r ? toInv(r) : null;
    });
  }

  invitations(workspaceId: string): Promise<InvitationRecord[]> {
    return settle(() =>
      this.db
        .prepare<[string], InvRow>(
          'SELECT * FROM invitations WHERE workspace_id = ? ORDER BY created_at DESC',
        )
        .all(workspaceId)
        .map(toInv),
    );
  }

  revokeInvitation(workspaceId: string, id: string): Promise<boolean> {
    return settle(
      () =>
        this.db
          .prepare(
            'UPDATE invitations SET revoked_at = ? WHERE id = ? AND workspace_id = ? AND revoked_at IS NULL',
          )
          .run(Date.now(), id, workspaceId).changes === 1,
    );
  }

  acceptInvitation(inv: InvitationRecord, userId: string): Promise<boolean> {
    return settle(() =>
      this.db.transaction(() => {
        const used = this.db
          .prepare(
            'UPDATE invitations SET uses = uses + 1 WHERE id = ? AND uses < max_uses AND revoked_at IS NULL',
          )
          .run(inv.id);
        if (used.changes !== 1) return false;
        this.db
          .prepare(
            'INSERT INTO members (workspace_id, user_id, role, party_id, joined_at) VALUES (?, ?, ?, ?, ?)',
          )
          .run(inv.workspaceId, userId, inv.role, inv.partyId, Date.now());
        return true;
      })(),
    );
  }

  audit(e: AuditEntry): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          'INSERT INTO audit_log (workspace_id, actor_id, action, details, at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(e.workspaceId, e.actorId, e.action, JSON.stringify(e.details), Date.now());
    });
  }

  auditLog(workspaceId: string, limit: number): Promise<AuditRecord[]> {
    return settle(() =>
      this.db
        .prepare<
          [string, number],
          {
            id: number;
            workspace_id: string;
            actor_id: string;
            name: string | null;
            action: string;
            details: string;
            at: number;
          }
        >(
          `SELECT a.*, u.name FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
           WHERE a.workspace_id = ? ORDER BY a.id DESC LIMIT ?`,
        )
        .all(workspaceId, limit)
        .map((r) => ({
          id: r.id,
          workspaceId: r.workspace_id,
          actorId: r.actor_id,
          actorName: r.name ?? '',
          action: r.action,
          details: JSON.parse(r.details) as Record<string, unknown>,
          at: r.at,
        })),
    );
  }
}
