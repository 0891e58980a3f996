import type { EmailFrequency, NotificationDto, NotificationListDto } from '@akkoord/domain';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './apiClient';
import { AppShell } from './AppShell';
import { Link } from './Link';
import { LoadFailedPage, LoadingPage } from './StatusPages';
import { useFormatDate } from './formatDate';
import { setUnreadCount } from './unreadCount';
import { useLoader } from './useLoader';
import { usePageTitle } from './usePageTitle';
import { mergeNotifications, newestFirst } from './visitChanges';

const pageSize = 30;

/** The server keeps the real read time; locally "now" is close enough to show it as read. */
function markedRead(n: NotificationDto): NotificationDto {
  return n.readAt === null ? { ...n, readAt: Date.now() } : n;
}

/** `/meldingen`: the inbox (newest first, mark read) and the e-mail preference. */
export function InboxPage() {
  const list = useLoader('notifications', () => api.listNotifications({ limit: pageSize }));
  if (list.status === 'loading') return <LoadingPage />;
  if (list.status === 'failed') return <LoadFailedPage error={list.error} retry={list.reload} />;
  return <Inbox initial={list.data} />;
}

function Inbox({ initial }: { initial: NotificationListDto }) {
  const { t } = useTranslation();
  usePageTitle(t('inbox.pageTitle'));
  const headingId = useId();
  const [items, setItems] = useState(() => newestFirst(initial.notifications));
  const [unread, setUnread] = useState(initial.unreadCount);
  const [nextBefore, setNextBefore] = useState(initial.nextBefore);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const counted = (count: number): void => {
    setUnread(count);
    setUnreadCount(count);
  };

  const markRead = async (notification: NotificationDto): Promise<boolean> => {
    try {
      const { unreadCount } = await api.markNotificationRead(notification.id);
      setItems((current) => current.map((n) => (n.id === notification.id ? markedRead(n) : n)));
      counted(unreadCount);
      return true;
    } catch {
      return false;
    }
  };

  const markAll = async (): Promise<void> => {
    setBusy(true);
    try {
      const { unreadCount } = await api.markAllNotificationsRead();
      setItems((current) => current.map(markedRead));
      counted(unreadCount);
      setStatus({ text: t('inbox.allMarkedRead'), error: false });
    } catch {
      setStatus({ text: t('inbox.failed'), error: true });
    } finally {
      setBusy(false);
    }
  };

  const loadMore = async (): Promise<void> => {
    if (nextBefore === null) return;
    setBusy(true);
    try {
      const more = await api.listNotifications({ before: nextBefore, limit: pageSize });
      setItems((current) => mergeNotifications(current, more.notifications));
      setNextBefore(more.nextBefore);
      counted(more.unreadCount);
    } catch {
      setStatus({ text: t('inbox.failed'), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <AppShell mainClassName="page page--narrow">
      <div className="page-heading">
        <div className="page-heading__text">
          <h1 id={headingId}>{t('inbox.heading')}</h1>
          <p className="page-heading__details">{t('inbox.intro')}</p>
          <p className="inbox__count">{t('inbox.unreadCount', { count: unread })}</p>
        </div>
        {unread > 0 && (
          <div className="page-heading__actions">
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => void markAll()}
            >
              {t('inbox.markAllRead')}
            </button>
          </div>
        )}
      </div>
      <div role="status" className="page-status">
        {status !== null && (
          <p className={`notice ${status.error ? 'notice--error' : 'notice--success'}`}>
            {status.text}
          </p>
        )}
      </div>
      {items.length === 0 ? (
        <p className="inbox__empty">{t('inbox.empty')}</p>
      ) : (
        <ul className="inbox" aria-label={t('inbox.listLabel')}>
          {items.map((n) => (
            <NotificationItem
              key={n.id}
              notification={n}
              onOpen={() => void markRead(n)}
              onMarkRead={async () => {
                const ok = await markRead(n);
                setStatus({
                  text: ok ? t('inbox.markedRead') : t('inbox.failed'),
                  error: !ok,
                });
              }}
            />
          ))}
        </ul>
      )}
      {nextBefore !== null && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => void loadMore()}
          >
            {t('inbox.more')}
          </button>
        </p>
      )}
      <EmailPreferences />
    </AppShell>
  );
}

