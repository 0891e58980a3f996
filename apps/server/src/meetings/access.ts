import type { FacilitationTopic } from '@akkoord/domain';
import { AppError } from '../errors';
import type { EventHub } from '../events/EventHub';
import type { Logger } from '../logger';
import { canManage } from '../workspaces/access';
import type { Membership, WorkspaceStore } from '../workspaces/WorkspaceStore';

/** Non-members get 404: a workspace's existence is not revealed to outsiders. */
export async function memberOf(
  workspaces: Pick<WorkspaceStore, 'membership'>,
  workspaceId: string,
  userId: string,
): Promise<Membership> {
  const m = await workspaces.membership(workspaceId, userId);
  if (!m) throw new AppError('not_found', 'Workspace not found');
  return m;
}

/** MEET-1: only the facilitator runs meetings. */
export function requireFacilitator(m: Membership): void {
  if (!canManage(m)) throw new AppError('forbidden', 'Only the facilitator can do this');
}

/** Observers follow along; they do not raise hands or park topics. */
export function requireParticipant(m: Membership): void {
  if (m.role === 'observer') throw new AppError('forbidden', 'Observers cannot do this');
}

/**
 * MEET-7: tells the workspace's streams which part changed (no content). The change is stored
 * already, so a failing hub is logged, never turned into a failed request.
 */
export function announce(
  hub: EventHub,
  log: Logger,
  workspaceId: string,
  topic: FacilitationTopic,
  meetingId: string | null,
): void {
  try {
    hub.publish({
      type: 'facilitation',
      workspaceId,
      topic,
      ...(meetingId !== null ? { meetingId } : {}),
    });
  } catch (err) {
    log.error({ err }, 'event publish failed');
  }
}
