import { useTranslation } from 'react-i18next';
import { AppShell } from './AppShell';
import { DocumentEditor } from './DocumentEditor';
import { PresenceList } from './PresenceList';
import { StartPage } from './StartPage';
import type { SaveTracker } from './SaveTracker';
import { usePageTitle } from './usePageTitle';
import { useSharedDocument } from './useSharedDocument';
import { useSyncStatus } from './useSyncStatus';
import { useUserIdentity } from './userIdentity';
import { SyncStatusIndicator } from './SyncStatusIndicator';

export function EditorPage({ room }: { room: string }) {
  const user = useUserIdentity();
  // Others must see who is typing, so a shared link first asks for a name.
  if (user.name === '') return <StartPage joiningRoom={room} />;
  return <OpenDocument room={room} />;
}

function OpenDocument({ room }: { room: string }) {
  const { t } = useTranslation();
  const user = useUserIdentity();
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
          <OfflineNotice tracker={shared.tracker} />
          <PresenceList awareness={shared.provider.awareness} />
          <DocumentEditor room={room} shared={shared} user={user} />
        </>
      )}
    </AppShell>
  );
}

function TrackedStatus({ tracker }: { tracker: SaveTracker }) {
  return <SyncStatusIndicator status={useSyncStatus(tracker)} />;
}

/** Spells out that offline work is safe: the short status text alone can cause worry. */
function OfflineNotice({ tracker }: { tracker: SaveTracker }) {
  const { t } = useTranslation();
  const status = useSyncStatus(tracker);
  if (status !== 'offline-unsaved') return null;
  return <p className="notice">{t('status.offlineUnsavedHelp')}</p>;
}
