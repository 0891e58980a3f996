import { useTranslation } from 'react-i18next';
import type { SyncProblem, SyncStatus } from './SaveTracker';

type Shown = SyncStatus | 'problem';

function StatusIcon({ status }: { status: Shown }) {
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
    case 'problem':
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
export function SyncStatusIndicator({
  status,
  problem,
}: {
  status: SyncStatus;
  problem: SyncProblem | null;
}) {
  const { t } = useTranslation();
  // A refusal outranks the status: "saving…" forever would be a false promise.
  const shown: Shown = problem === null ? status : 'problem';
  const text =
    problem === null
      ? t(`status.${status}`)
      : problem === 'read-only'
        ? t('status.notSaved')
        : t('status.noAccess');
  return (
    <div
      className={`sync-status sync-status--${shown}`}
      role="status"
      aria-live="polite"
      data-status={status}
      data-problem={problem ?? undefined}
    >
      <StatusIcon status={shown} />
      <span className="sr-only">{t('status.label')} </span>
      <span className="sync-status__text">{text}</span>
    </div>
  );
}
