import { AppError } from '../errors';
import { canManage } from './access';
import type { Membership, WorkspaceStore } from './WorkspaceStore';

type Memberships = Pick<WorkspaceStore, 'membership'>;

/** Non-members get 404: a workspace's existence is not revealed to outsiders. */
export async function requireMember(
  workspaces: Memberships,
  workspaceId: string,
  userId: string,
): Promise<Membership> {
  const m = await workspaces.membership(workspaceId, userId);
  if (!m) throw new AppError('not_found', 'Workspace not found');
  return m;
}

/** A member who is the facilitator (403 for other members, 404 for non-members). */
export async function requireFacilitator(
  workspaces: Memberships,
  workspaceId: string,
  userId: string,
): Promise<Membership> {
  const m = await requireMember(workspaces, workspaceId, userId);
  if (!canManage(m)) throw new AppError('forbidden', 'Only the facilitator can do this');
  return m;
}

/**
 * A member who is not an observer: observers follow along but do not change anything (403 with
 * `message`, 404 for non-members).
 */
export async function requireParticipant(
  workspaces: Memberships,
  workspaceId: string,
  userId: string,
  message = 'Observers cannot do this',
): Promise<Membership> {
  const m = await requireMember(workspaces, workspaceId, userId);
  if (m.role === 'observer') throw new AppError('forbidden', message);
  return m;
}
