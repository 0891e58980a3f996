import type { SpeakingQueueDto } from '@akkoord/domain';
import { useFacilitationEvents } from '../useWorkspaceEvents';
import { useLoader } from '../useLoader';
import { meetingsApi } from './meetingsApi';

const none: SpeakingQueueDto = { entries: [], balance: [] };

/** The speaking queue of a meeting (empty without one), kept live by `queue` events. */
export function useSpeakingQueue(workspaceId: string, meetingId: string | null) {
  const loader = useLoader(`queue:${workspaceId}:${meetingId ?? ''}`, () =>
    meetingId === null ? Promise.resolve(none) : meetingsApi.queue(workspaceId, meetingId),
  );
  useFacilitationEvents(meetingId === null ? null : workspaceId, ['queue'], (changed) => {
    if (changed === null || changed === meetingId) loader.reload();
  });
  return loader;
}

/** What useSpeakingQueue answers, for components that share one loaded queue. */
export type SpeakingQueue = ReturnType<typeof useSpeakingQueue>;
