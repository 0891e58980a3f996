import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../ErrorNotice';
import { meetingsApi } from './meetingsApi';
import type { SpeakingQueue } from './useSpeakingQueue';

interface RaiseHandButtonProps {
  workspaceId: string;
  meetingId: string;
  userId: string;
  /** The meeting's speaking queue, loaded once by the agenda bar that shows this button. */
  queue: SpeakingQueue;
}

/**
 * "Hand opsteken" as a toggle (aria-pressed: my hand is up). The name stays the same in both
 * states, as a toggle's should; the text beside it says where I am in the queue.
 */
export function RaiseHandButton({ workspaceId, meetingId, userId, queue }: RaiseHandButtonProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const entries = queue.status === 'ready' ? queue.data.entries : [];
  const waiting = entries.filter((e) => e.status === 'waiting');
  const mine = entries.find(
    (e) => e.userId === userId && (e.status === 'waiting' || e.status === 'speaking'),
  );
  const raised = mine !== undefined;
  const position = mine === undefined ? 0 : waiting.indexOf(mine) + 1;

  const toggle = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      if (raised) await meetingsApi.lowerHand(workspaceId, meetingId);
      else await meetingsApi.raiseHand(workspaceId, meetingId);
      queue.reload();
    } catch (failure) {
      setError(failure);
      queue.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="raise-hand">
      <button
        type="button"
        className="button button--secondary button--small toggle-button"
        aria-pressed={raised}
        aria-disabled={busy || queue.status === 'loading'}
        data-testid="raise-hand"
        onClick={() => {
          if (!busy && queue.status !== 'loading') void toggle();
        }}
      >
        {t('meetings.queue.raiseHand')}
      </button>
      {mine?.status === 'speaking' && (
        <span className="raise-hand__state">{t('meetings.queue.youSpeak')}</span>
      )}
      {mine?.status === 'waiting' && (
        <span className="raise-hand__state">{t('meetings.queue.yourPlace', { position })}</span>
      )}
      {error !== null && (
        <ErrorNotice error={error} texts={{ conflict: t('meetings.queue.conflict') }} />
      )}
    </span>
  );
}
