import type { FacilitationTopic } from '@akkoord/domain';
import type { Logger } from '../logger';
import type { EventHub } from './EventHub';

/**
 * MEET-7: tells the workspace's streams which parts of the facilitation changed (no content),
 * one event per topic. The change is stored already, so a failing hub is logged, never turned
 * into a failed request.
 */
export function publishFacilitation(
  d: { hub: EventHub; log: Logger },
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
