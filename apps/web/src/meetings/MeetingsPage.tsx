import type { MeetingDto, UserDto, WorkspaceDto, MemberDto } from '@akkoord/domain';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AppShell } from '../AppShell';
import { ErrorNotice } from '../ErrorNotice';
import { Link } from '../Link';
import { isFacilitator, membershipOf } from '../membership';
import { paths } from '../router';
import { LoadingPage, ProblemPage } from '../StatusPages';
import { usePageTitle } from '../usePageTitle';
import { useWorkspace, WorkspaceLoadFailed } from '../WorkspacePage';
import { AgendaBar } from './AgendaBar';
import { MeetingEditDialog } from './MeetingEditDialog';
import { MeetingList } from './MeetingList';
import { MeetingPlanForm } from './MeetingPlanForm';
import { ParkingLot } from './ParkingLot';
import { useMeetingList } from './useMeeting';

/** `/w/:id/vergaderingen`: the meetings (planned, running, past), the plan form, the parking lot. */
export function MeetingsPage({ workspaceId, user }: { workspaceId: string; user: UserDto }) {
  return (
    <MemberWorkspace workspaceId={workspaceId} user={user}>
      {(workspace, member) => <MeetingsView workspace={workspace} member={member} />}
    </MemberWorkspace>
  );
}

/**
 * Loads the workspace for a meeting page (this one and the minutes page) and answers the
 * loading, the failure and "not a member" itself: `children` only gets a workspace the user
 * is a member of.
 */
export function MemberWorkspace({
  workspaceId,
  user,
  children,
}: {
  workspaceId: string;
  user: UserDto;
  children: (workspace: WorkspaceDto, member: MemberDto) => ReactNode;
}) {
  const { t } = useTranslation();
  const workspace = useWorkspace(workspaceId);
  if (workspace.status === 'loading') return <LoadingPage />;
  if (workspace.status === 'failed') {
    return <WorkspaceLoadFailed error={workspace.error} retry={workspace.reload} />;
  }
  const member = membershipOf(workspace.data, user.id);
  if (member === null) {
    return (
      <ProblemPage
        heading={t('workspace.notFoundHeading')}
        body={<p>{t('workspace.notFoundBody')}</p>}
      />
    );
  }
  return children(workspace.data, member);
}

function MeetingsView({ workspace, member }: { workspace: WorkspaceDto; member: MemberDto }) {
  const { t } = useTranslation();
  usePageTitle(t('meetings.page.title', { workspace: workspace.title }));
  const meetings = useMeetingList(workspace.id);
  const manage = isFacilitator(member);
  const [announcement, setAnnouncement] = useState('');
  const [editing, setEditing] = useState<MeetingDto | null>(null);
  const running =
    meetings.status === 'ready'
      ? (meetings.data.meetings.find((m) => m.status === 'running') ?? null)
      : null;

  return (
    <AppShell mainClassName="page">
      <p className="back-link">
        <Link href={paths.workspace(workspace.id)}>
          {t('meetings.page.back', { title: workspace.title })}
        </Link>
      </p>
      <div className="page-heading">
        <div className="page-heading__text">
          <h1>{t('meetings.title')}</h1>
          <p className="page-heading__details">{workspace.title}</p>
        </div>
      </div>
      <AgendaBar workspace={workspace} member={member} />
      <div role="status" className="page-status">
        {announcement !== '' && <p className="notice notice--success">{announcement}</p>}
      </div>
      <div className="workspace-grid">
        <div className="workspace-grid__main">
          {meetings.status === 'loading' && <p className="loading">{t('loading.text')}</p>}
          {meetings.status === 'failed' && <ErrorNotice error={meetings.error} />}
          {meetings.status === 'ready' && (
            <MeetingList
              workspaceId={workspace.id}
              meetings={meetings.data.meetings}
              canManage={manage}
              onEnded={(meeting) => {
                setAnnouncement(t('meetings.list.ended', { title: meeting.title }));
                meetings.reload();
              }}
              onRemoved={(meeting) => {
                setAnnouncement(t('meetings.list.removed', { title: meeting.title }));
                meetings.reload();
              }}
              onEdit={setEditing}
            />
          )}
          {editing !== null && (
            <MeetingEditDialog
              workspace={workspace}
              meeting={editing}
              onClose={() => setEditing(null)}
              onSaved={(meeting) => {
                setEditing(null);
                setAnnouncement(t('meetings.edit.saved', { title: meeting.title }));
                meetings.reload();
              }}
            />
          )}
          {manage ? (
            <MeetingPlanForm
              workspace={workspace}
              onPlanned={(meeting) => {
                setAnnouncement(t('meetings.plan.planned', { title: meeting.title }));
                meetings.reload();
              }}
            />
          ) : (
            <p className="section__note">{t('meetings.page.readOnly')}</p>
          )}
        </div>
        <div className="workspace-grid__side">
          <ParkingLot workspaceId={workspace.id} member={member} meetingId={running?.id ?? null} />
        </div>
      </div>
    </AppShell>
  );
}
