import { useTranslation } from 'react-i18next';
import { AppShell } from './AppShell';
import { DocumentEditor } from './DocumentEditor';
import { PresenceList } from './PresenceList';
import type { SaveTracker } from './SaveTracker';
import { SyncStatusIndicator } from './SyncStatusIndicator';
import { usePageTitle } from './usePageTitle';
import { useSharedDocument } from './useSharedDocument';
import { useSyncProblem, useSyncStatus } from './useSyncStatus';
import type { UserIdentity } from './userIdentity';

/** The editor page proper: everything that needs Yjs and Tiptap lives below this module. */
export function OpenDocument({ room, user }: { room: string; user: UserIdentity }) {
  const { t } = useTranslation();
  const shared = useSharedDocument(room);
  usePageTitle(t('editor.pageTitle', { room }));

  return (
    <AppShell
      mainClassName="editor-page"
      headerContent={
        <div className="document-header">
          <h1 className="document-header__title">
            <span className="document-header__kind">{t('editor.documentName')}</span>{' '}
            <span className="document-header__room">{room}</span>
          </h1>
          {shared !== null && <TrackedStatus tracker={shared.tracker} />}
        </div>
      }
    >
      {shared === null ? (
        <p className="loading">{t('editor.loading')}</p>
      ) : (
        <>
          <ProblemNotice tracker={shared.tracker} />
          <OfflineNotice tracker={shared.tracker} />
          <PresenceList awareness={shared.provider.awareness} />
          <DocumentEditor room={room} shared={shared} user={user} />
        </>
      )}
    </AppShell>
  );
}

function TrackedStatus({ tracker }: { tracker: SaveTracker }) {
  return <SyncStatusIndicator status={useSyncStatus(tracker)} problem={useSyncProblem(tracker)} />;
}

/** Spells out that offline work is safe: the short status text alone can cause worry. */
function OfflineNotice({ tracker }: { tracker: SaveTracker }) {
  const { t } = useTranslation();
  const status = useSyncStatus(tracker);
  if (status !== 'offline-unsaved') return null;
  return <p className="notice">{t('status.offlineUnsavedHelp')}</p>;
}

/** A final "no" from the server: say what happened, because retrying will not help. */
function ProblemNotice({ tracker }: { tracker: SaveTracker }) {
  const { t } = useTranslation();
  const problem = useSyncProblem(tracker);
  if (problem === null) return null;
  return (
    <p className="notice notice--error" role="alert">
      {t(`problem.${problem}`)}
    </p>
  );
}
