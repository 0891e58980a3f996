import type { WorkspaceSummaryDto } from '@akkoord/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './apiClient';
import { AppShell } from './AppShell';
import { Link } from './Link';
import { RoleText } from './RoleText';
import { paths } from './router';
import { LoadFailedPage, LoadingPage } from './StatusPages';
import { useLoader } from './useLoader';
import { usePageTitle } from './usePageTitle';

export async function loadWorkspaceSummaryDtos(): Promise<WorkspaceSummaryDto[]> {
  return (await api.listWorkspaces()).workspaces;
}

/** "Mijn onderhandelingen": every negotiation I am a member of, with my role in it. */
export function WorkspaceListPage() {
  const { t } = useTranslation();
  usePageTitle(t('workspaces.pageTitle'));
  const headingId = useId();
  const list = useLoader('workspaces', loadWorkspaceSummaryDtos);

  if (list.status === 'loading') return <LoadingPage />;
  if (list.status === 'failed') return <LoadFailedPage error={list.error} retry={list.reload} />;

  return (
    <AppShell mainClassName="page">
      <div className="page-heading">
        <h1 id={headingId}>{t('workspaces.heading')}</h1>
        <Link href={paths.newWorkspace} className="button button--primary">
          {t('workspaces.new')}
        </Link>
      </div>
      {list.data.length === 0 ? (
        <section className="empty-state">
          <h2>{t('workspaces.emptyHeading')}</h2>
          <p>{t('workspaces.emptyInvited')}</p>
          <p>{t('workspaces.emptyFacilitator')}</p>
        </section>
      ) : (
        <ul className="workspace-list" aria-labelledby={headingId}>
          {list.data.map((workspace) => (
            <WorkspaceItem key={workspace.id} workspace={workspace} />
          ))}
        </ul>
      )}
    </AppShell>
  );
}

function WorkspaceItem({ workspace }: { workspace: WorkspaceSummaryDto }) {
  const { t } = useTranslation();
  const details = [workspace.municipality, workspace.period].filter((part) => part !== '');
  return (
    <li className="workspace-card">
      <h2 className="workspace-card__title">
        <Link href={paths.workspace(workspace.id)}>{workspace.title}</Link>
      </h2>
      {details.length > 0 && <p className="workspace-card__details">{details.join(' · ')}</p>}
      <p className="workspace-card__role">
        <span className="workspace-card__label">{t('workspaces.myRole')}</span>{' '}
        <RoleText role={workspace.role} party={workspace.party} />
      </p>
    </li>
  );
}
