import {
  DEFAULT_PARTIES,
  PARTY_COLORS,
  type DocumentDto,
  type MemberDto,
  type PartyDto,
  type PartyKind,
  type Role,
  type WorkspaceDto,
  type WorkspaceSummaryDto,
} from '@akkoord/domain';
import { hashToken, newId, newToken } from '../accounts/tokens';
import { AppError } from '../errors';
import { canManage } from './access';
import type { AuditRecord, Membership, WorkspaceStore } from './WorkspaceStore';

/** Told when someone's rights in a workspace changed, so open sockets follow within a second. */
export type AccessChanged = (workspaceId: string, userId: string) => void;

/** Writes the initial content of a new workspace's documents (their templates). */
export type SeedDocuments = (
  documents: readonly DocumentDto[],
  parties: readonly PartyDto[],
) => Promise<void>;

const notesDoc = (party: PartyDto): DocumentDto => ({
  id: newId('d'),
  kind: 'party-notes',
  title: `Interne notities ${party.name}`,
  room: newId('r'),
  partyId: party.id,
});

export class WorkspaceService {
  constructor(
    private readonly store: WorkspaceStore,
    private readonly onAccessChanged: AccessChanged = () => {},
    private readonly now: () => number = Date.now,
    private readonly seedDocuments: SeedDocuments = () => Promise.resolve(),
  ) {}

  async create(
    userId: string,
    input: {
      title: string;
      municipality?: string;
      period?: string;
      parties?: { name: string; kind: PartyKind; color?: string }[];
      processFirst?: boolean;
    },
  ): Promise<WorkspaceDto> {
    const id = newId('w');
    const wanted: { name: string; kind: PartyKind; color?: string }[] =
      input.parties ?? DEFAULT_PARTIES;
    const parties: PartyDto[] = wanted.map((p, i) => ({
      id: newId('p'),
      name: p.name,
      kind: p.kind,
      color: p.color ?? PARTY_COLORS[i % PARTY_COLORS.length]!,
    }));
    const documents: DocumentDto[] = [
      { id: newId('d'), kind: 'process', title: 'Procesafspraken', room: newId('r') },
      { id: newId('d'), kind: 'agreement', title: 'Prestatieafspraken', room: newId('r') },
      ...parties.map(notesDoc),
    ];
    const ws = {
      id,
      title: input.title,
      municipality: input.municipality ?? '',
      period: input.period ?? '',
      processFirst: input.processFirst ?? false,
    };
    // Before the workspace exists, so nobody can open a document before its content is there.
    await this.seedDocuments(documents, parties);
    await this.store.createWorkspace(ws, userId, parties, documents);
    await this.store.audit({
      workspaceId: id,
      actorId: userId,
      action: 'workspace.created',
      details: { title: input.title },
    });
    return this.get(userId, id);
  }

  list(userId: string): Promise<WorkspaceSummaryDto[]> {
    return this.store.workspacesOf(userId);
  }

  /** Non-members get 404: a workspace's existence is not revealed to outsiders. */
  async requireMember(userId: string, workspaceId: string): Promise<Membership> {
    const m = await this.store.membership(workspaceId, userId);
    if (!m) throw new AppError('not_found', 'Workspace not found');
    return m;
  }

  async requireFacilitator(userId: string, workspaceId: string): Promise<Membership> {
    const m = await this.requireMember(userId, workspaceId);
    if (!canManage(m)) throw new AppError('forbidden', 'Only the facilitator can do this');
    return m;
  }

  async get(userId: string, workspaceId: string): Promise<WorkspaceDto> {
    await this.requireMember(userId, workspaceId);
    const ws = await this.store.workspace(workspaceId);
    if (!ws) throw new AppError('not_found', 'Workspace not found');
    const [parties, members, documents] = await Promise.all([
      this.store.parties(workspaceId),
      this.store.members(workspaceId),
      this.store.documents(workspaceId),
    ]);
    return { ...ws, parties, members, documents };
  }

