import { secondsLeft, type MemberDto, type UserDto, type WorkspaceDto } from '@akkoord/domain';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppShell } from '../AppShell';
import { ConfirmDialog } from '../ConfirmDialog';
import { OpenRoundsPanel } from '../consent/OpenRoundsPanel';
import { ErrorNotice } from '../ErrorNotice';
import { Link } from '../Link';
import { isFacilitator, membershipOf } from '../membership';
import { partyColor, partyName } from '../partyColor';
import { PartySwatchDot } from '../PartySwatchDot';
import { paths } from '../router';
import { LoadFailedPage, LoadingPage, ProblemPage } from '../StatusPages';
import { usePageTitle } from '../usePageTitle';
import { useWorkspace, WorkspaceLoadFailed } from '../WorkspacePage';
import { meetingsApi, type TimedMeeting } from './meetingsApi';
import { minutesPath } from './MeetingList';
import { MeetingTimer } from './MeetingTimer';
import { clockOffset } from './serverClock';
import { SpeakingQueuePanel } from './SpeakingQueuePanel';
import { publishCurrentMeeting } from './useCurrentMeeting';
import { useMeeting } from './useMeeting';
import { useMeetingClock } from './useMeetingClock';
import { attendOnce } from './attendance';

interface MeetingConsolePageProps {
  workspaceId: string;
  meetingId: string;
  user: UserDto;
}

/** `/w/:id/vergaderingen/:meetingId`: the facilitator leads the meeting; others look along. */
export function MeetingConsolePage({ workspaceId, meetingId, user }: MeetingConsolePageProps) {
  const { t } = useTranslation();
  const workspace = useWorkspace(workspaceId);
  const meeting = useMeeting(workspaceId, meetingId);
  if (workspace.status === 'loading' || meeting.status === 'loading') return <LoadingPage />;
  if (workspace.status === 'failed') {
    return <WorkspaceLoadFailed error={workspace.error} retry={workspace.reload} />;
  }
  const member = membershipOf(workspace.data, user.id);
  if (member === null || (meeting.status === 'failed' && meeting.error.code === 'not_found')) {
    return (
      <ProblemPage
        heading={t('meetings.console.notFound')}
        body={<p>{t('meetings.console.notFoundBody')}</p>}
        action={
          <Link href={paths.meetings(workspaceId)} className="button button--primary">
            {t('meetings.console.back')}
          </Link>
        }
      />
    );
  }
  if (meeting.status === 'failed') {
    return <LoadFailedPage error={meeting.error} retry={meeting.reload} />;
  }
  return (
    <MeetingConsole
      workspace={workspace.data}
      member={member}
      timed={meeting.data}
      replace={meeting.replace}
    />
  );
}

interface MeetingConsoleProps {
  workspace: WorkspaceDto;
  member: MemberDto;
  timed: TimedMeeting;
  replace: (timed: TimedMeeting) => void;
}

