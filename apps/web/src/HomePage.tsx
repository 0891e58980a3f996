import { ApiError } from './apiClient';
import { LoadFailedPage, LoadingPage } from './StatusPages';
import { loadSession, useSession } from './useSession';
import { WelcomePage } from './WelcomePage';
import { WorkspaceListPage } from './WorkspaceListPage';

/** "/": my negotiations when logged in, otherwise what Akkoord is and how to get in. */
export function HomePage() {
  const session = useSession();
  switch (session.status) {
    case 'loading':
      return <LoadingPage />;
    case 'signed-in':
      return <WorkspaceListPage />;
    case 'signed-out':
      return <WelcomePage />;
    case 'unavailable':
      // Without an answer we cannot know whether this person is logged in; say so honestly.
      return (
        <LoadFailedPage
          error={new ApiError('network', 0, 'session unavailable')}
          retry={() => void loadSession()}
        />
      );
  }
}