  async update(
    userId: string,
    workspaceId: string,
    fields: { title?: string; municipality?: string; period?: string; processFirst?: boolean },
  ): Promise<WorkspaceDto> {
    await this.requireFacilitator(userId, workspaceId);
    await this.store.updateWorkspace(workspaceId, fields);
    await this.store.audit({
      workspaceId,
      actorId: userId,
      action: 'workspace.updated',
      details: fields,
    });
    // Process first decides whether negotiators may write the agreement (GATE-1): open sockets
    // follow at once, as after a role change.
    if (fields.processFirst !== undefined) {
      for (const m of await this.store.members(workspaceId))
        this.onAccessChanged(workspaceId, m.userId);
    }
    return this.get(userId, workspaceId);
  }

  async addParty(
    userId: string,
    workspaceId: string,
    input: { name: string; kind: PartyKind; color?: string },
  ): Promise<PartyDto> {
    await this.requireFacilitator(userId, workspaceId);
    const existing = await this.store.parties(workspaceId);
    if (existing.length >= 12)
      throw new AppError('conflict', 'A negotiation has at most 12 parties');
    const party: PartyDto = {
      id: newId('p'),
      name: input.name,
      kind: input.kind,
      color: input.color ?? PARTY_COLORS[existing.length % PARTY_COLORS.length]!,
    };
    await this.store.addParty(workspaceId, party, notesDoc(party));
    await this.store.audit({
      workspaceId,
      actorId: userId,
      action: 'party.added',
      details: { partyId: party.id, name: party.name, kind: party.kind },
    });
    return party;
  }

  async invite(
    userId: string,
    workspaceId: string,
    input: { role: Role; partyId?: string; expiresInHours: number; maxUses: number },
  ): Promise<{
    id: string;
    token: string;
    role: Role;
    partyId: string | null;
    expiresAt: number;
    maxUses: number;
  }> {
    await this.requireFacilitator(userId, workspaceId);
    await this.requireParty(workspaceId, input.partyId);
    const token = newToken();
    const inv = {
      id: newId('i'),
      tokenHash: hashToken(token),
      workspaceId,
      role: input.role,
      partyId: input.partyId ?? null,
      createdBy: userId,
      expiresAt: this.now() + input.expiresInHours * 3600_000,
      maxUses: input.maxUses,
      uses: 0,
      revokedAt: null,
    };
    await this.store.createInvitation(inv);
    await this.store.audit({
      workspaceId,
      actorId: userId,
      action: 'invitation.created',
      details: {
        invitationId: inv.id,
        role: inv.role,
        partyId: inv.partyId,
        maxUses: inv.maxUses,
        expiresAt: inv.expiresAt,
      },
    });
    return {
      id: inv.id,
      token,
      role: inv.role,
      partyId: inv.partyId,
      expiresAt: inv.expiresAt,
      maxUses: inv.maxUses,
    };
  }

  async listInvitations(userId: string, workspaceId: string) {
    await this.requireFacilitator(userId, workspaceId);
    return (await this.store.invitations(workspaceId)).map((i) => ({
      id: i.id,
      role: i.role,
      partyId: i.partyId,
      expiresAt: i.expiresAt,
      maxUses: i.maxUses,
      uses: i.uses,
      revoked: i.revokedAt !== null,
    }));
  }

  async revokeInvitation(userId: string, workspaceId: string, invitationId: string): Promise<void> {
    await this.requireFacilitator(userId, workspaceId);
    if (!(await this.store.revokeInvitation(workspaceId, invitationId)))
      throw new AppError('not_found', 'Invitation not found');
    await this.store.audit({
      workspaceId,
      actorId: userId,
      action: 'invitation.revoked',
      details: { invitationId },
    });
  }

  /** What an invitation link offers, shown before accepting. */
  async previewInvitation(token: string) {
    const inv = await this.usableInvitation(token);
    const ws = await this.store.workspace(inv.workspaceId);
    const party = inv.partyId
      ? (await this.store.parties(inv.workspaceId)).find((p) => p.id === inv.partyId)
      : undefined;
    return {
      workspace: { id: inv.workspaceId, title: ws?.title ?? '' },
      role: inv.role,
      party: party ?? null,
      expiresAt: inv.expiresAt,
    };
  }

