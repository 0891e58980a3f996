import type { UserDto } from '@akkoord/domain';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { AppShell } from './AppShell';
import { Link } from './Link';
import { LazyOpenDocument } from './loadOpenDocument';
import { isReadOnly, membershipOf, openableDocuments, presenceOf } from './membership';
import { paths } from './router';
import { LoadingPage, ProblemPage } from './StatusPages';
import { useWorkspace, WorkspaceLoadFailed } from './WorkspacePage';

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
        user={presenceOf(data, member)}
        readOnly={isReadOnly(member)}
      />
    </Suspense>
  );
}
