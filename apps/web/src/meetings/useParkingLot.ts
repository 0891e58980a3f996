import { useFacilitationEvents } from '../useWorkspaceEvents';
import { useLoader } from '../useLoader';
import { meetingsApi } from './meetingsApi';

/** The workspace's parking lot (open first, then by age: the server's order), kept live. */
export function useParkingLot(workspaceId: string) {
  const loader = useLoader(`parking:${workspaceId}`, () =>
    meetingsApi.parking(workspaceId).then((r) => r.items),
  );
  useFacilitationEvents(workspaceId, ['parking'], () => loader.reload());
  return loader;
}
