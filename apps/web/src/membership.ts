import type { DocumentDto, MemberDto, PartyDto, WorkspaceDto } from '@akkoord/domain';
import { fallbackColor } from './colorContrast';

export function membershipOf(workspace: WorkspaceDto, userId: string): MemberDto | null {
  return workspace.members.find((member) => member.userId === userId) ?? null;
}

export function partyOf(workspace: WorkspaceDto, partyId: string | null): PartyDto | null {
  return partyId === null ? null : (workspace.parties.find((p) => p.id === partyId) ?? null);
}

export function isFacilitator(member: MemberDto | null): boolean {
  return member?.role === 'facilitator';
}

/** Observers read along; the server refuses their edits, so the editor does not offer them. */
export function isReadOnly(member: MemberDto): boolean {
  return member.role === 'observer';
}

/**
 * The documents this member can open, mirroring the server's rule: a party's internal notes
 * admit only that party's members (not the facilitator, not other parties). Listing the others
 * would only lead to a refusal.
 */
export function openableDocuments(workspace: WorkspaceDto, member: MemberDto): DocumentDto[] {
  const order = { process: 0, agreement: 1, 'party-notes': 2 } as const;
  return workspace.documents
    .filter((doc) => doc.kind !== 'party-notes' || doc.partyId === member.partyId)
    .sort((a, b) => order[a.kind] - order[b.kind]);
}

export interface CaretUser {
  name: string;
  /** #rrggbb; CollaborationCaret ignores any other colour format. */
  color: string;
}

/**
 * Name and colour for our own presence, in the colour the server gives us in what others see
 * (the party's, or neutral for people without one). The server sets what others see anyway;
 * the party name is left out here because our own entry says "(you)" instead.
 */
export function presenceOf(workspace: WorkspaceDto, member: MemberDto): CaretUser {
  return { name: member.name, color: partyOf(workspace, member.partyId)?.color ?? fallbackColor };
}

export interface MemberGroup {
  /** A party, or the people who belong to none: facilitators and observers. */
  key: string;
  party: PartyDto | null;
  role: 'facilitator' | 'observer' | null;
  members: MemberDto[];
}

/**
 * Members grouped the way people think of a negotiation table: the facilitator first, then
 * each party (also those nobody has joined yet), then observers. Names sorted within a group.
 */
export function groupMembers(workspace: WorkspaceDto): MemberGroup[] {
  const byName = (a: MemberDto, b: MemberDto) => a.name.localeCompare(b.name);
  const groups: MemberGroup[] = [];
  const facilitators = workspace.members.filter((m) => m.role === 'facilitator').sort(byName);
  if (facilitators.length > 0) {
    groups.push({ key: 'facilitators', party: null, role: 'facilitator', members: facilitators });
  }
  for (const party of workspace.parties) {
    groups.push({
      key: party.id,
      party,
      role: null,
      members: workspace.members
        .filter((m) => m.role === 'negotiator' && m.partyId === party.id)
        .sort(byName),
    });
  }
  const observers = workspace.members.filter((m) => m.role === 'observer').sort(byName);
  if (observers.length > 0) {
    groups.push({ key: 'observers', party: null, role: 'observer', members: observers });
  }
  return groups;
}
