import type { UserDto } from '@akkoord/domain';
import { Suspense, useEffect, type ReactNode } from 'react';
import { ApiError } from './apiClient';
import { currentPath, navigate, paths, withNext } from './router';
import { LoadFailedPage, LoadingPage } from './StatusPages';
import { loadSession, useSession } from './useSession';

/**
 * Pages for members only. Someone who is not logged in goes to the login form, which brings
 * them back here afterwards; the page's own data is never requested without a session.
 */
export function RequireSession({ children }: { children: (user: UserDto) => ReactNode }) {
  const session = useSession();
  useEffect(() => {
    if (session.status !== 'signed-out') return;
    navigate(withNext(paths.login, currentPath()), {
      replace: true,
      state: { notice: 'sign-in-needed' },
    });
  }, [session.status]);

  switch (session.status) {
    case 'signed-in':
      // Member pages are loaded on demand. A boundary of their own, new when the session is
      // known, shows the loading page in place of ours; suspending into App's boundary instead
      // would keep ours in the document, hidden, beside it (two headers, two language pickers).
      return <Suspense fallback={<LoadingPage />}>{children(session.user)}</Suspense>;
    case 'unavailable':
      return (
        <LoadFailedPage
          error={new ApiError('network', 0, 'unavailable')}
          retry={() => void loadSession()}
        />
      );
    default:
      return <LoadingPage />;
  }
}
