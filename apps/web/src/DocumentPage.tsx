import type { UserDto } from '@akkoord/domain';
import { lazy, Suspense, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppShell } from './AppShell';
import { ChangesPanel } from './ChangesPanel';
import { Link } from './Link';
import { LazyOpenDocument } from './loadOpenDocument';
import { AgendaBar } from './meetings/AgendaBar';
import { isReadOnly, membershipOf, openableDocuments, presenceOf } from './membership';
import { paths } from './router';
import { LoadingPage, ProblemPage } from './StatusPages';
import { useWorkspace, WorkspaceLoadFailed } from './WorkspacePage';

/** The second editor (party notes) shares the editor chunk; loaded only when asked for. */
const LazyPartyNotesPane = lazy(() =>
  import('./PartyNotesPane').then((module) => ({ default: module.PartyNotesPane })),
);

interface DocumentPageProps {
  workspaceId: string;
  documentId: string;
  user: UserDto;
}

/**
 * `/w/:id/d/:docId`: finds the document's room in the workspace, then opens the editor. The
 * server decides access on the socket too; checking here first gives a clear page instead of an
 * editor that is refused a moment later.
 */
export function DocumentPage({ workspaceId, documentId, user }: DocumentPageProps) {
  const { t } = useTranslation();
  const workspace = useWorkspace(workspaceId);
  const [notesOpen, setNotesOpen] = useState(false);
  const notesPaneId = useId();
  if (workspace.status === 'loading') return <LoadingPage />;
  if (workspace.status === 'failed') {
    return <WorkspaceLoadFailed error={workspace.error} retry={workspace.reload} />;
  }
  const data = workspace.data;
  const member = membershipOf(data, user.id);
  const doc =
    member === null ? undefined : openableDocuments(data, member).find((d) => d.id === documentId);
  if (member === null || doc === undefined) {
    return (
      <ProblemPage
        heading={t('document.unavailableHeading')}
        body={<p>{t('document.unavailableBody')}</p>}
        action={
          <Link href={paths.workspace(data.id)} className="button button--primary">
            {t('document.back', { title: data.title })}
          </Link>
        }
      />
    );
  }
  // Negotiators may keep their own party's notes beside the agreement; the facilitator and
  // observers have no party notes to open.
  const notes =
    doc.kind === 'agreement' && member.role === 'negotiator'
      ? data.documents.find((d) => d.kind === 'party-notes' && d.partyId === member.partyId)
      : undefined;
  const caretUser = presenceOf(data, member);
  return (
    <Suspense
      fallback={
        <AppShell mainClassName="editor-page">
          <p className="loading">{t('editor.loading')}</p>
        </AppShell>
      }
    >
      <LazyOpenDocument
        room={doc.room}
        title={doc.title}
        workspace={{ id: data.id, title: data.title, parties: data.parties }}
        user={caretUser}
        readOnly={isReadOnly(member)}
        above={
          <div className="document-tools">
            <AgendaBar workspace={data} member={member} documentId={doc.id} />
            <ChangesPanel workspaceId={data.id} documentId={doc.id} parties={data.parties} />
            {notes !== undefined && (
              <p className="document-tools__toggle">
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-pressed={notesOpen}
                  aria-controls={notesOpen ? notesPaneId : undefined}
                  onClick={() => setNotesOpen(!notesOpen)}
                >
                  {t('partyNotes.toggle')}
                </button>
              </p>
            )}
          </div>
        }
        beside={
          notes !== undefined && notesOpen ? (
            <div id={notesPaneId} className="editor-split__side">
              <Suspense fallback={<p className="loading">{t('editor.loading')}</p>}>
                <LazyPartyNotesPane
                  room={notes.room}
                  title={notes.title}
                  user={caretUser}
                  parties={data.parties}
                />
              </Suspense>
            </div>
          ) : undefined
        }
      />
    </Suspense>
  );
}
