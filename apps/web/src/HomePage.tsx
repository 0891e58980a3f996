import { RequireSession } from './RequireSession';
import { LoadingPage } from './StatusPages';
import { useSession } from './useSession';
import { WelcomePage } from './WelcomePage';
import { WorkspaceListPage } from './WorkspaceListPage';

/** "/": my negotiations when logged in, otherwise what Akkoord is and how to get in. */
export function HomePage() {
  const session = useSession();
  if (session.status === 'loading') return <LoadingPage />;
  if (session.status !== 'signed-in') return <WelcomePage />;
  return <RequireSession>{() => <WorkspaceListPage />}</RequireSession>;
}
