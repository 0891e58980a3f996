import type { DecisionDto, PartyDto, WorkspaceDto } from '@akkoord/domain';
import { useTranslation } from 'react-i18next';
import { AppShell } from '../AppShell';
import { useFormatDate } from '../formatDate';
import { Link } from '../Link';
import { PartySwatchDot } from '../PartySwatchDot';
import { paths } from '../router';
import { LoadFailedPage, LoadingPage } from '../StatusPages';
import { useFacilitationEvents } from '../useWorkspaceEvents';
import { useLoader } from '../useLoader';
import { usePageTitle } from '../usePageTitle';
import { useWorkspace, WorkspaceLoadFailed } from '../WorkspacePage';
import { consentApi } from './consentApi';
import { targetLabel } from './rounds';

const TOPICS = ['consent', 'gate', 'locks'] as const;

/**
 * `/w/:id/besluiten`: every decision (closed consent rounds, gate override, reopenings) with the
 * positions and reasons as they were (CONS-4), oldest first, for every member.
 */
export function DecisionLogPage({ workspaceId }: { workspaceId: string }) {
  const workspace = useWorkspace(workspaceId);
  const decisions = useLoader(`decisions:${workspaceId}`, () =>
    consentApi.decisions(workspaceId).then((r) => r.decisions),
  );
  useFacilitationEvents(workspaceId, TOPICS, () => decisions.reload());
  if (workspace.status === 'loading') return <LoadingPage />;
  if (workspace.status === 'failed') {
    return <WorkspaceLoadFailed error={workspace.error} retry={workspace.reload} />;
  }
  if (decisions.status === 'loading') return <LoadingPage />;
  if (decisions.status === 'failed') {
    return <LoadFailedPage error={decisions.error} retry={decisions.reload} />;
  }
  return <DecisionLogView workspace={workspace.data} decisions={decisions.data} />;
}

export function DecisionLogView({
  workspace,
  decisions,
}: {
  workspace: WorkspaceDto;
  decisions: readonly DecisionDto[];
}) {
  const { t } = useTranslation();
  usePageTitle(t('consent.log.title'));
  return (
    <AppShell mainClassName="page">
      <p className="back-link">
        <Link href={paths.workspace(workspace.id)}>
          {t('consent.log.back', { title: workspace.title })}
        </Link>
      </p>
      <h1>{t('consent.log.title')}</h1>
      <p className="lead">{t('consent.log.intro')}</p>
      {decisions.length === 0 ? (
        <p>{t('consent.log.empty')}</p>
      ) : (
        <ol className="decision-log">
          {decisions.map((d) => (
            <DecisionEntry key={d.id} decision={d} parties={workspace.parties} />
          ))}
        </ol>
      )}
    </AppShell>
  );
}

const OUTCOMES = ['agreed', 'not-agreed', 'cancelled', 'opened', 'reopened'] as const;
type KnownOutcome = (typeof OUTCOMES)[number];
const isKnownOutcome = (v: string): v is KnownOutcome =>
  (OUTCOMES as readonly string[]).includes(v);

function DecisionEntry({
  decision,
  parties,
}: {
  decision: DecisionDto;
  parties: readonly PartyDto[];
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const target = targetLabel(t, decision.target, decision.clauseNumber);
  const outcome = isKnownOutcome(decision.outcome)
    ? t(`consent.log.outcomes.${decision.outcome}`)
    : decision.outcome;
  const partyOf = (id: string) => parties.find((p) => p.id === id);
  return (
    <li className="decision-log__entry" data-kind={decision.kind} data-outcome={decision.outcome}>
      <h2 className="decision-log__title">
        {t(`consent.log.kinds.${decision.kind}`)}: {target}
      </h2>
      <p className="decision-log__when">
        <time dateTime={decision.at}>{formatDate(Date.parse(decision.at))}</time>
      </p>
      <dl className="decision-log__facts">
        <dt>{t('consent.log.outcome')}</dt>
        <dd>{outcome}</dd>
        <dt>{t('consent.log.by')}</dt>
        <dd>{decision.actor.name}</dd>
        {decision.reason !== '' && (
          <>
            <dt>{t('consent.log.reason')}</dt>
            <dd>{decision.reason}</dd>
          </>
        )}
      </dl>
      {decision.positions.length > 0 && (
        <>
          <h3 className="decision-log__subheading">{t('consent.log.positions')}</h3>
          <ul className="decision-log__positions">
            {decision.positions.map((p) => {
              const party = partyOf(p.partyId);
              return (
                <li key={`${p.partyId}-${p.at}`} data-position={p.position}>
                  <PartySwatchDot color={party?.color} />{' '}
                  <strong>{party?.name ?? t('clauses.panel.unknownParty')}</strong>:{' '}
                  {t('consent.log.positionBy', {
                    position: t(`consent.positions.${p.position}`),
                    name: p.name,
                  })}
                  {p.reason !== '' && <span className="decision-log__reason"> — {p.reason}</span>}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </li>
  );
}
