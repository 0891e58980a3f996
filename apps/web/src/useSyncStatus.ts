import { useSyncExternalStore } from 'react';
import type { SaveTracker, SyncStatus } from './SaveTracker';

export type { SyncStatus } from './SaveTracker';

export function useSyncStatus(tracker: SaveTracker): SyncStatus {
  return useSyncExternalStore(tracker.subscribe, tracker.getStatus);
}
