import type { MeetingDto } from '@akkoord/domain';
import type { EventHub } from '../events/EventHub';
import type { DocumentReader } from '../http/routes/exportRoutes';
import type { Logger } from '../logger';
import type { AccessChanged } from '../workspaces/WorkspaceService';
import type { WorkspaceStore } from '../workspaces/WorkspaceStore';
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

/** The member's account name, as the decision log keeps it. */
export async function nameOf(
  workspaces: WorkspaceStore,
  workspaceId: string,
  userId: string,
): Promise<string> {
  return (await workspaces.members(workspaceId)).find((m) => m.userId === userId)?.name ?? '';
}
