import type { UserDto } from '@akkoord/domain';
import { useSyncExternalStore } from 'react';
import { api, isApiError, onUnauthenticated } from './apiClient';
import { clearDocumentCaches } from './documentCaches';
import { forgetWorkspaces } from './loadWorkspace';
import { navigate, paths } from './router';

export type Session =
  /** Asking the server who we are; pages wait instead of flashing the login form. */
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; user: UserDto }
  /** The server did not answer at all; retrying may help. */
  | { status: 'unavailable' };

let session: Session = { status: 'loading' };
const listeners = new Set<() => void>();

function setSession(next: Session): void {
  session = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getSession(): Session {
  return session;
}

export function useSession(): Session {
  return useSyncExternalStore(subscribe, getSession);
}

/** Asks the server who is logged in (the httpOnly cookie is invisible to scripts). */
export async function loadSession(): Promise<void> {
  try {
    const { user } = await api.me();
    setSession({ status: 'signed-in', user });
  } catch (error) {
    setSession(
      isApiError(error, 'unauthenticated') ? { status: 'signed-out' } : { status: 'unavailable' },
    );
  }
}

/** Loads the session once and follows it: a 401 anywhere means the session has ended. */
export function startSession(): void {
  onUnauthenticated(() => {
    if (session.status === 'signed-in') setSession({ status: 'signed-out' });
  });
  void loadSession();
}

/** After logging in or signing up: go where the person was heading, then show them in. */
export function signedIn(user: UserDto, next: string): void {
  // Both in one task, so React renders the destination already signed in (no flash of a page
  // that thinks nobody is logged in).
  navigate(next, { replace: true, state: { afterSignIn: true } });
  setSession({ status: 'signed-in', user });
}

/** Ends the session and returns to the welcome page (or `to`, e.g. the same invitation). */
export async function logOut(to: string = paths.home): Promise<void> {
  try {
    await api.logout();
  } catch {
    // Even when the server is unreachable this browser forgets the session: the person at the
    // keyboard asked to leave.
  }
  // Navigate first, in the same task: a page that needs a session must not see "signed out"
  // and send the person to the login form they just left.
  navigate(to, { state: { notice: 'signed-out' } });
  setSession({ status: 'signed-out' });
  forgetWorkspaces();
  await clearDocumentCaches();
}

/** For tests: start from a known state. */
export function resetSession(next: Session = { status: 'loading' }): void {
  setSession(next);
}
