import type { DocumentDto, ThreadVisibility } from '@akkoord/domain';
import { documentAccess } from '../workspaces/access';
import type { Membership } from '../workspaces/WorkspaceStore';

/**
 * The one rule for who sees a comment thread (SPEC.md CMT-1, CMT-2), used for every answer, every
 * event and every notification:
 *
 * - whoever may open the document sees its shared threads (observers read, others write);
 * - a `party` thread is seen only by the negotiators of its party — like party notes, not the
 *   facilitator, not observers, not other parties.
 *
 * A thread on a party-notes document is always a `party` thread of that document's party, so
 * both rules agree there.
 */
export function threadAccess(
  m: Membership | null,
  doc: Pick<DocumentDto, 'kind' | 'partyId'>,
  thread: { visibility: ThreadVisibility; partyId: string | null },
): 'write' | 'read' | null {
  const access = documentAccess(m, doc);
  if (access === null || m === null) return null;
  if (thread.visibility === 'party') {
    if (m.role !== 'negotiator' || m.partyId === null || m.partyId !== thread.partyId) return null;
  }
  return access;
}
