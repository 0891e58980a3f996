import { useFacilitationEvents } from '../useWorkspaceEvents';
import { useLoader } from '../useLoader';
import { meetingsApi } from './meetingsApi';

/** One meeting (the console), reloaded when the server announces a change to it. */
export function useMeeting(workspaceId: string, meetingId: string) {
  const loader = useLoader(`meeting:${workspaceId}:${meetingId}`, () =>
    meetingsApi.get(workspaceId, meetingId),
  );
  useFacilitationEvents(workspaceId, ['meeting'], (changed) => {
    if (changed === null || changed === meetingId) loader.reload();
  });
  return loader;
}

/** Every meeting of the workspace, by `scheduledFor`, kept live. */
export function useMeetingList(workspaceId: string) {
  const loader = useLoader(`meetings:${workspaceId}`, () => meetingsApi.list(workspaceId));
  useFacilitationEvents(workspaceId, ['meeting'], () => loader.reload());
  return loader;
}
