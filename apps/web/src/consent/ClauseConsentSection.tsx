import type { ConsentRoundDto, MemberDto, PartyDto } from '@akkoord/domain';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsentPanel } from './ConsentPanel';
import { ReopenDialog } from './ReopenDialog';

/**
 * The side panel's consent section: the round of the clause at the caret, and for the
 * facilitator on a locked clause, "Heropenen" (LOCK-3). Without a clause at the caret it says
 * where to put it.
 */
export function ClauseConsentSection({
  workspaceId,
  documentId,
  clause,
  parties,
  member,
  rounds,
  onChanged,
}: {
  workspaceId: string;
  documentId: string;
  clause: { id: string; number: string; locked: boolean } | null;
  parties: readonly PartyDto[];
  member: MemberDto;
  rounds: readonly ConsentRoundDto[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [reopening, setReopening] = useState<{ id: string; number: string } | null>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);

  if (clause === null) {
    return (
      <section className="consent" aria-labelledby={headingId}>
        <h3 id={headingId} className="consent__heading">
          {t('consent.title')}
        </h3>
        <p className="consent__note">{t('consent.noClause')}</p>
        <div role="status">{announcement !== null && <p>{announcement}</p>}</div>
      </section>
    );
  }
  const label = t('consent.clauseTarget', { number: clause.number });
  return (
    <div className="consent-clause">
      <ConsentPanel
        // A new clause at the caret starts with a fresh form.
        key={clause.id}
        workspaceId={workspaceId}
        target={{ kind: 'clause', documentId, clauseId: clause.id }}
        targetLabel={label}
        parties={parties}
        member={member}
        rounds={rounds}
        locked={clause.locked}
        onChanged={onChanged}
      />
      {clause.locked && <p className="consent__note">{t('consent.lock.help')}</p>}
      {clause.locked && member.role === 'facilitator' && (
        <button
          type="button"
          className="button button--secondary button--small"
          aria-label={`${t('consent.reopen.button')}: ${label}`}
          onClick={() => setReopening({ id: clause.id, number: clause.number })}
        >
          {t('consent.reopen.button')}
        </button>
      )}
      <div role="status">{announcement !== null && <p>{announcement}</p>}</div>
      {reopening !== null && (
        <ReopenDialog
          workspaceId={workspaceId}
          documentId={documentId}
          clauseId={reopening.id}
          number={reopening.number}
          onReopened={() => {
            setAnnouncement(t('consent.reopen.done', { number: reopening.number }));
            setReopening(null);
            onChanged();
          }}
          onClose={() => setReopening(null)}
        />
      )}
    </div>
  );
}
