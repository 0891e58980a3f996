import type { PartyDto, SpeakingQueueDto } from '@akkoord/domain';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../ErrorNotice';
import { partyColor, partyName } from '../partyColor';
import { PartySwatchDot } from '../PartySwatchDot';
import { meetingsApi } from './meetingsApi';
import { useSpeakingQueue } from './useSpeakingQueue';

interface SpeakingQueuePanelProps {
  workspaceId: string;
  meetingId: string;
  parties: readonly PartyDto[];
  /** The facilitator gives and ends turns; others see the queue. */
  canManage: boolean;
}

/** Who speaks, who waits (in order), and how turns and time are spread over the parties. */
export function SpeakingQueuePanel({
  workspaceId,
  meetingId,
  parties,
  canManage,
}: SpeakingQueuePanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const queue = useSpeakingQueue(workspaceId, meetingId);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const act = async (call: () => Promise<SpeakingQueueDto>): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      queue.replace(await call());
    } catch (error) {
      setFailure(error);
      queue.reload();
    } finally {
      setBusy(false);
    }
  };

  const partyLabel = (partyId: string | null) =>
    partyName(parties, partyId) ?? t('meetings.queue.noParty');
  const entries = queue.status === 'ready' ? queue.data.entries : [];
  const speaker = entries.find((e) => e.status === 'speaking') ?? null;
  const waiting = entries.filter((e) => e.status === 'waiting');

  return (
    <section
      className="section console-panel"
      aria-labelledby={headingId}
      data-testid="speaking-queue"
    >
      <h2 id={headingId}>{t('meetings.queue.heading')}</h2>
      {queue.status === 'failed' && <ErrorNotice error={queue.error} />}
      {failure !== null && <ErrorNotice error={failure} />}
      <p className="speaker-now" data-testid="speaker-now">
        <span className="speaker-now__label">{t('meetings.queue.speaking')}</span>{' '}
        {speaker === null ? (
          t('meetings.queue.nobody')
        ) : (
          <span className="speaker">
            <PartySwatchDot color={partyColor(parties, speaker.partyId)} />
            <strong>{speaker.name}</strong> ({partyLabel(speaker.partyId)})
          </span>
        )}
      </p>
      {canManage && (
        <div className="button-row">
          <button
            type="button"
            className="button button--primary button--small"
            aria-disabled={busy || waiting.length === 0}
            data-testid="queue-next"
            onClick={() => {
              if (waiting.length > 0) void act(() => meetingsApi.giveFloor(workspaceId, meetingId));
            }}
          >
            {t('meetings.queue.next')}
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            aria-disabled={busy || speaker === null}
            data-testid="queue-done"
            onClick={() => {
              if (speaker !== null) void act(() => meetingsApi.endTurn(workspaceId, meetingId));
            }}
          >
            {t('meetings.queue.endTurn')}
          </button>
        </div>
      )}
      <h3 className="console-panel__subheading">{t('meetings.queue.waiting')}</h3>
      {waiting.length === 0 ? (
        <p className="section__intro">{t('meetings.queue.empty')}</p>
      ) : (
        <ol className="speaking-queue">
          {waiting.map((entry) => (
            <li key={entry.id} className="speaking-queue__entry">
              <span className="speaker">
                <PartySwatchDot color={partyColor(parties, entry.partyId)} />
                {entry.name} ({partyLabel(entry.partyId)})
              </span>
              {canManage && (
                <button
                  type="button"
                  className="button button--quiet button--small"
                  aria-disabled={busy}
                  onClick={() =>
                    void act(() => meetingsApi.giveFloor(workspaceId, meetingId, entry.id))
                  }
                >
                  {t('meetings.queue.giveFloor', { name: entry.name })}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {queue.status === 'ready' && queue.data.balance.length > 0 && (
        <div className="table-wrap">
          <table className="audit-table balance-table">
            <caption>{t('meetings.queue.balance')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('meetings.queue.party')}</th>
                <th scope="col">{t('meetings.queue.turns')}</th>
                <th scope="col">{t('meetings.queue.minutes')}</th>
              </tr>
            </thead>
            <tbody>
              {queue.data.balance.map((row) => (
                <tr key={row.partyId ?? 'none'}>
                  <th scope="row">
                    <span className="speaker">
                      <PartySwatchDot color={partyColor(parties, row.partyId)} />
                      {partyLabel(row.partyId)}
                    </span>
                  </th>
                  <td>{row.turns}</td>
                  <td>{(row.seconds / 60).toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
