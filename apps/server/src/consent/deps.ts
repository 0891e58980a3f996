import type { FacilitationTopic, MeetingDto } from '@akkoord/domain';
import { AppError } from '../errors';
import type { EventHub } from '../events/EventHub';
import type { DocumentReader } from '../http/routes/exportRoutes';
import type { Logger } from '../logger';
import type { AccessChanged } from '../workspaces/WorkspaceService';
import type { Membership, WorkspaceStore } from '../workspaces/WorkspaceStore';
import type { ClauseLocks } from './ClauseLocks';
import type { ConsentStore } from './ConsentStore';

/** The running meeting of a workspace (the meetings module's), null when none runs. */
export type CurrentMeeting = (workspaceId: string) => Promise<MeetingDto | null>;

export const noMeeting: CurrentMeeting = () => Promise.resolve(null);

/** What the consent, gate and lock services share. */
export interface ConsentDeps {
  store: ConsentStore;
  workspaces: WorkspaceStore;
  /** Current document state: a clause's number and text when a round opens. */
  documents: DocumentReader;
  locks: ClauseLocks;
  hub: EventHub;
  log: Logger;
  currentMeeting: CurrentMeeting;
  /**
   * Re-checks a member's open sync sockets (the gate decides agreement write access). Sockets
   * only: what a member may see does not change, so event streams and inboxes stay as they are.
   */
  recheckSockets: AccessChanged;
  now?: () => number;
}

/** Non-members get 404: a workspace's existence is not revealed to outsiders. */
export async function requireMember(
  workspaces: WorkspaceStore,
  workspaceId: string,
  userId: string,
): Promise<Membership> {
  const m = await workspaces.membership(workspaceId, userId);
  if (!m) throw new AppError('not_found', 'Workspace not found');
  return m;
}

export async function requireFacilitator(
  workspaces: WorkspaceStore,
  workspaceId: string,
  userId: string,
): Promise<Membership> {
  const m = await requireMember(workspaces, workspaceId, userId);
  if (m.role !== 'facilitator') throw new AppError('forbidden', 'Only the facilitator can do this');
  return m;
}

/** The member's account name, as the decision log keeps it. */
export async function nameOf(
  workspaces: WorkspaceStore,
  workspaceId: string,
  userId: string,
): Promise<string> {
  return (await workspaces.members(workspaceId)).find((m) => m.userId === userId)?.name ?? '';
}

/** Announces what changed (MEET-7); an event never fails the change, which is stored already. */
export function publish(
  d: Pick<ConsentDeps, 'hub' | 'log'>,
  workspaceId: string,
  topics: readonly FacilitationTopic[],
  meetingId: string | null,
): void {
  for (const topic of topics) {
    try {
      d.hub.publish({
        type: 'facilitation',
        workspaceId,
        topic,
        ...(meetingId !== null ? { meetingId } : {}),
      });
    } catch (err) {
      d.log.error({ err }, 'event publish failed');
    }
  }
}
