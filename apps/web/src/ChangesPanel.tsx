import type {
  ChangesResponse,
  ClauseChange,
  ClauseStatus,
  PartyDto,
  TextRun,
} from '@akkoord/domain';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from './apiClient';
import { useFormatDate } from './formatDate';
import { Link } from './Link';
import { paths } from './router';
import { useLoader } from './useLoader';
import { changedAspects, summarizeVisit, type VisitSummary } from './visitChanges';

interface ChangesPanelProps {
  workspaceId: string;
  documentId: string;
  parties: readonly PartyDto[];
}

/**
 * "Since your last visit": what changed in the clauses since this person last marked the document
 * as seen. A first visit says nothing is new and marks the document as seen right away: the
 * server only compares with a state someone marked, so without this the next visit would again
 * be a "first visit" and show nothing.
 */
export function ChangesPanel({ workspaceId, documentId, parties }: ChangesPanelProps) {
  const { t } = useTranslation();
  const changes = useLoader(`changes:${workspaceId}:${documentId}`, () =>
    api.documentChanges(workspaceId, documentId),
  );
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const autoMarked = useRef(false);

  const firstVisitVersion =
    changes.status === 'ready' && changes.data.baseline === 'first-visit'
      ? changes.data.version
      : null;
  useEffect(() => {
    if (firstVisitVersion === null || autoMarked.current) return;
    autoMarked.current = true;
    // A 409 here means someone edited in the same second: the next visit still has a baseline
    // soon enough, so failures are ignored.
    api.markDocumentSeen(workspaceId, documentId, firstVisitVersion).catch(() => undefined);
  }, [firstVisitVersion, workspaceId, documentId]);

  if (changes.status === 'loading') return null;
  if (changes.status === 'failed') {
    return (
      <section className="visit-panel" aria-label={t('visit.heading')}>
        <p className="visit-panel__failed">
          {t('visit.failed')}{' '}
          <button type="button" className="button button--small" onClick={changes.reload}>
            {t('visit.retry')}
          </button>
        </p>
      </section>
    );
  }

  const markSeen = async (version: string): Promise<void> => {
    try {
      await api.markDocumentSeen(workspaceId, documentId, version);
      setMessage({ text: t('visit.markedSeen'), error: false });
      changes.reload();
    } catch (error) {
      if (isApiError(error, 'conflict')) {
        changes.reload();
        setMessage({ text: t('visit.conflict'), error: true });
      } else {
        setMessage({ text: t('inbox.failed'), error: true });
      }
    }
  };

  return (
    <VisitView
      response={changes.data}
      workspaceId={workspaceId}
      documentId={documentId}
      parties={parties}
      message={message}
      onMarkSeen={markSeen}
    />
  );
}

interface VisitViewProps {
  response: ChangesResponse;
  workspaceId: string;
  documentId: string;
  parties: readonly PartyDto[];
  message: { text: string; error: boolean } | null;
  onMarkSeen: (version: string) => Promise<void>;
}

function VisitView({
  response,
  workspaceId,
  documentId,
  parties,
  message,
  onMarkSeen,
}: VisitViewProps) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const headingId = useId();
  const listId = useId();
  const summary = summarizeVisit(response);
  const [open, setOpen] = useState(true);
  const [busy, setBusy] = useState(false);
  const date = (since: string | null) => (since === null ? '' : formatDate(Date.parse(since)));

  const canMark = summary.kind === 'changes' || summary.kind === 'unavailable';
  const mark = async (): Promise<void> => {
    setBusy(true);
    await onMarkSeen(response.version);
    setBusy(false);
  };

  return (
    <section className="visit-panel" aria-labelledby={headingId}>
      <div className="visit-panel__head">
        <h2 id={headingId} className="visit-panel__heading">
          {t('visit.heading')}
        </h2>
        {summary.kind === 'changes' && response.changes.length > 0 && (
          <button
            type="button"
            className="button button--quiet button--small"
            aria-expanded={open}
            aria-controls={listId}
            onClick={() => setOpen(!open)}
          >
            {open ? t('visit.hide') : t('visit.show')}
          </button>
        )}
      </div>
      <SummaryLine summary={summary} response={response} date={date} />
      {summary.kind === 'changes' && response.changes.length > 0 && (
        <ol id={listId} className="visit-changes" aria-label={t('visit.listLabel')} hidden={!open}>
          {response.changes.map((change, i) => (
            <ChangeItem
              key={`${change.clauseId}:${i}`}
              change={change}
              parties={parties}
              href={`${paths.document(workspaceId, documentId)}?clause=${encodeURIComponent(change.clauseId)}`}
            />
          ))}
        </ol>
      )}
      {canMark && (
        <p className="visit-panel__actions">
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={busy}
            onClick={() => void mark()}
          >
            {busy ? t('visit.marking') : t('visit.markSeen')}
          </button>
        </p>
      )}
      <div role="status" className="page-status">
        {message !== null && (
          <p className={`notice ${message.error ? 'notice--error' : 'notice--success'}`}>
            {message.text}
          </p>
        )}
      </div>
    </section>
  );
}

