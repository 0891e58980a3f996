import type { DocumentDto } from '@akkoord/domain';
import type { Membership } from './WorkspaceStore';

/**
 * Who may open which document. Party notes are for that party's negotiators only: not the
 * facilitator, not observers, not other parties. Observers read the shared documents.
 */
export function documentAccess(
  m: Membership | null,
  doc: Pick<DocumentDto, 'kind' | 'partyId'>,
): 'write' | 'read' | null {
  if (!m) return null;
  if (doc.kind === 'party-notes') {
    return m.role === 'negotiator' && m.partyId === doc.partyId ? 'write' : null;
  }
  return m.role === 'observer' ? 'read' : 'write';
}

export function canManage(m: Membership | null): boolean {
  return m?.role === 'facilitator';
}