function MeetingConsole({ workspace, member, timed, replace }: MeetingConsoleProps) {
  const { t, i18n } = useTranslation();
  const { meeting } = timed;
  usePageTitle(t('meetings.console.pageTitle', { title: meeting.title }));
  const manage = isFacilitator(member);
  const running = meeting.status === 'running';
  const offset = clockOffset(meeting.serverTime, timed.receivedAt);
  const now = useMeetingClock(offset, running);
  const agendaId = useId();
  const attendeesId = useId();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const endButton = useRef<HTMLButtonElement>(null);
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' });

  useEffect(() => {
    if (running) attendOnce(workspace.id, meeting.id);
  }, [running, workspace.id, meeting.id]);

  const index = meeting.items.findIndex((i) => i.id === meeting.currentItemId);
  const item = index === -1 ? null : (meeting.items[index] ?? null);

  const act = async (call: () => Promise<TimedMeeting>, said?: string): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const answer = await call();
      replace(answer);
      publishCurrentMeeting(workspace.id, answer);
      if (said !== undefined) setAnnouncement(said);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const moveTo = (itemId: string | null, title: string) =>
    void act(
      () => meetingsApi.setCurrent(workspace.id, meeting.id, itemId),
      t('meetings.bar.item', { title }),
    );

  return (
    <AppShell mainClassName="page">
      <p className="back-link">
        <Link href={paths.meetings(workspace.id)}>{t('meetings.console.back')}</Link>
      </p>
      <div className="page-heading">
        <div className="page-heading__text">
          <h1>{meeting.title}</h1>
          <p className="page-heading__details">
            {format.format(new Date(meeting.scheduledFor))} ·{' '}
            {t(`meetings.status.${meeting.status}`)}
          </p>
        </div>
        {manage && meeting.status === 'planned' && (
          <div className="page-heading__actions">
            <button
              type="button"
              className="button button--primary"
              aria-disabled={busy}
              data-testid="meeting-start"
              onClick={() =>
                void act(
                  () => meetingsApi.start(workspace.id, meeting.id),
                  t('meetings.console.started'),
                )
              }
            >
              {t('meetings.list.start', { title: meeting.title })}
            </button>
          </div>
        )}
        {manage && running && (
          <div className="page-heading__actions">
            <button
              ref={endButton}
              type="button"
              className="button button--danger"
              data-testid="meeting-end"
              onClick={() => setConfirmEnd(true)}
            >
              {t('meetings.console.end')}
            </button>
          </div>
        )}
      </div>
      <div role="status" className="page-status">
        {announcement !== '' && <p className="notice notice--success">{announcement}</p>}
      </div>
      {failure !== null && (
        <ErrorNotice error={failure} texts={{ conflict: t('meetings.console.conflict') }} />
      )}
      {meeting.status === 'ended' && (
        <p className="notice notice--info">
          {t('meetings.console.ended')}{' '}
          <Link href={minutesPath(workspace.id, meeting.id)} data-testid="minutes-link">
            {t('meetings.console.minutes')}
          </Link>
        </p>
      )}
      <div className="workspace-grid">
        <div className="workspace-grid__main">
          {running && (
            <section
              className="section console-panel current-item"
              aria-label={t('meetings.console.current')}
            >
              <h2>{t('meetings.console.current')}</h2>
              <p className="current-item__title" data-testid="console-current-item">
                {item === null ? t('meetings.bar.noItem') : item.title}
              </p>
              {item !== null && <MeetingTimer seconds={secondsLeft(item, now)} />}
              {manage && (
                <div className="button-row">
                  <button
                    type="button"
                    className="button button--secondary"
                    aria-disabled={busy || index <= 0}
                    data-testid="agenda-previous"
                    onClick={() => {
                      const prev = meeting.items[index - 1];
                      if (prev !== undefined) moveTo(prev.id, prev.title);
                    }}
                  >
                    {t('meetings.console.previous')}
                  </button>
                  <button
                    type="button"
                    className="button button--primary"
                    aria-disabled={busy || index >= meeting.items.length - 1}
                    data-testid="agenda-next"
                    onClick={() => {
                      const next = meeting.items[index + 1];
                      if (next !== undefined) moveTo(next.id, next.title);
                    }}
                  >
                    {t('meetings.console.next')}
                  </button>
                </div>
              )}
            </section>
          )}
          <section className="section console-panel" aria-labelledby={agendaId}>
            <h2 id={agendaId}>{t('meetings.console.agenda')}</h2>
            {meeting.items.length === 0 ? (
              <p className="section__intro">{t('meetings.console.noItems')}</p>
            ) : (
              <ol className="agenda-list" data-testid="agenda-list">
                {meeting.items.map((entry) => {
                  const isCurrent = entry.id === meeting.currentItemId;
                  const spent = Math.round(
                    (entry.timeboxMinutes * 60 - secondsLeft(entry, running ? now : 0)) / 60,
                  );
                  return (
                    <li
                      key={entry.id}
                      className={
                        isCurrent
                          ? 'agenda-list__item agenda-list__item--current'
                          : 'agenda-list__item'
                      }
                      aria-current={isCurrent ? 'step' : undefined}
                    >
                      <span className="agenda-list__title">{entry.title}</span>
                      <span className="agenda-list__time">
                        {t('meetings.console.timebox', {
                          minutes: entry.timeboxMinutes,
                          spent: Math.max(0, spent),
                        })}
                      </span>
                      {isCurrent && (
                        <span className="badge badge--running">{t('meetings.console.now')}</span>
                      )}
                      {entry.documentId !== null && (
                        <Link
                          href={`${paths.document(workspace.id, entry.documentId)}${
                            entry.clauseId === null
                              ? ''
                              : `?clause=${encodeURIComponent(entry.clauseId)}`
                          }`}
                          className="button button--quiet button--small"
                        >
                          {t('meetings.console.openItem', { title: entry.title })}
                        </Link>
                      )}
                      {manage && running && !isCurrent && (
                        <button
                          type="button"
                          className="button button--quiet button--small"
                          aria-disabled={busy}
                          onClick={() => moveTo(entry.id, entry.title)}
                        >
                          {t('meetings.console.goToItem', { title: entry.title })}
                        </button>
                      )}
                    </li>
                  );
                })}
              </ol>
            )}
          </section>
        </div>
        <div className="workspace-grid__side">
          {running && (
            <SpeakingQueuePanel
              workspaceId={workspace.id}
              meetingId={meeting.id}
              parties={workspace.parties}
              canManage={manage}
            />
          )}
          {running && <OpenRoundsPanel workspace={workspace} />}
          <section className="section console-panel" aria-labelledby={attendeesId}>
            <h2 id={attendeesId}>{t('meetings.console.attendees')}</h2>
            {meeting.attendees.length === 0 ? (
              <p className="section__intro">{t('meetings.console.noAttendees')}</p>
            ) : (
              <ul className="attendee-list" data-testid="attendees">
                {meeting.attendees.map((a) => (
                  <li key={a.userId} className="speaker">
                    <PartySwatchDot color={partyColor(workspace.parties, a.partyId)} />
                    {a.name} (
                    {partyName(workspace.parties, a.partyId) ?? t(`role.${roleKey(a.role)}`)})
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
      {confirmEnd && (
        <ConfirmDialog
          title={t('meetings.console.endTitle')}
          confirmLabel={t('meetings.console.endConfirm')}
          onClose={() => setConfirmEnd(false)}
          // After ending, the button is gone: the page (with its link to the minutes) takes focus.
          focusAfterClose={() =>
            endButton.current?.isConnected === true
              ? endButton.current
              : document.getElementById('main-content')
          }
          onConfirm={async () => {
            const answer = await meetingsApi.end(workspace.id, meeting.id);
            setConfirmEnd(false);
            const ended = { meeting: answer.meeting, receivedAt: Date.now() };
            replace(ended);
            publishCurrentMeeting(workspace.id, ended);
            setAnnouncement(t('meetings.console.ended'));
          }}
        >
          <p>{t('meetings.console.endBody')}</p>
        </ConfirmDialog>
      )}
    </AppShell>
  );
}

function roleKey(role: string): 'facilitator' | 'negotiator' | 'observer' {
  return role === 'facilitator' || role === 'negotiator' ? role : 'observer';
}
