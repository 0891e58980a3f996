import type { ThreadDto } from '@akkoord/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../ErrorNotice';
import { meetingsApi } from './meetingsApi';

/** The longest parking-lot title (CreateParkingBody). */
const titleMax = 200;

/** A parking-lot title from a thread: its opening words, else the quoted text. */
export function parkingTitleOf(thread: ThreadDto, fallback: string): string {
  const first = thread.comments.find((c) => c.body !== null && c.body.trim() !== '')?.body;
  const text = (first ?? thread.quote).replace(/\s+/g, ' ').trim();
  if (text === '') return fallback;
  return text.length <= titleMax ? text : `${text.slice(0, titleMax - 1)}…`;
}

/**
 * "Naar parkeerplaats" on a comment thread: moves the discussion out of the meeting. Only for
 * shared threads: the parking lot is read by every member, so a party's internal thread would
 * leak its first words to the other parties.
 */
export function ParkThreadButton({
  workspaceId,
  thread,
  fallbackTitle,
}: {
  workspaceId: string;
  thread: ThreadDto;
  /** Used when the thread has no text left (all comments deleted, no quote). */
  fallbackTitle: string;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const [error, setError] = useState<unknown>(null);
  if (thread.visibility !== 'shared') return null;

  const park = async (): Promise<void> => {
    if (state !== 'idle') return;
    setState('busy');
    setError(null);
    try {
      await meetingsApi.park(workspaceId, {
        title: parkingTitleOf(thread, fallbackTitle),
        scope: 'unclear',
        threadId: thread.id,
      });
      setState('done');
    } catch (caught) {
      setError(caught);
      setState('idle');
    }
  };

  return (
    <>
      <button
        type="button"
        className="clause__button"
        aria-disabled={state !== 'idle'}
        onClick={() => void park()}
      >
        {t('meetings.parking.fromThread')}
      </button>
      <span role="status" className="thread__copied">
        {state === 'done' ? t('meetings.parking.fromThreadDone') : ''}
      </span>
      {error !== null && <ErrorNotice error={error} />}
    </>
  );
}
