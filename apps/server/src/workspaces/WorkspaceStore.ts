import type { DocumentDto, MemberDto, PartyDto, Role, WorkspaceSummaryDto } from '@akkoord/domain';

export interface WorkspaceRecord {
  id: string;
  title: string;
  municipality: string;
  period: string;
  /** GATE-1: the agreement is read-only for negotiators until the process gate opens. */
  processFirst: boolean;
}

export interface Membership {
  role: Role;
  partyId: string | null;
}

export interface InvitationRecord {
  id: string;
  tokenHash: string;
  workspaceId: string;
  role: Role;
  partyId: string | null;
  createdBy: string;
  expiresAt: number;
  maxUses: number;
  uses: number;
  revokedAt: number | null;
}

export interface AuditEntry {
  workspaceId: string;
  actorId: string;
  action: string;
  details: Record<string, unknown>;
}

export interface AuditRecord extends AuditEntry {
  id: number;
  actorName: string;
  at: number;
}

/** Workspaces with their parties, members, documents, invitations and audit trail. */
export interface WorkspaceStore {
  createWorkspace(
    ws: WorkspaceRecord,
    creatorId: string,
    parties: PartyDto[],
    documents: DocumentDto[],
  ): Promise<void>;
  workspacesOf(userId: string): Promise<WorkspaceSummaryDto[]>;
  workspace(id: string): Promise<WorkspaceRecord | null>;
  updateWorkspace(id: string, fields: Partial<Omit<WorkspaceRecord, 'id'>>): Promise<void>;
  parties(workspaceId: string): Promise<PartyDto[]>;
  members(workspaceId: string): Promise<MemberDto[]>;
  documents(workspaceId: string): Promise<DocumentDto[]>;
  membership(workspaceId: string, userId: string): Promise<Membership | null>;
  addParty(workspaceId: string, party: PartyDto, notes: DocumentDto): Promise<void>;
  setMember(workspaceId: string, userId: string, m: Membership): Promise<void>;
  removeMember(workspaceId: string, userId: string): Promise<void>;
  documentByRoom(room: string): Promise<(DocumentDto & { workspaceId: string }) | null>;
  createInvitation(inv: InvitationRecord): Promise<void>;
  invitationByTokenHash(tokenHash: string): Promise<InvitationRecord | null>;
  invitations(workspaceId: string): Promise<InvitationRecord[]>;
  revokeInvitation(workspaceId: string, id: string): Promise<boolean>;
  /** Atomically counts one use (if any left) and adds the member; false when used up. */
  acceptInvitation(inv: InvitationRecord, userId: string): Promise<boolean>;
  audit(entry: AuditEntry): Promise<void>;
  auditLog(workspaceId: string, limit: number): Promise<AuditRecord[]>;
}
