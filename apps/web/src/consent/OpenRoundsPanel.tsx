import { votingParties, type ConsentRoundDto, type WorkspaceDto } from '@akkoord/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../Link';
import { paths } from '../router';
import { RoundTally } from './ConsentPanel';
import { targetLabel } from './rounds';
import { useFacilitationState } from './useFacilitationState';

/**
 * The meeting console's view of every open consent round, live: what it is about, the tally,
 * and a link to where it is decided (the clause in its document). Opening, stating positions
 * and closing stay in the document's side panel, next to the text the round is about.
 */
export function OpenRoundsPanel({ workspace }: { workspace: WorkspaceDto }) {
  const { t } = useTranslation();
  const headingId = useId();
  const state = useFacilitationState(workspace.id);
  const open =
    state.status === 'ready' ? (state.data?.rounds ?? []).filter((r) => r.status === 'open') : [];
  const parties = votingParties(workspace.parties, workspace.members);
  return (
    <section className="section console-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('consent.openRounds.title')}</h2>
      {state.status === 'ready' && open.length === 0 && (
        <p className="section__intro">{t('consent.openRounds.none')}</p>
      )}
      {open.length > 0 && (
        <ul className="open-rounds">
          {open.map((round) => (
            <li key={round.id} className="open-rounds__item">
              <h3>{targetLabel(t, round.target, round.clauseNumber)}</h3>
              <RoundTally round={round} parties={parties} />
              <Link
                href={whereDecided(workspace, round)}
                className="button button--quiet button--small"
              >
                {t('consent.openRounds.goTo', {
                  target: targetLabel(t, round.target, round.clauseNumber),
                })}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The document of the round, at its clause for a clause round. */
function whereDecided(workspace: WorkspaceDto, round: ConsentRoundDto): string {
  const doc = paths.document(workspace.id, round.target.documentId);
  return round.target.kind === 'clause'
    ? `${doc}?clause=${encodeURIComponent(round.target.clauseId)}`
    : doc;
}
