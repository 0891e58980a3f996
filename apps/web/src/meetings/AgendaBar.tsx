import { secondsLeft, type MeetingDto, type MemberDto, type WorkspaceDto } from '@akkoord/domain';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../Link';
import { isFacilitator, isReadOnly, openableDocuments } from '../membership';
import { partyColor, partyName } from '../partyColor';
import { PartySwatchDot } from '../PartySwatchDot';
import { paths } from '../router';
import { attendOnce } from './attendance';
import { setFollowSettings, useFollowSettings } from './followSettings';
import { MeetingTimer } from './MeetingTimer';
import { RaiseHandButton } from './RaiseHandButton';
import { useCurrentMeeting } from './useCurrentMeeting';
import { useMeetingClock } from './useMeetingClock';
import { useSpeakingQueue } from './useSpeakingQueue';

interface AgendaBarProps {
  workspace: WorkspaceDto;
  member: MemberDto;
  /** The document this page shows, if any: a focus elsewhere is offered as a link. */
  documentId?: string;
}

/**
 * While a meeting runs: its title, the current agenda item, the time left, raise hand and the
 * follow-the-facilitator controls, on the workspace page and every document page. Nothing
 * otherwise. Opening a page during a meeting records attendance.
 */
export function AgendaBar({ workspace, member, documentId }: AgendaBarProps) {
  const current = useCurrentMeeting(workspace.id);
  const meeting = current.status === 'ready' ? current.meeting : null;
  useEffect(() => {
    if (meeting !== null) attendOnce(workspace.id, meeting.id);
  }, [workspace.id, meeting]);
  if (current.status !== 'ready' || meeting === null) return null;
  return (
    <RunningMeetingBar
      key={meeting.id}
      workspace={workspace}
      member={member}
      documentId={documentId}
      meeting={meeting}
      offsetMs={current.offsetMs}
    />
  );
}

interface RunningMeetingBarProps extends AgendaBarProps {
  meeting: MeetingDto;
  offsetMs: number;
}

function RunningMeetingBar({
  workspace,
  member,
  documentId,
  meeting,
  offsetMs,
}: RunningMeetingBarProps) {
  const { t } = useTranslation();
  const now = useMeetingClock(offsetMs);
  const item = meeting.items.find((i) => i.id === meeting.currentItemId) ?? null;
  const left = item === null ? null : secondsLeft(item, now);
  const queue = useSpeakingQueue(workspace.id, meeting.id);
  const speaker =
    queue.status === 'ready'
      ? (queue.data.entries.find((e) => e.status === 'speaking') ?? null)
      : undefined;
  const turn: Turn =
    speaker == null
      ? speaker
      : {
          id: speaker.id,
          text: t('meetings.bar.speaker', {
            name: speaker.name,
            party: partyName(workspace.parties, speaker.partyId) ?? t('meetings.queue.noParty'),
          }),
        };
  const announcement = useAnnouncement(item?.title ?? null, left !== null && left < 0, turn);
  const facilitator = isFacilitator(member);
  const { following, sharing } = useFollowSettings();
  const focus = meeting.focus;
  const focusDoc =
    focus === null
      ? undefined
      : openableDocuments(workspace, member).find((d) => d.id === focus.documentId);
  const offerGoTo =
    !facilitator && following && focusDoc !== undefined && focusDoc.id !== documentId;

  return (
    <section className="agenda-bar" aria-label={t('meetings.bar.region')} data-testid="agenda-bar">
      <div className="agenda-bar__now">
        <p className="agenda-bar__title">
          <span className="agenda-bar__eyebrow">{t('meetings.bar.running')}</span>{' '}
          <strong>{meeting.title}</strong>
        </p>
        <p className="agenda-bar__item" data-testid="agenda-bar-item">
          {item === null ? t('meetings.bar.noItem') : t('meetings.bar.item', { title: item.title })}
        </p>
        {left !== null && <MeetingTimer seconds={left} />}
        {speaker != null && (
          <p className="agenda-bar__speaker speaker" data-testid="agenda-bar-speaker">
            <PartySwatchDot color={partyColor(workspace.parties, speaker.partyId)} />
            {turn?.text}
          </p>
        )}
      </div>
      <div className="agenda-bar__actions">
        {!facilitator && !isReadOnly(member) && (
          <RaiseHandButton
            workspaceId={workspace.id}
            meetingId={meeting.id}
            userId={member.userId}
            queue={queue}
          />
        )}
        {!facilitator && (
          <button
            type="button"
            className="button button--secondary button--small toggle-button"
            aria-pressed={following}
            data-testid="follow-toggle"
            onClick={() => setFollowSettings({ following: !following })}
          >
            {t('meetings.follow.toggle')}
          </button>
        )}
        {facilitator && documentId !== undefined && (
          <button
            type="button"
            className="button button--secondary button--small toggle-button"
            aria-pressed={sharing}
            data-testid="share-focus-toggle"
            onClick={() => setFollowSettings({ sharing: !sharing })}
          >
            {t('meetings.follow.share')}
          </button>
        )}
        {facilitator && (
          <Link
            href={paths.meeting(workspace.id, meeting.id)}
            className="button button--primary button--small"
          >
            {t('meetings.bar.console')}
          </Link>
        )}
        {offerGoTo && (
          <Link
            href={`${paths.document(workspace.id, focusDoc.id)}${
              focus?.clauseId ? `?clause=${encodeURIComponent(focus.clauseId)}` : ''
            }`}
            className="button button--quiet button--small"
            data-testid="follow-go-to"
          >
            {t('meetings.follow.goTo', { title: focusDoc.title })}
          </Link>
        )}
      </div>
      {/*
        Polite and sparse: a new agenda item, a new speaker and crossing the timebox, never each
        tick (and not the speaker who already had the floor when the page opened).
      */}
      <p role="status" className="sr-only">
        {announcement}
      </p>
    </section>
  );
}

/** Who has the floor: undefined while the queue loads, null when nobody speaks. */
type Turn = { id: string; text: string } | null | undefined;

/**
 * What the live region says: the new item when it changes, a new speaker once when their turn
 * starts (not when a turn ends, nor the speaker already there when the queue first loads), and
 * "over time" once when it starts.
 */
function useAnnouncement(itemTitle: string | null, over: boolean, turn: Turn): string {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const turnId = turn === undefined ? undefined : (turn?.id ?? null);
  const turnText = turn?.text ?? null;
  const seen = useRef({ itemTitle, over, turnId });
  useEffect(() => {
    const before = seen.current;
    seen.current = { itemTitle, over, turnId };
    const newItem = itemTitle !== before.itemTitle;
    // Over time is said once, unless a new item is being said anyway.
    const newlyOver = !newItem && over && !before.over;
    const newTurn = before.turnId !== undefined && turnId != null && turnId !== before.turnId;
    if (newItem || newlyOver || newTurn) {
      const said = [
        newItem && itemTitle === null ? t('meetings.bar.noItem') : null,
        newItem && itemTitle !== null ? t('meetings.bar.item', { title: itemTitle }) : null,
        newlyOver ? t('meetings.timer.overAnnouncement') : null,
        newTurn ? turnText : null,
      ];
      setText(said.filter((part) => part !== null).join(' '));
    }
  }, [itemTitle, over, turnId, turnText, t]);
  return text;
}
