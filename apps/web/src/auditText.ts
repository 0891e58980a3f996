import { Role, type WorkspaceDto } from '@akkoord/domain';
import type { TFunction } from 'i18next';
import type { AuditEntryDto } from './apiClient';

type Details = Record<string, unknown>;

function asDetails(value: unknown): Details {
  return typeof value === 'object' && value !== null ? (value as Details) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A role as people say it: "Onderhandelaar voor Gemeente", from a role and a party id. */
function position(t: TFunction, workspace: WorkspaceDto, value: unknown, partyId: unknown): string {
  const role = Role.safeParse(value);
  if (!role.success) return t('audit.unknownRole');
  const party = workspace.parties.find((p) => p.id === partyId);
  return role.data === 'negotiator' && party !== undefined
    ? t('role.negotiatorFor', { party: party.name })
    : t(`role.${role.data}`);
}

function personName(workspace: WorkspaceDto, userId: unknown, fallback: string): string {
  return workspace.members.find((m) => m.userId === userId)?.name ?? fallback;
}

/**
 * One line of the audit trail in plain words. Details come from the server as free-form JSON
 * and older entries may lack fields, so every field is read defensively. People who have since
 * left the negotiation are no longer in the member list; they are "a former member".
 */
export function describeAuditEntry(
  t: TFunction,
  workspace: WorkspaceDto,
  entry: AuditEntryDto,
): string {
  const d = asDetails(entry.details);
  const former = t('audit.formerMember');
  switch (entry.action) {
    case 'workspace.created':
      return t('audit.action.workspaceCreated', { title: text(d['title']) });
    case 'workspace.updated': {
      const changes = ['title', 'municipality', 'period']
        .filter((field) => typeof d[field] === 'string')
        .map(
          (field) =>
            `${t(`audit.field.${field as 'title' | 'municipality' | 'period'}`)}: ${text(d[field])}`,
        );
      return t('audit.action.workspaceUpdated', { changes: changes.join('; ') });
    }
    case 'party.added':
      return t('audit.action.partyAdded', { name: text(d['name']) });
    case 'invitation.created':
      return t('audit.action.invitationCreated', {
        position: position(t, workspace, d['role'], d['partyId']),
      });
    case 'invitation.revoked':
      return t('audit.action.invitationRevoked');
    case 'member.joined':
      return t('audit.action.memberJoined', {
        position: position(t, workspace, d['role'], d['partyId']),
      });
    case 'member.role_changed': {
      const to = asDetails(d['to']);
      return t('audit.action.roleChanged', {
        name: personName(workspace, d['userId'], former),
        position: position(t, workspace, to['role'], to['partyId']),
      });
    }
    case 'member.removed':
      return entry.actorId === d['userId']
        ? t('audit.action.memberLeft')
        : t('audit.action.memberRemoved', { name: personName(workspace, d['userId'], former) });
    default:
      return entry.action;
  }
}
