import { useEffect, useSyncExternalStore } from 'react';
import { api } from './apiClient';

/**
 * The number of unread notifications shown in the header. One small request (`unread=1&limit=1`
 * only for its `unreadCount`) every 30 s while the tab is visible, and when the window gets focus
 * again; pages that change the count (the inbox) report the server's new number right away.
 */
export const unreadRefreshMs = 30_000;

let count: number | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setUnreadCount(next: number | null): void {
  if (next === count) return;
  count = next;
  for (const listener of listeners) listener();
}

export function getUnreadCount(): number | null {
  return count;
}

let inFlight: Promise<void> | null = null;

export function refreshUnreadCount(): Promise<void> {
  inFlight ??= api
    .listNotifications({ unread: true, limit: 1 })
    .then(
      (list) => setUnreadCount(list.unreadCount),
      // A failed refresh keeps the last number; the next one will try again.
      () => undefined,
    )
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}

/** The unread count, refreshed while `enabled` (only for someone who is logged in). */
export function useUnreadCount(enabled: boolean): number | null {
  useEffect(() => {
    if (!enabled) return;
    void refreshUnreadCount();
    const refreshIfVisible = (): void => {
      if (document.visibilityState !== 'hidden') void refreshUnreadCount();
    };
    const timer = setInterval(refreshIfVisible, unreadRefreshMs);
    window.addEventListener('focus', refreshIfVisible);
    document.addEventListener('visibilitychange', refreshIfVisible);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', refreshIfVisible);
      document.removeEventListener('visibilitychange', refreshIfVisible);
    };
  }, [enabled]);
  return useSyncExternalStore(subscribe, getUnreadCount);
}
