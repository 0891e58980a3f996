import { lazy, Suspense } from 'react';
import { HomePage } from './HomePage';
import { InvitationPage } from './InvitationPage';
import { LoginPage } from './LoginPage';
import { NotFoundPage } from './NotFoundPage';
import { PageErrorBoundary } from './PageErrorBoundary';
import { RequireSession } from './RequireSession';
import { parseRoute, usePathname } from './router';
import { SignUpPage } from './SignUpPage';
import { LoadingPage } from './StatusPages';

/**
 * Pages someone rarely lands on first are fetched when first shown, so the start, login and
 * invitation pages do not wait for their code (see "Bundle size" in apps/web/README.md).
 */
const AuditPage = lazy(() => import('./AuditPage').then((m) => ({ default: m.AuditPage })));
const DecisionLogPage = lazy(() =>
  import('./consent/DecisionLogPage').then((m) => ({ default: m.DecisionLogPage })),
);
const DocumentPage = lazy(() =>
  import('./DocumentPage').then((m) => ({ default: m.DocumentPage })),
);
const InboxPage = lazy(() => import('./InboxPage').then((m) => ({ default: m.InboxPage })));
const MeetingConsolePage = lazy(() =>
  import('./meetings/MeetingConsolePage').then((m) => ({ default: m.MeetingConsolePage })),
);
const MeetingsPage = lazy(() =>
  import('./meetings/MeetingsPage').then((m) => ({ default: m.MeetingsPage })),
);
const MinutesPage = lazy(() =>
  import('./minutes/MinutesPage').then((m) => ({ default: m.MinutesPage })),
);
const NewWorkspacePage = lazy(() =>
  import('./NewWorkspacePage').then((m) => ({ default: m.NewWorkspacePage })),
);
const WorkspacePage = lazy(() =>
  import('./WorkspacePage').then((m) => ({ default: m.WorkspacePage })),
);

export function App() {
  const pathname = usePathname();
  // A new key per address: a crash or a failed page download on one page is forgotten on the
  // next, and every document gets a fresh Y.Doc, provider and editor.
  return (
    <PageErrorBoundary key={pathname}>
      <Suspense fallback={<LoadingPage />}>
        <Page pathname={pathname} />
      </Suspense>
    </PageErrorBoundary>
  );
}

function Page({ pathname }: { pathname: string }) {
  const route = parseRoute(pathname);
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'login':
      return <LoginPage />;
    case 'signup':
      return <SignUpPage />;
    case 'invitation':
      return <InvitationPage key={route.token} token={route.token} />;
    case 'new-workspace':
      return <RequireSession>{() => <NewWorkspacePage />}</RequireSession>;
    case 'inbox':
      return <RequireSession>{() => <InboxPage />}</RequireSession>;
    case 'workspace':
      return (
        <RequireSession>
          {(user) => (
            <WorkspacePage key={route.workspaceId} workspaceId={route.workspaceId} user={user} />
          )}
        </RequireSession>
      );
    case 'audit':
      return <RequireSession>{() => <AuditPage workspaceId={route.workspaceId} />}</RequireSession>;
    case 'decisions':
      return (
        <RequireSession>
          {() => <DecisionLogPage key={route.workspaceId} workspaceId={route.workspaceId} />}
        </RequireSession>
      );
    case 'document':
      return (
        <RequireSession>
          {(user) => (
            <DocumentPage
              key={`${route.workspaceId}/${route.documentId}`}
              workspaceId={route.workspaceId}
              documentId={route.documentId}
              user={user}
            />
          )}
        </RequireSession>
      );
    case 'meetings':
      return (
        <RequireSession>
          {(user) => (
            <MeetingsPage key={route.workspaceId} workspaceId={route.workspaceId} user={user} />
          )}
        </RequireSession>
      );
    case 'meeting':
      return (
        <RequireSession>
          {(user) => (
            <MeetingConsolePage
              key={`${route.workspaceId}/${route.meetingId}`}
              workspaceId={route.workspaceId}
              meetingId={route.meetingId}
              user={user}
            />
          )}
        </RequireSession>
      );
    case 'minutes':
      return (
        <RequireSession>
          {(user) => (
            <MinutesPage
              key={`${route.workspaceId}/${route.meetingId}`}
              workspaceId={route.workspaceId}
              meetingId={route.meetingId}
              user={user}
            />
          )}
        </RequireSession>
      );
    case 'not-found':
      return <NotFoundPage />;
  }
}
