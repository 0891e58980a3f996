import { useSyncExternalStore } from 'react';

export type Route =
  | { page: 'home' }
  | { page: 'login' }
  | { page: 'signup' }
  | { page: 'new-workspace' }
  | { page: 'inbox' }
  | { page: 'workspace'; workspaceId: string }
  | { page: 'audit'; workspaceId: string }
  | { page: 'decisions'; workspaceId: string }
  | { page: 'document'; workspaceId: string; documentId: string }
  | { page: 'meetings'; workspaceId: string }
  | { page: 'meeting'; workspaceId: string; meetingId: string }
  | { page: 'minutes'; workspaceId: string; meetingId: string }
  | { page: 'invitation'; token: string }
  | { page: 'not-found' };

export const paths = {
  home: '/',
  login: '/login',
  signup: '/signup',
  newWorkspace: '/new',
  inbox: '/meldingen',
  workspace: (id: string) => `/w/${encodeURIComponent(id)}`,
  audit: (id: string) => `/w/${encodeURIComponent(id)}/audit`,
  decisions: (id: string) => `/w/${encodeURIComponent(id)}/besluiten`,
  document: (workspaceId: string, documentId: string) =>
    `/w/${encodeURIComponent(workspaceId)}/d/${encodeURIComponent(documentId)}`,
  meetings: (id: string) => `/w/${encodeURIComponent(id)}/vergaderingen`,
  meeting: (id: string, meetingId: string) =>
    `/w/${encodeURIComponent(id)}/vergaderingen/${encodeURIComponent(meetingId)}`,
  minutes: (id: string, meetingId: string) =>
    `/w/${encodeURIComponent(id)}/vergaderingen/${encodeURIComponent(meetingId)}/verslag`,
  invitation: (token: string) => `/invite/${encodeURIComponent(token)}`,
} as const;

/** Ids and invitation tokens from the server are URL-safe (base64url and `_`). */
const segment = '([A-Za-z0-9_-]{1,128})';
const patterns: [RegExp, (m: string[]) => Route][] = [
  [/^\/?$/, () => ({ page: 'home' })],
  [/^\/login\/?$/, () => ({ page: 'login' })],
  [/^\/signup\/?$/, () => ({ page: 'signup' })],
  [/^\/new\/?$/, () => ({ page: 'new-workspace' })],
  [/^\/meldingen\/?$/, () => ({ page: 'inbox' })],
  [new RegExp(`^/w/${segment}/?$`), ([, id = '']) => ({ page: 'workspace', workspaceId: id })],
  [new RegExp(`^/w/${segment}/audit/?$`), ([, id = '']) => ({ page: 'audit', workspaceId: id })],
  [
    new RegExp(`^/w/${segment}/besluiten/?$`),
    ([, id = '']) => ({ page: 'decisions', workspaceId: id }),
  ],
  [
    new RegExp(`^/w/${segment}/d/${segment}/?$`),
    ([, workspaceId = '', documentId = '']) => ({ page: 'document', workspaceId, documentId }),
  ],
  // Anchored at both ends: `/vergaderingen/:meetingId/verslag` (minutes) is not a meeting.
  [
    new RegExp(`^/w/${segment}/vergaderingen/?$`),
    ([, workspaceId = '']) => ({ page: 'meetings', workspaceId }),
  ],
  [
    new RegExp(`^/w/${segment}/vergaderingen/${segment}/?$`),
    ([, workspaceId = '', meetingId = '']) => ({ page: 'meeting', workspaceId, meetingId }),
  ],
  [
    new RegExp(`^/w/${segment}/vergaderingen/${segment}/verslag/?$`),
    ([, workspaceId = '', meetingId = '']) => ({ page: 'minutes', workspaceId, meetingId }),
  ],
  [new RegExp(`^/invite/${segment}/?$`), ([, token = '']) => ({ page: 'invitation', token })],
];

export function parseRoute(pathname: string): Route {
  for (const [pattern, route] of patterns) {
    const match = pattern.exec(pathname);
    if (match) return route(Array.from(match));
  }
  return { page: 'not-found' };
}

/**
 * Where to go after logging in. Only paths on this site: a `next` pointing elsewhere would let
 * a crafted link send people from our login page to a look-alike site.
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (next === null || next === undefined) return null;
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return null;
  const page = parseRoute(new URL(next, 'http://x').pathname).page;
  // Back to the login page after logging in would be a loop.
  return page === 'not-found' || page === 'login' || page === 'signup' ? null : next;
}

/** The login or sign-up page that returns to `next` afterwards. */
export function withNext(path: typeof paths.login | typeof paths.signup, next: string): string {
  return next === paths.home ? path : `${path}?next=${encodeURIComponent(next)}`;
}

/**
 * A message for the page we navigate to ("you joined"), kept in history.state: it survives a
 * reload of that entry but is not part of the URL, so it cannot be shared or forged in a link.
 */
export type Notice = 'joined' | 'already-member' | 'created' | 'signed-out' | 'sign-in-needed';

export interface NavigationState {
  notice?: Notice;
  /** Set by the login and sign-up pages: the invitation page may accept right away. */
  afterSignIn?: boolean;
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

export function navigate(
  path: string,
  options: { replace?: boolean; state?: NavigationState } = {},
): void {
  const current = window.location.pathname + window.location.search;
  if (path === current && options.state === undefined) return;
  const state = options.state ?? null;
  if (options.replace === true) window.history.replaceState(state, '', path);
  else window.history.pushState(state, '', path);
  window.dispatchEvent(new Event(navigationEvent));
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function useSearchParam(name: string): string | null {
  const search = useSyncExternalStore(subscribe, () => window.location.search);
  return new URLSearchParams(search).get(name);
}

function readState(): NavigationState | null {
  // history.state is typed `any`; only our own navigate() writes it, but other code could.
  const state: unknown = window.history.state;
  if (typeof state !== 'object' || state === null) return null;
  return state;
}

export function useNavigationState(): NavigationState | null {
  return useSyncExternalStore(subscribe, readState);
}

/** The current address as a `next` value, to come back here after logging in. */
export function currentPath(): string {
  return window.location.pathname + window.location.search;
}
