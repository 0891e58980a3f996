import type { WorkspaceDto } from '@akkoord/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../Link';
import { paths } from '../router';
import { useCurrentMeeting } from './useCurrentMeeting';
import { useParkingLot } from './useParkingLot';

/**
 * On the workspace page: a short section that leads to the meetings, the running meeting and
 * the parking lot.
 */
export function MeetingsSection({ workspace }: { workspace: WorkspaceDto }) {
  const { t } = useTranslation();
  const headingId = useId();
  const current = useCurrentMeeting(workspace.id);
  const parking = useParkingLot(workspace.id);
  const running = current.status === 'ready' ? current.meeting : null;
  const open =
    parking.status === 'ready' ? parking.data.filter((i) => i.status === 'open').length : 0;
  return (
    <section className="section" aria-labelledby={headingId} data-testid="meetings-section">
      <h2 id={headingId}>{t('meetings.section.heading')}</h2>
      <p className="section__intro">{t('meetings.section.intro')}</p>
      <ul className="meetings-links">
        {running !== null && (
          <li>
            <Link href={paths.meeting(workspace.id, running.id)}>
              {t('meetings.section.running', { title: running.title })}
            </Link>
          </li>
        )}
        <li>
          <Link href={paths.meetings(workspace.id)} data-testid="meetings-link">
            {t('meetings.section.link')}
          </Link>
        </li>
        {open > 0 && <li>{t('meetings.section.openParking', { count: open })}</li>}
      </ul>
    </section>
  );
}
