import { useLoader } from '../useLoader';
import { useFacilitationEvents } from '../useWorkspaceEvents';
import { consentApi } from './consentApi';

/** The topics that change what `GET /facilitation` answers for consent, gate and locks. */
const TOPICS = ['consent', 'gate', 'locks'] as const;

/**
 * `GET /facilitation` for a workspace, kept live: reloaded whenever a consent round, the
 * process gate or a lock changes (and after the event stream reconnects). Reloads keep the
 * last answer on screen. `null` workspace: nothing is loaded (e.g. before the route is known).
 */
export function useFacilitationState(workspaceId: string | null) {
  const loaded = useLoader(`facilitation:${workspaceId ?? ''}`, () =>
    workspaceId === null ? Promise.resolve(null) : consentApi.state(workspaceId),
  );
  useFacilitationEvents(workspaceId, TOPICS, () => loaded.reload());
  return loaded;
}
