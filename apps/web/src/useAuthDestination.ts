import { useEffect } from 'react';
import { navigate, parseRoute, paths, safeNextPath, useSearchParam } from './router';
import { useSession } from './useSession';

/**
 * Where the login and sign-up pages send people afterwards (`?next=`, only paths on this site),
 * and the jump there for someone who is already logged in.
 */
export function useAuthDestination(): string {
  const next = safeNextPath(useSearchParam('next')) ?? paths.home;
  const status = useSession().status;
  useEffect(() => {
    // Only from the login or sign-up page itself: once logging in has moved on, this page's
    // last render must not send the person anywhere else.
    const page = parseRoute(window.location.pathname).page;
    if (status === 'signed-in' && (page === 'login' || page === 'signup')) {
      navigate(next, { replace: true });
    }
  }, [status, next]);
  return next;
}