function NotificationItem({
  notification: n,
  onOpen,
  onMarkRead,
}: {
  notification: NotificationDto;
  onOpen: () => void;
  onMarkRead: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const unread = n.readAt === null;
  return (
    <li className={`inbox-item${unread ? ' inbox-item--unread' : ''}`}>
      <p className="inbox-item__title">
        {unread && <span className="inbox-item__unread">{t('inbox.unread')}</span>}
        <span className="inbox-item__what">
          {t(`inbox.kind.${n.kind}`, { name: n.actor.name })}
        </span>
      </p>
      {n.excerpt !== '' && <p className="inbox-item__excerpt">{n.excerpt}</p>}
      <p className="inbox-item__meta">
        {t('inbox.where', { document: n.documentTitle, workspace: n.workspaceTitle })} ·{' '}
        <time dateTime={new Date(n.createdAt).toISOString()}>{formatDate(n.createdAt)}</time>
      </p>
      <div className="inbox-item__actions">
        <Link
          href={n.path}
          className="button button--primary button--small"
          aria-label={t('inbox.openFor', { document: n.documentTitle })}
          onClick={onOpen}
        >
          {t('inbox.open')}
        </Link>
        {unread && (
          <button
            type="button"
            className="button button--quiet button--small"
            aria-label={t('inbox.markReadFor', { name: n.actor.name })}
            onClick={() => void onMarkRead()}
          >
            {t('inbox.markRead')}
          </button>
        )}
      </div>
    </li>
  );
}

const frequencies: readonly EmailFrequency[] = ['immediate', 'daily', 'none'];

/** E-mail: at once, a daily digest or none; stored even while this server sends no mail. */
function EmailPreferences() {
  const { t } = useTranslation();
  const headingId = useId();
  const name = useId();
  const prefs = useLoader('notification-preferences', () =>
    api.notificationPreferences().then((r) => r.preferences),
  );
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [saving, setSaving] = useState(false);

  const choose = async (email: EmailFrequency): Promise<void> => {
    setSaving(true);
    try {
      const { preferences } = await api.setNotificationPreferences({ email });
      prefs.replace(preferences);
      setStatus({ text: t('emailPrefs.saved'), error: false });
    } catch {
      setStatus({ text: t('inbox.failed'), error: true });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="section inbox-prefs" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('emailPrefs.heading')}</h2>
      {prefs.status === 'loading' && <p className="loading">{t('loading.text')}</p>}
      {prefs.status === 'failed' && (
        <p className="notice notice--error">
          {t('inbox.failed')}{' '}
          <button type="button" className="button button--small" onClick={prefs.reload}>
            {t('visit.retry')}
          </button>
        </p>
      )}
      {prefs.status === 'ready' && (
        <>
          {!prefs.data.emailEnabled && <p className="notice notice--info">{t('emailPrefs.off')}</p>}
          <fieldset className="radio-group" disabled={saving}>
            <legend>{t('emailPrefs.legend')}</legend>
            {frequencies.map((f) => (
              <label key={f} className="radio-group__option">
                <input
                  type="radio"
                  name={name}
                  value={f}
                  checked={prefs.data.email === f}
                  onChange={() => void choose(f)}
                />{' '}
                {t(`emailPrefs.${f}`)}
              </label>
            ))}
          </fieldset>
        </>
      )}
      <div role="status" className="page-status">
        {status !== null && (
          <p className={`notice ${status.error ? 'notice--error' : 'notice--success'}`}>
            {status.text}
          </p>
        )}
      </div>
    </section>
  );
}
