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

/**
 * Sync access with the process gate (GATE-1): while a process-first workspace's gate is closed,
 * negotiators only read the agreement. The facilitator always writes; other documents and the
 * comment threads are not gated.
 */
export function gatedAccess(
  m: Membership | null,
  doc: Pick<DocumentDto, 'kind' | 'partyId'>,
  gateClosed: boolean,
): 'write' | 'read' | null {
  const access = documentAccess(m, doc);
  if (access === 'write' && gateClosed && doc.kind === 'agreement' && m?.role === 'negotiator')
    return 'read';
  return access;
}

export function canManage(m: Membership | null): boolean {
  return m?.role === 'facilitator';
}