  async acceptInvitation(
    userId: string,
    token: string,
  ): Promise<MemberDto & { workspaceId: string }> {
    const inv = await this.usableInvitation(token);
    if (await this.store.membership(inv.workspaceId, userId)) {
      throw new AppError('conflict', 'You are already a member of this negotiation');
    }
    if (!(await this.store.acceptInvitation(inv, userId)))
      throw new AppError('not_found', 'This invitation is no longer valid');
    await this.store.audit({
      workspaceId: inv.workspaceId,
      actorId: userId,
      action: 'member.joined',
      details: { invitationId: inv.id, role: inv.role, partyId: inv.partyId },
    });
    const me = (await this.store.members(inv.workspaceId)).find((m) => m.userId === userId)!;
    return { ...me, workspaceId: inv.workspaceId };
  }

  async updateMember(
    actorId: string,
    workspaceId: string,
    userId: string,
    m: { role: Role; partyId?: string },
  ): Promise<MemberDto> {
    await this.requireFacilitator(actorId, workspaceId);
    const current = await this.store.membership(workspaceId, userId);
    if (!current) throw new AppError('not_found', 'Member not found');
    await this.requireParty(workspaceId, m.partyId);
    if (current.role === 'facilitator' && m.role !== 'facilitator')
      await this.keepOneFacilitator(workspaceId);
    const next = { role: m.role, partyId: m.partyId ?? null };
    await this.store.setMember(workspaceId, userId, next);
    await this.store.audit({
      workspaceId,
      actorId,
      action: 'member.role_changed',
      details: { userId, from: current, to: next },
    });
    this.onAccessChanged(workspaceId, userId);
    return (await this.store.members(workspaceId)).find((x) => x.userId === userId)!;
  }

  async removeMember(actorId: string, workspaceId: string, userId: string): Promise<void> {
    // Anyone may leave; only the facilitator may remove someone else.
    if (actorId === userId) await this.requireMember(actorId, workspaceId);
    else await this.requireFacilitator(actorId, workspaceId);
    const current = await this.store.membership(workspaceId, userId);
    if (!current) throw new AppError('not_found', 'Member not found');
    if (current.role === 'facilitator') await this.keepOneFacilitator(workspaceId);
    await this.store.removeMember(workspaceId, userId);
    await this.store.audit({
      workspaceId,
      actorId,
      action: 'member.removed',
      details: { userId, was: current },
    });
    this.onAccessChanged(workspaceId, userId);
  }

  async auditLog(userId: string, workspaceId: string): Promise<AuditRecord[]> {
    await this.requireFacilitator(userId, workspaceId);
    return this.store.auditLog(workspaceId, 500);
  }

  private async usableInvitation(token: string) {
    const inv = await this.store.invitationByTokenHash(hashToken(token));
    if (!inv || inv.revokedAt !== null || inv.expiresAt <= this.now() || inv.uses >= inv.maxUses) {
      throw new AppError('not_found', 'This invitation is no longer valid');
    }
    return inv;
  }

  private async requireParty(workspaceId: string, partyId: string | undefined): Promise<void> {
    if (partyId === undefined) return;
    if (!(await this.store.parties(workspaceId)).some((p) => p.id === partyId)) {
      // Same details shape as body validation, so clients show it next to the field.
      throw new AppError('validation_failed', 'Unknown party', {
        fields: { partyId: 'no such party in this negotiation' },
      });
    }
  }

  private async keepOneFacilitator(workspaceId: string): Promise<void> {
    const facilitators = (await this.store.members(workspaceId)).filter(
      (m) => m.role === 'facilitator',
    );
    if (facilitators.length <= 1)
      throw new AppError('conflict', 'A negotiation needs at least one facilitator');
  }
}
