import { useTranslation } from 'react-i18next';
import { formatClock } from './serverClock';

/**
 * Time left of the current agenda item as mm:ss. Over time it turns red and says so in words
 * too (colour is never the only cue). role="timer" is not announced on every tick; the agenda
 * bar announces crossing zero once.
 */
export function MeetingTimer({ seconds }: { seconds: number }) {
  const { t } = useTranslation();
  const over = seconds < 0;
  return (
    <span className={over ? 'meeting-timer meeting-timer--over' : 'meeting-timer'}>
      <span className="meeting-timer__label">{t('meetings.timer.label')}</span>{' '}
      <span
        role="timer"
        className="meeting-timer__value"
        data-testid="meeting-timer"
        data-seconds-left={seconds}
      >
        {formatClock(seconds)}
      </span>
      {over && <span className="meeting-timer__over"> {t('meetings.timer.over')}</span>}
    </span>
  );
}
