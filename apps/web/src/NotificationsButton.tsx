import { useTranslation } from 'react-i18next';
import { Link } from './Link';
import { paths } from './router';
import { useUnreadCount } from './unreadCount';
import { useSession } from './useSession';

/** The way to the inbox in the header; its name says how many are unread ("Meldingen, 3 ongelezen"). */
export function NotificationsButton() {
  const { t } = useTranslation();
  const signedIn = useSession().status === 'signed-in';
  const count = useUnreadCount(signedIn);
  if (!signedIn) return null;
  const unread = count ?? 0;
  return (
    <Link href={paths.inbox} className="inbox-button">
      <svg className="inbox-button__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {/* The name is the text: "Meldingen" plus, for screen readers, ", 3 ongelezen". */}
      <span className="inbox-button__text">
        {t('inbox.button')}
        {unread > 0 && (
          <span className="sr-only">{t('inbox.unreadSuffix', { count: unread })}</span>
        )}
      </span>
      {unread > 0 && (
        <span className="inbox-button__badge" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}
