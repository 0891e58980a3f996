import type { PartyDto } from '@akkoord/domain';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AppShell } from './AppShell';
import { DocumentEditor } from './DocumentEditor';
import { Link } from './Link';
import type { CaretUser } from './membership';
import { PresenceList } from './PresenceList';
import type { SaveTracker } from './SaveTracker';
import { SyncStatusIndicator } from './SyncStatusIndicator';
import { usePageTitle } from './usePageTitle';
import { useSharedDocument } from './useSharedDocument';
import { useSyncProblem, useSyncStatus } from './useSyncStatus';
import { paths } from './router';

export interface OpenDocumentProps {
  room: string;
  title: string;
  workspace: { id: string; title: string; parties: readonly PartyDto[] };
  user: CaretUser;
  /** Observers: the server refuses their edits, so the editor does not offer editing. */
  readOnly: boolean;
  /** Shown above the editor, e.g. "since your last visit" (DocumentPage). */
  above?: ReactNode;
  /** A second pane beside the editor, e.g. the party's notes (DocumentPage). */
  beside?: ReactNode;
}

/** The editor page proper: everything that needs Yjs and Tiptap lives below this module. */
export function OpenDocument({
  room,
  title,
  workspace,
  user,
  readOnly,
  above,
  beside,
}: OpenDocumentProps) {
  const { t } = useTranslation();
  const shared = useSharedDocument(room);
  usePageTitle(t('editor.pageTitle', { title, workspace: workspace.title }));

  return (
    <AppShell
      mainClassName={beside === undefined ? 'editor-page' : 'editor-page editor-page--split'}
      headerContent={
        <div className="document-header">
          <h1 className="document-header__title">{title}</h1>
          {shared !== null && <TrackedStatus tracker={shared.tracker} />}
        </div>
      }
    >
      <p className="back-link">
        <Link href={paths.workspace(workspace.id)}>
          {t('editor.back', { title: workspace.title })}
        </Link>
      </p>
      {shared === null ? (
        <p className="loading">{t('editor.loading')}</p>
      ) : (
        <>
          <ProblemNotice tracker={shared.tracker} />
          {readOnly && <ReadOnlyNotice tracker={shared.tracker} />}
          <OfflineNotice tracker={shared.tracker} />
          <PresenceList awareness={shared.provider.awareness} />
          {above}
          <div className={beside === undefined ? undefined : 'editor-split'}>
            <div className={beside === undefined ? undefined : 'editor-split__main'}>
              <DocumentEditor
                title={title}
                shared={shared}
                user={user}
                parties={workspace.parties}
                readOnly={readOnly}
              />
            </div>
            {beside}
          </div>
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

/** Observers learn up front why they cannot type, instead of finding out by trying. */
function ReadOnlyNotice({ tracker }: { tracker: SaveTracker }) {
  const { t } = useTranslation();
  // A refusal from the server has its own, more urgent message.
  if (useSyncProblem(tracker) !== null) return null;
  return <p className="notice notice--info">{t('editor.observer')}</p>;
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
