import { useSyncExternalStore } from 'react';

/**
 * Follow-the-facilitator choices of this tab, shared by the agenda bar (the buttons) and the
 * editor (which acts on them). Kept for the page's lifetime, so moving between the workspace's
 * pages keeps the choice; a new tab starts with the defaults.
 */
export interface FollowSettings {
  /** Participants: scroll to the clause the facilitator is at. On by default. */
  following: boolean;
  /** The facilitator: make the clause at my caret everyone's focus. On by default. */
  sharing: boolean;
}

const defaults: FollowSettings = { following: true, sharing: true };
let settings: FollowSettings = defaults;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setFollowSettings(change: Partial<FollowSettings>): void {
  settings = { ...settings, ...change };
  for (const listener of [...listeners]) listener();
}

export function resetFollowSettings(): void {
  setFollowSettings(defaults);
}

export function useFollowSettings(): FollowSettings {
  return useSyncExternalStore(subscribe, () => settings);
}
