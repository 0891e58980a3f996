import { useSyncExternalStore } from 'react';
import type { SaveTracker, SyncProblem, SyncStatus } from './SaveTracker';

export type { SyncProblem, SyncStatus } from './SaveTracker';

export function useSyncStatus(tracker: SaveTracker): SyncStatus {
  return useSyncExternalStore(tracker.subscribe, tracker.getStatus);
}

export function useSyncProblem(tracker: SaveTracker): SyncProblem | null {
  return useSyncExternalStore(tracker.subscribe, tracker.getProblem);
}
