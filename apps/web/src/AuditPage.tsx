import type { WorkspaceDto } from '@akkoord/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError, type AuditEntryDto } from './apiClient';
import { AppShell } from './AppShell';
import { describeAuditEntry } from './auditText';
import { useFormatDate } from './formatDate';
import { Link } from './Link';
import { paths } from './router';
import { LoadFailedPage, LoadingPage, ProblemPage } from './StatusPages';
import { useLoader } from './useLoader';
import { usePageTitle } from './usePageTitle';
import { useWorkspace, WorkspaceLoadFailed } from './WorkspacePage';

/** The facilitator's record of who changed people, roles, parties and invitations, and when. */
export function AuditPage({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const workspace = useWorkspace(workspaceId);
  const entries = useLoader(`audit:${workspaceId}`, () =>
    api.audit(workspaceId).then((r) => r.entries),
  );
  if (workspace.status === 'loading') return <LoadingPage />;
  if (workspace.status === 'failed') {
    return <WorkspaceLoadFailed error={workspace.error} retry={workspace.reload} />;
  }
  if (entries.status === 'loading') return <LoadingPage />;
  if (entries.status === 'failed') {
    if (isApiError(entries.error, 'forbidden')) {
      return (
        <ProblemPage
          heading={t('audit.forbiddenHeading')}
          body={<p>{t('audit.forbiddenBody')}</p>}
          action={
            <Link href={paths.workspace(workspaceId)} className="button button--primary">
              {t('audit.back', { title: workspace.data.title })}
            </Link>
          }
        />
      );
    }
    return <LoadFailedPage error={entries.error} retry={entries.reload} />;
  }
  return <AuditView workspace={workspace.data} entries={entries.data} />;
}

function AuditView({ workspace, entries }: { workspace: WorkspaceDto; entries: AuditEntryDto[] }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const captionId = useId();
  usePageTitle(t('audit.pageTitle', { title: workspace.title }));
  return (
    <AppShell mainClassName="page">
      <p className="back-link">
        <Link href={paths.workspace(workspace.id)}>
          {t('audit.back', { title: workspace.title })}
        </Link>
      </p>
      <h1>{t('audit.heading')}</h1>
      <p className="lead">{t('audit.intro')}</p>
      {entries.length === 0 ? (
        <p>{t('audit.empty')}</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table className="audit-table">
            <caption id={captionId} className="sr-only">
              {t('audit.caption', { title: workspace.title })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.what')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td className="audit-table__when">{formatDate(entry.at)}</td>
                  <td className="audit-table__who">{entry.actorName}</td>
                  <td>{describeAuditEntry(t, workspace, entry)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AppShell>
  );
}
