import {
  notificationPath,
  type MemberDto,
  type WaitingOnParty,
  type WorkspaceDto,
} from '@akkoord/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './apiClient';
import { Link } from './Link';
import { partyOf } from './membership';
import { PartySwatchDot } from './PartySwatchDot';
import { useLoader } from './useLoader';
import { useThreadEvents } from './useWorkspaceEvents';
import { waitingPartiesToShow } from './visitChanges';

/**
 * "Waiting on you": per party (the viewer's first) the clauses with an empty counterpart
 * commitment and the discussions that mention them or await their answer, each a link into the
 * document.
 */
export function WaitingOnSection({
  workspace,
  member,
}: {
  workspace: WorkspaceDto;
  member: MemberDto;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const waiting = useLoader(`waiting-on:${workspace.id}`, () => api.waitingOn(workspace.id));
  // Live: a new discussion or answer changes who is waited on (commitments change in the
  // document and show on the next visit).
  useThreadEvents(workspace.id, waiting.reload);
  const mine = member.partyId !== null;

  let body;
  if (waiting.status === 'loading') body = <p className="loading">{t('loading.text')}</p>;
  else if (waiting.status === 'failed') {
    body = (
      <p className="notice notice--error">
        {t('waiting.failed')}{' '}
        <button type="button" className="button button--small" onClick={waiting.reload}>
          {t('visit.retry')}
        </button>
      </p>
    );
  } else {
    const parties = waitingPartiesToShow(waiting.data);
    const myPartyListed = parties.some((p) => p.partyId === waiting.data.viewerPartyId);
    body = (
      <>
        {mine && !myPartyListed && <p className="section__intro">{t('waiting.nothing')}</p>}
        {!mine && parties.length === 0 && (
          <p className="section__intro">{t('waiting.nothingAll')}</p>
        )}
        {parties.map((p) => (
          <WaitingParty
            key={p.partyId}
            workspace={workspace}
            waiting={p}
            isMine={p.partyId === waiting.data.viewerPartyId}
          />
        ))}
      </>
    );
  }

  return (
    <section className="section waiting-on" aria-labelledby={headingId}>
      <h2 id={headingId}>{mine ? t('waiting.heading') : t('waiting.headingAll')}</h2>
      {body}
    </section>
  );
}

function WaitingParty({
  workspace,
  waiting,
  isMine,
}: {
  workspace: WorkspaceDto;
  waiting: WaitingOnParty;
  isMine: boolean;
}) {
  const { t } = useTranslation();
  const party = partyOf(workspace, waiting.partyId);
  const name = party?.name ?? waiting.partyId;
  const docTitle = (id: string) => workspace.documents.find((d) => d.id === id)?.title ?? '';
  return (
    <div className="waiting-party">
      <h3 className="waiting-party__name">
        {party !== null && <PartySwatchDot color={party.color} />}
        {isMine ? t('waiting.yourParty', { party: name }) : name}
      </h3>
      {waiting.clauses.length > 0 && (
        <>
          <h4 className="waiting-party__sub">{t('waiting.clausesHeading')}</h4>
          <ul className="waiting-list">
            {waiting.clauses.map((c) => (
              <li key={`${c.documentId}:${c.clauseId}`}>
                <Link
                  href={notificationPath({
                    workspaceId: workspace.id,
                    documentId: c.documentId,
                    clauseId: c.clauseId,
                  })}
                >
                  {t('waiting.clause', { number: c.number, document: docTitle(c.documentId) })}
                </Link>
                <span className="waiting-list__reason"> – {t(`waiting.reason.${c.reason}`)}</span>
                {c.excerpt !== '' && <span className="waiting-list__excerpt">{c.excerpt}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {waiting.threads.length > 0 && (
        <>
          <h4 className="waiting-party__sub">{t('waiting.threadsHeading')}</h4>
          <ul className="waiting-list">
            {waiting.threads.map((th) => (
              <li key={th.threadId}>
                <Link
                  href={notificationPath({
                    workspaceId: workspace.id,
                    documentId: th.documentId,
                    threadId: th.threadId,
                  })}
                >
                  {th.number === null
                    ? t('waiting.threadNoClause', { document: docTitle(th.documentId) })
                    : t('waiting.thread', {
                        number: th.number,
                        document: docTitle(th.documentId),
                      })}
                </Link>
                <span className="waiting-list__reason"> – {t(`waiting.reason.${th.reason}`)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
