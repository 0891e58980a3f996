import { useSyncExternalStore } from 'react';
import { isValidRoomName } from './roomName';

export type Route =
  | { page: 'start' }
  | { page: 'editor'; room: string }
  | { page: 'invalid-room' }
  | { page: 'not-found' };

export function documentPath(room: string): string {
  return `/d/${encodeURIComponent(room)}`;
}

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'start' };
  const match = /^\/d\/([^/]+)\/?$/.exec(pathname);
  if (match?.[1] === undefined) return { page: 'not-found' };
  let room: string;
  try {
    room = decodeURIComponent(match[1]);
  } catch {
    return { page: 'invalid-room' };
  }
  return isValidRoomName(room) ? { page: 'editor', room } : { page: 'invalid-room' };
}

// pushState fires no event, so navigate() tells subscribers itself.
const navigationEvent = 'akkoord:navigate';

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(navigationEvent, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(navigationEvent, listener);
  };
}

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(navigationEvent));
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}
