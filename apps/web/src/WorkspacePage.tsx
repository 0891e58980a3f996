import type { UserDto, WorkspaceDto } from '@akkoord/domain';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AddPartyDialog } from './AddPartyDialog';
import { api, isApiError } from './apiClient';
import { AppShell } from './AppShell';
import { ProcessConsentSection } from './consent/ProcessConsentSection';
import { DocumentList } from './DocumentList';
import { InvitationList } from './InvitationList';
import { InviteDialog } from './InviteDialog';
import { Link } from './Link';
import { loadOpenDocument } from './loadOpenDocument';
import { loadWorkspace } from './loadWorkspace';
import { AgendaBar } from './meetings/AgendaBar';
import { MeetingsSection } from './meetings/MeetingsSection';
import { isFacilitator, membershipOf, partyOf } from './membership';
import { MembersList } from './MembersList';
import { RoleText } from './RoleText';
import { paths, useNavigationState, type Notice } from './router';
import { LoadFailedPage, LoadingPage, ProblemPage } from './StatusPages';
import { useLoader } from './useLoader';
import { WaitingOnSection } from './WaitingOnSection';
import { usePageTitle } from './usePageTitle';
import { WorkspaceDetailsDialog } from './WorkspaceDetailsDialog';

/** Loads a workspace for a page; "not found" covers both "does not exist" and "not yours". */
export function useWorkspace(workspaceId: string) {
  return useLoader(`workspace:${workspaceId}`, () => loadWorkspace(workspaceId));
}

/** The page for a workspace that did not load: gone or not ours, or a failure to retry. */
export function WorkspaceLoadFailed({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslation();
  if (isApiError(error, 'not_found')) {
    return (
      <ProblemPage
        heading={t('workspace.notFoundHeading')}
        body={<p>{t('workspace.notFoundBody')}</p>}
      />
    );
  }
  return <LoadFailedPage error={error} retry={retry} />;
}

export function WorkspacePage({ workspaceId, user }: { workspaceId: string; user: UserDto }) {
  const workspace = useWorkspace(workspaceId);
  if (workspace.status === 'loading') return <LoadingPage />;
  if (workspace.status === 'failed') {
    return <WorkspaceLoadFailed error={workspace.error} retry={workspace.reload} />;
  }
  return (
    <WorkspaceView
      workspace={workspace.data}
      user={user}
      reload={workspace.reload}
      replace={workspace.replace}
    />
  );
}

type OpenDialog = 'invite' | 'details' | 'party' | null;

const noticeKey = {
  joined: 'workspace.notice.joined',
  'already-member': 'workspace.notice.alreadyMember',
  created: 'workspace.notice.created',
} as const satisfies Partial<Record<Notice, string>>;

interface WorkspaceViewProps {
  workspace: WorkspaceDto;
  user: UserDto;
  reload: () => void;
  replace: (workspace: WorkspaceDto) => void;
}

function WorkspaceView({ workspace, user, reload, replace }: WorkspaceViewProps) {
  const { t } = useTranslation();
  usePageTitle(workspace.title);
  const member = membershipOf(workspace, user.id);
  const manage = isFacilitator(member);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const notice = useNavigationState()?.notice;
  const [announcement, setAnnouncement] = useState<string | null>(() =>
    notice !== undefined && notice in noticeKey
      ? t(noticeKey[notice as keyof typeof noticeKey])
      : null,
  );
  const invitations = useLoader(`invitations:${workspace.id}:${manage}`, () =>
    manage ? api.listInvitations(workspace.id).then((r) => r.invitations) : Promise.resolve([]),
  );

  useEffect(() => {
    // Most visits continue to a document: fetch the editor code while people look around.
    loadOpenDocument().catch(() => undefined);
  }, []);

  if (member === null) {
    // Listed but not a member: removed a moment ago. The server will say 404 on the next load.
    return (
      <ProblemPage
        heading={t('workspace.notFoundHeading')}
        body={<p>{t('workspace.notFoundBody')}</p>}
      />
    );
  }

  const changed = (text: string): void => {
    setAnnouncement(text);
    reload();
    invitations.reload();
  };
  const details = [workspace.municipality, workspace.period].filter((part) => part !== '');

  return (
    <AppShell mainClassName="page">
      <p className="back-link">
        <Link href={paths.home}>{t('workspace.back')}</Link>
      </p>
      <div className="page-heading">
        <div className="page-heading__text">
          <h1>{workspace.title}</h1>
          {details.length > 0 && <p className="page-heading__details">{details.join(' · ')}</p>}
          <p className="page-heading__role">
            <span className="page-heading__label">{t('workspace.myRole')}</span>{' '}
            <RoleText role={member.role} party={partyOf(workspace, member.partyId)} />
          </p>
        </div>
        {manage && (
          <div className="page-heading__actions">
            <button
              type="button"
              className="button button--primary"
              onClick={() => setDialog('invite')}
            >
              {t('workspace.invite')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setDialog('details')}
            >
              {t('workspace.editDetails')}
            </button>
            <Link href={paths.audit(workspace.id)} className="button button--secondary">
              {t('workspace.audit')}
            </Link>
          </div>
        )}
      </div>
      {/* One polite live region for the results of actions on this page. */}
      <div role="status" className="page-status">
        {announcement !== null && <p className="notice notice--success">{announcement}</p>}
      </div>
      <AgendaBar workspace={workspace} member={member} />
      <div className="workspace-grid">
        <div className="workspace-grid__main">
          <DocumentList workspace={workspace} member={member} />
          <MeetingsSection workspace={workspace} />
          <ProcessConsentSection workspace={workspace} member={member} />
          <WaitingOnSection workspace={workspace} member={member} />
          {manage && invitations.status === 'ready' && (
            <InvitationList
              workspace={workspace}
              invitations={invitations.data}
              onChanged={changed}
            />
          )}
        </div>
        <div className="workspace-grid__side">
          <MembersList
            workspace={workspace}
            myUserId={user.id}
            canManage={manage}
            onChanged={changed}
          />
          {manage && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setDialog('party')}
            >
              {t('workspace.addParty')}
            </button>
          )}
        </div>
      </div>
      {dialog === 'invite' && (
        <InviteDialog
          workspace={workspace}
          onClose={() => setDialog(null)}
          onCreated={() => invitations.reload()}
        />
      )}
      {dialog === 'details' && (
        <WorkspaceDetailsDialog
          workspace={workspace}
          onClose={() => setDialog(null)}
          onSaved={(saved) => {
            setDialog(null);
            replace(saved);
            setAnnouncement(t('details.saved'));
          }}
        />
      )}
      {dialog === 'party' && (
        <AddPartyDialog
          workspace={workspace}
          onClose={() => setDialog(null)}
          onAdded={(name) => {
            setDialog(null);
            changed(t('addParty.added', { name }));
          }}
        />
      )}
    </AppShell>
  );
}
