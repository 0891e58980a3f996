import { AuditPage } from './AuditPage';
import { DecisionLogPage } from './consent/DecisionLogPage';
import { DocumentPage } from './DocumentPage';
import { HomePage } from './HomePage';
import { InboxPage } from './InboxPage';
import { InvitationPage } from './InvitationPage';
import { LoginPage } from './LoginPage';
import { MeetingConsolePage } from './meetings/MeetingConsolePage';
import { MeetingsPage } from './meetings/MeetingsPage';
import { MinutesPage } from './minutes/MinutesPage';
import { NewWorkspacePage } from './NewWorkspacePage';
import { NotFoundPage } from './NotFoundPage';
import { PageErrorBoundary } from './PageErrorBoundary';
import { RequireSession } from './RequireSession';
import { parseRoute, usePathname } from './router';
import { SignUpPage } from './SignUpPage';
import { WorkspacePage } from './WorkspacePage';

export function App() {
  const route = parseRoute(usePathname());
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
      // A new key per document gives every document a fresh Y.Doc, provider and editor.
      return (
        <PageErrorBoundary key={`${route.workspaceId}/${route.documentId}`}>
          <RequireSession>
            {(user) => (
              <DocumentPage
                workspaceId={route.workspaceId}
                documentId={route.documentId}
                user={user}
              />
            )}
          </RequireSession>
        </PageErrorBoundary>
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
