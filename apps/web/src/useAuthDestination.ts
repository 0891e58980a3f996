import { useEffect } from 'react';
import { navigate, paths, safeNextPath, useSearchParam } from './router';
import { useSession } from './useSession';

/**
 * Where the login and sign-up pages send people afterwards (`?next=`, only paths on this site),
 * and the jump there for someone who is already logged in.
 */
export function useAuthDestination(): string {
  const next = safeNextPath(useSearchParam('next')) ?? paths.home;
  const status = useSession().status;
  useEffect(() => {
    if (status === 'signed-in') navigate(next, { replace: true });
  }, [status, next]);
  return next;
}
