import type { MeetingDto, MeetingStatus } from '@akkoord/domain';
import { useId, useRef, useState } from 'react';
import { ConfirmDialog } from '../ConfirmDialog';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../apiClient';
import { ErrorNotice } from '../ErrorNotice';
import { Link } from '../Link';
import { navigate, paths } from '../router';
import { meetingsApi } from './meetingsApi';
import { publishCurrentMeeting } from './useCurrentMeeting';

interface MeetingListProps {
  workspaceId: string;
  meetings: readonly MeetingDto[];
  /** The facilitator may start and end meetings; everyone else reads the list. */
  canManage: boolean;
  /** After the facilitator ended a meeting here (the list reloads from the answer's event). */
  onEnded?: (meeting: MeetingDto) => void;
  /** After the facilitator deleted a planned meeting here (the page says so and reloads). */
  onRemoved?: (meeting: MeetingDto) => void;
  /** The facilitator asks to edit a planned meeting (the page opens the edit dialog). */
  onEdit?: (meeting: MeetingDto) => void;
}

/** The minutes page of an ended meeting (built by the minutes pages; the path is fixed). */
export function minutesPath(workspaceId: string, meetingId: string): string {
  return `${paths.meeting(workspaceId, meetingId)}/verslag`;
}

const statusClass: Record<MeetingStatus, string> = {
  planned: 'badge',
  running: 'badge badge--running',
  ended: 'badge badge--ended',
};

/** Every meeting of the workspace, planned and past, each with what can be done with it. */
export function MeetingList({
  workspaceId,
  meetings,
  canManage,
  onEnded,
  onRemoved,
  onEdit,
}: MeetingListProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  /** What failed last, with the sentence for a conflict in that situation. */
  const [failure, setFailure] = useState<{ error: unknown; conflict: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' });
  const running = meetings.some((m) => m.status === 'running');
  const [ending, setEnding] = useState<MeetingDto | null>(null);
  const [removing, setRemoving] = useState<MeetingDto | null>(null);
  /** Set when the meeting's card (and the delete button that opened the dialog) goes away. */
  const removed = useRef(false);

  const start = async (meeting: MeetingDto): Promise<void> => {
    if (busy !== null) return;
    setBusy(meeting.id);
    setFailure(null);
    try {
      const timed = await meetingsApi.start(workspaceId, meeting.id);
      publishCurrentMeeting(workspaceId, timed);
      navigate(paths.meeting(workspaceId, meeting.id));
    } catch (error) {
      setFailure({ error, conflict: t('meetings.list.startConflict') });
      setBusy(null);
    }
  };

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        {t('meetings.list.heading')}
      </h2>
      {failure !== null && (
        <ErrorNotice error={failure.error} texts={{ conflict: failure.conflict }} />
      )}
      {meetings.length === 0 ? (
        <p className="section__intro">{t('meetings.list.empty')}</p>
      ) : (
        <ul className="meeting-list" data-testid="meeting-list">
          {meetings.map((meeting) => {
            const minutes = meeting.items.reduce((sum, item) => sum + item.timeboxMinutes, 0);
            return (
              <li
                key={meeting.id}
                className="document-card meeting-card"
                data-status={meeting.status}
              >
                <h3 className="document-card__title">{meeting.title}</h3>
                <p className="document-card__text">
                  {format.format(new Date(meeting.scheduledFor))} ·{' '}
                  {t('meetings.list.items', { count: meeting.items.length, minutes })}
                </p>
                <p className="badges">
                  <span className={statusClass[meeting.status]}>
                    {t(`meetings.status.${meeting.status}`)}
                  </span>
                </p>
                <div className="button-row meeting-card__actions">
                  {canManage && meeting.status === 'planned' && (
                    <button
                      type="button"
                      className="button button--primary button--small"
                      aria-disabled={busy !== null || running}
                      data-testid="meeting-start"
                      onClick={() => {
                        if (!running) void start(meeting);
                      }}
                    >
                      {t('meetings.list.start', { title: meeting.title })}
                    </button>
                  )}
                  {meeting.status !== 'ended' && (
                    <Link
                      href={paths.meeting(workspaceId, meeting.id)}
                      className="button button--secondary button--small"
                    >
                      {canManage && meeting.status === 'running'
                        ? t('meetings.list.lead', { title: meeting.title })
                        : t('meetings.list.open', { title: meeting.title })}
                    </Link>
                  )}
                  {canManage && meeting.status === 'running' && (
                    <button
                      type="button"
                      className="button button--danger-quiet button--small"
                      data-testid="meeting-end"
                      onClick={() => setEnding(meeting)}
                    >
                      {t('meetings.list.end', { title: meeting.title })}
                    </button>
                  )}
                  {canManage && meeting.status === 'planned' && onEdit !== undefined && (
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      data-testid="meeting-edit"
                      onClick={() => onEdit(meeting)}
                    >
                      {t('meetings.list.edit', { title: meeting.title })}
                    </button>
                  )}
                  {canManage && meeting.status === 'planned' && (
                    <button
                      type="button"
                      className="button button--danger-quiet button--small"
                      aria-disabled={busy !== null}
                      data-testid="meeting-remove"
                      onClick={() => {
                        if (busy !== null) return;
                        removed.current = false;
                        setRemoving(meeting);
                      }}
                    >
                      {t('meetings.list.remove', { title: meeting.title })}
                    </button>
                  )}
                  {meeting.status === 'ended' && (
                    <Link
                      href={minutesPath(workspaceId, meeting.id)}
                      className="button button--secondary button--small"
                    >
                      {t('meetings.list.minutes', { title: meeting.title })}
                    </Link>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {canManage && running && <p className="section__note">{t('meetings.list.oneAtATime')}</p>}
      {ending !== null && (
        <ConfirmDialog
          title={t('meetings.console.endTitle')}
          confirmLabel={t('meetings.console.endConfirm')}
          onClose={() => setEnding(null)}
          // The end button goes away with the running meeting: the list's heading takes focus.
          focusAfterClose={() => document.getElementById(headingId)}
          onConfirm={async () => {
            const answer = await meetingsApi.end(workspaceId, ending.id);
            setEnding(null);
            publishCurrentMeeting(workspaceId, { meeting: answer.meeting, receivedAt: Date.now() });
            onEnded?.(answer.meeting);
          }}
        >
          <p>{t('meetings.console.endBody')}</p>
        </ConfirmDialog>
      )}
      {removing !== null && (
        <ConfirmDialog
          title={t('meetings.list.removeTitle', { title: removing.title })}
          confirmLabel={t('meetings.list.removeConfirm')}
          onClose={() => setRemoving(null)}
          // After deleting, the card and its delete button go away: the list's heading takes
          // focus. After "cancel", focus returns to the delete button.
          focusAfterClose={() => (removed.current ? document.getElementById(headingId) : null)}
          onConfirm={async () => {
            setFailure(null);
            try {
              await meetingsApi.remove(workspaceId, removing.id);
            } catch (error) {
              // Started meanwhile (409) or already gone (404): the card is about to change
              // anyway, so the dialog closes and the list says why. Anything else stays in the
              // dialog, where "delete" can be tried again.
              if (isApiError(error) && (error.code === 'conflict' || error.code === 'not_found')) {
                removed.current = true;
                setRemoving(null);
                setFailure({ error, conflict: t('meetings.list.removeConflict') });
                return;
              }
              throw error;
            }
            removed.current = true;
            setRemoving(null);
            onRemoved?.(removing);
          }}
        >
          <p>{t('meetings.list.removeBody')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
