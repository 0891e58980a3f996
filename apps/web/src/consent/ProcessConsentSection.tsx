import { votingParties, type MemberDto, type WorkspaceDto } from '@akkoord/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../Link';
import { paths } from '../router';
import { ConsentPanel } from './ConsentPanel';
import { useFacilitationState } from './useFacilitationState';

/**
 * On the workspace page: the process agreements' consent round (GATE-1) — whether the gate is
 * open, the round with its tally and controls — and the link to the decision log.
 */
export function ProcessConsentSection({
  workspace,
  member,
}: {
  workspace: WorkspaceDto;
  member: MemberDto;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const facilitation = useFacilitationState(workspace.id);
  const process = workspace.documents.find((d) => d.kind === 'process');
  const state = facilitation.status === 'ready' ? facilitation.data : null;
  const gate = state?.gate ?? null;
  let gateText: string | null = null;
  if (gate !== null && gate.open) {
    gateText =
      gate.via === 'override'
        ? t('consent.gate.openedByOverride')
        : t('consent.gate.openedByConsent');
  } else if (gate !== null && gate.processFirst) {
    gateText = t('consent.gate.closedNote');
  }
  return (
    <section className="section process-consent" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('consent.process.heading')}</h2>
      {gateText !== null && (
        <p className="process-consent__gate" data-gate={gate?.open ? 'open' : 'closed'}>
          {gateText}
        </p>
      )}
      {process !== undefined && state !== null && (
        <ConsentPanel
          workspaceId={workspace.id}
          target={{ kind: 'process', documentId: process.id }}
          targetLabel={t('consent.processTarget')}
          parties={votingParties(workspace.parties, workspace.members)}
          member={member}
          rounds={state.rounds}
          onChanged={facilitation.reload}
        />
      )}
      <p>
        <Link href={paths.decisions(workspace.id)}>{t('consent.log.link')}</Link>
      </p>
    </section>
  );
}