function SummaryLine({
  summary,
  response,
  date,
}: {
  summary: VisitSummary;
  response: ChangesResponse;
  date: (since: string | null) => string;
}) {
  const { t } = useTranslation();
  switch (summary.kind) {
    case 'first-visit':
      return <p className="visit-panel__summary">{t('visit.firstVisit')}</p>;
    case 'nothing-new':
      return (
        <p className="visit-panel__summary">
          {t('visit.nothingNew', { date: date(summary.since) })}
        </p>
      );
    case 'unavailable':
      return (
        <p className="visit-panel__summary">
          {t('visit.unavailable', { date: date(summary.since) })}
        </p>
      );
    case 'changes': {
      const { counts } = summary;
      const parts = [
        counts.added > 0 && t('visit.added', { count: counts.added }),
        counts.changed > 0 && t('visit.changed', { count: counts.changed }),
        counts.removed > 0 && t('visit.removed', { count: counts.removed }),
        counts.status > 0 && t('visit.statusChanged', { count: counts.status }),
        response.threads !== null &&
          response.threads.opened > 0 &&
          t('visit.threadsOpened', { count: response.threads.opened }),
        response.threads !== null &&
          response.threads.resolved > 0 &&
          t('visit.threadsResolved', { count: response.threads.resolved }),
      ].filter((part): part is string => typeof part === 'string');
      return (
        <p className="visit-panel__summary">
          {summary.since !== null && <>{t('visit.since', { date: date(summary.since) })} </>}
          {parts.join(', ')}
        </p>
      );
    }
  }
}

function ChangeItem({
  change,
  parties,
  href,
}: {
  change: ClauseChange;
  parties: readonly PartyDto[];
  href: string;
}) {
  const { t } = useTranslation();
  const number = change.number === '' ? t('clauses.noNumber') : change.number;
  const partyName = (id: string | null) =>
    id === null ? t('visit.nobody') : (parties.find((p) => p.id === id)?.name ?? id);
  const statusName = (s: ClauseStatus) => t(`clauses.statuses.${s}`);
  const kindText =
    change.kind === 'added'
      ? t('visit.kindAdded', { number })
      : change.kind === 'removed'
        ? t('visit.kindRemoved', { number })
        : t('visit.kindChanged', { number });

  return (
    <li className={`visit-change visit-change--${change.kind}`}>
      <p className="visit-change__title">
        {change.kind === 'removed' ? kindText : <Link href={href}>{kindText}</Link>}
      </p>
      {change.kind === 'added' && (
        <p className="visit-change__text">
          <DiffRuns runs={[{ op: 'ins', text: change.clause.text }]} />
        </p>
      )}
      {change.kind === 'removed' && (
        <p className="visit-change__text">
          <DiffRuns runs={[{ op: 'del', text: change.clause.text }]} />
        </p>
      )}
      {change.kind === 'changed' && (
        <>
          {change.text !== null && (
            <p className="visit-change__text">
              <DiffRuns runs={change.text} />
            </p>
          )}
          <ul className="visit-change__aspects">
            {changedAspects(change).map((aspect) => {
              if (aspect === 'text') return null;
              if (aspect === 'status' && change.status !== null) {
                return (
                  <li key={aspect}>
                    {t('visit.status', {
                      from: statusName(change.status.from),
                      to: statusName(change.status.to),
                    })}
                  </li>
                );
              }
              if (aspect === 'owner' && change.owner !== null) {
                return (
                  <li key={aspect}>
                    {t('visit.owner', {
                      from: partyName(change.owner.from),
                      to: partyName(change.owner.to),
                    })}
                  </li>
                );
              }
              if (aspect === 'theme') return <li key={aspect}>{t('visit.theme')}</li>;
              if (aspect === 'counterparts') {
                return (
                  <li key={aspect}>
                    {t('visit.counterparts', { count: change.counterparts.length })}
                  </li>
                );
              }
              return null;
            })}
          </ul>
        </>
      )}
    </li>
  );
}

/**
 * Word diff runs: insertions in <ins>, deletions in <del>. Screen readers mostly do not announce
 * those elements, so visually hidden words say where an addition or removal starts and ends.
 */
export function DiffRuns({ runs }: { runs: readonly TextRun[] }) {
  const { t } = useTranslation();
  return (
    <>
      {runs.map((run, i) => {
        if (run.op === 'same') return <span key={i}>{run.text}</span>;
        if (run.op === 'ins') {
          return (
            <ins key={i} className="diff-ins">
              <span className="sr-only">[{t('visit.inserted')} </span>
              {run.text}
              <span className="sr-only"> {t('visit.endInserted')}]</span>
            </ins>
          );
        }
        return (
          <del key={i} className="diff-del">
            <span className="sr-only">[{t('visit.deleted')} </span>
            {run.text}
            <span className="sr-only"> {t('visit.endDeleted')}]</span>
          </del>
        );
      })}
    </>
  );
}
