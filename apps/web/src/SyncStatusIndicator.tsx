import { useTranslation } from 'react-i18next';
import type { SyncStatus } from './SaveTracker';

function StatusIcon({ status }: { status: SyncStatus }) {
  const common = {
    className: `sync-status__icon sync-status__icon--${status}`,
    viewBox: '0 0 24 24',
    'aria-hidden': true,
    focusable: false,
  } as const;
  switch (status) {
    case 'saved':
      return (
        <svg {...common}>
          <path d="M5 12.5l4.5 4.5L19 7.5" />
        </svg>
      );
    case 'saving':
    case 'connecting':
      return (
        <svg {...common}>
          <path d="M12 4a8 8 0 1 1-8 8" />
        </svg>
      );
    case 'offline':
      return (
        <svg {...common}>
          <path d="M4 4l16 16M8.5 8.6A5 5 0 0 0 6.5 18H17m3.2-1.7A4 4 0 0 0 17 10h-.3A6 6 0 0 0 10 6.2" />
        </svg>
      );
    case 'offline-unsaved':
      return (
        <svg {...common}>
          <path d="M12 3.5L22 20H2L12 3.5zM12 10v4.5M12 17.2v.3" />
        </svg>
      );
  }
}

/**
 * The save status in words and an icon (never colour alone). It is a polite live region so
 * screen reader users hear "Saved" without being interrupted while typing.
 */
export function SyncStatusIndicator({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  return (
    <div
      className={`sync-status sync-status--${status}`}
      role="status"
      aria-live="polite"
      data-status={status}
    >
      <StatusIcon status={status} />
      <span className="sr-only">{t('status.label')} </span>
      <span className="sync-status__text">{t(`status.${status}`)}</span>
    </div>
  );
}
