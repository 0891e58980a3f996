import {
  Position,
  PositionBody,
  tally,
  type ConsentRoundDto,
  type ConsentTarget,
  type MemberDto,
  type PartyDto,
} from '@akkoord/domain';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../apiClient';
import { ErrorNotice } from '../ErrorNotice';
import { PartySwatchDot } from '../PartySwatchDot';
import { consentApi } from './consentApi';
import { ReasonField } from './ReasonField';
import { latestPositions, roundsOf } from './rounds';

export interface ConsentPanelProps {
  workspaceId: string;
  target: ConsentTarget;
  /** "Afspraak B-03" or "Procesafspraken": what the round is about, in words. */
  targetLabel: string;
  parties: readonly PartyDto[];
  member: MemberDto;
  /** Every round of the workspace (from `GET /facilitation`); this panel picks its target's. */
  rounds: readonly ConsentRoundDto[];
  /** The clause is locked: no new round until the facilitator reopens it (CONS-1). */
  locked?: boolean;
  /** Something changed on the server: reload the facilitation state. */
  onChanged: () => void;
  /** The heading level of the panel's title (2 on a page, 3 in the side panel). */
  level?: 2 | 3;
}

/**
 * One target's consent round (issue #6, CONS-1..3): the facilitator opens and closes it, each
 * negotiator states their own party's position, everyone sees the tally per party with the
 * reasons. Observers see the tally only. The server decides; this shows what it says and
 * reloads on every change (the facilitation events reach everyone else).
 */
export function ConsentPanel({
  workspaceId,
  target,
  targetLabel,
  parties,
  member,
  rounds,
  locked = false,
  onChanged,
  level = 3,
}: ConsentPanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const { open, last } = roundsOf(rounds, target);
  const facilitator = member.role === 'facilitator';
  const Heading = level === 2 ? 'h2' : 'h3';

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    try {
      setAnnouncement(await work());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
      // Also after a refusal: a 409 means the round changed meanwhile.
      onChanged();
    }
  };

  return (
    <section className="consent" aria-labelledby={headingId} data-consent-target={target.kind}>
      <Heading id={headingId} className="consent__heading">
        {open !== null
          ? t('consent.running', { target: targetLabel })
          : t('consent.titleFor', { target: targetLabel })}
      </Heading>
      <div role="status" className="consent__status">
        {announcement !== null && <p className="notice notice--success">{announcement}</p>}
      </div>
      {error !== null && <ErrorNotice error={error} texts={{ conflict: t('consent.conflict') }} />}
      {open === null && (
        <>
          {locked ? (
            <p className="consent__agreed" data-outcome="agreed">
              <span className="lock-icon" aria-hidden="true" />
              {t('consent.lock.badge')}
            </p>
          ) : last !== null ? (
            <p className="consent__last" data-outcome={last.outcome ?? undefined}>
              {t('consent.lastRound', {
                outcome: t(`consent.outcomes.${last.outcome ?? 'cancelled'}`),
              })}
            </p>
          ) : (
            <p>{t('consent.noRound', { target: targetLabel })}</p>
          )}
          {facilitator && !locked && (
            <button
              type="button"
              className="button button--primary button--small"
              disabled={busy}
              onClick={() =>
                void act(async () => {
                  await consentApi.open(workspaceId, target);
                  return t('consent.opened', { target: targetLabel });
                })
              }
            >
              {t('consent.open')}
            </button>
          )}
        </>
      )}
      {open !== null && (
        <>
          <RoundTally round={open} parties={parties} />
          {member.role === 'negotiator' &&
            member.partyId !== null &&
            parties.some((p) => p.id === member.partyId) && (
              <PositionForm
                key={open.id}
                workspaceId={workspaceId}
                round={open}
                party={parties.find((p) => p.id === member.partyId)!}
                onDone={(text) => {
                  setAnnouncement(text);
                  setError(null);
                  onChanged();
                }}
                onError={(caught) => {
                  setError(caught);
                  if (isApiError(caught, 'conflict')) onChanged();
                }}
              />
            )}
          {member.role === 'observer' && <p className="consent__note">{t('consent.observer')}</p>}
          {facilitator && (
            <div className="button-row consent__actions">
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={busy}
                onClick={() =>
                  void act(async () => {
                    await consentApi.close(workspaceId, open.id, 'not-agreed');
                    return t('consent.closed', { outcome: t('consent.outcomes.not-agreed') });
                  })
                }
              >
                {t('consent.closeNotAgreed')}
              </button>
              <button
                type="button"
                className="button button--quiet button--small"
                disabled={busy}
                onClick={() =>
                  void act(async () => {
                    await consentApi.close(workspaceId, open.id, 'cancelled');
                    return t('consent.closed', { outcome: t('consent.outcomes.cancelled') });
                  })
                }
              >
                {t('consent.cancel')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** Every party once, in the workspace's order, with its colour, position and reason. */
export function RoundTally({
  round,
  parties,
}: {
  round: ConsentRoundDto;
  parties: readonly PartyDto[];
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const partyIds = parties.map((p) => p.id);
  const result = tally(partyIds, round.positions);
  const latest = latestPositions(round.positions);
  const stated = partyIds.length - result.missing.length;
  return (
    <div className="consent-tally" role="region" aria-labelledby={headingId}>
      <h4 id={headingId} className="consent-tally__heading">
        {t('consent.tally')}
      </h4>
      <p className="consent-tally__count">
        {t('consent.tallyCount', { stated, total: partyIds.length })}
      </p>
      <ul className="consent-tally__list">
        {parties.map((party) => {
          const p = latest.get(party.id);
          return (
            <li
              key={party.id}
              className="consent-tally__party"
              data-party={party.id}
              data-position={p?.position ?? 'missing'}
              style={{ borderLeftColor: party.color }}
            >
              <PartySwatchDot color={party.color} />{' '}
              <span className="consent-tally__name">
                {t('consent.partyPosition', {
                  party: party.name,
                  position: p ? t(`consent.positions.${p.position}`) : t('consent.missing'),
                })}
              </span>
              {p !== undefined && p.reason !== '' && (
                <span className="consent-tally__reason">{p.reason}</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** A negotiator's position for their own party: radio group, reason, submit (CONS-2). */
function PositionForm({
  workspaceId,
  round,
  party,
  onDone,
  onError,
}: {
  workspaceId: string;
  round: ConsentRoundDto;
  party: PartyDto;
  onDone: (announcement: string) => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const name = useId();
  const current = latestPositions(round.positions).get(party.id);
  const [position, setPosition] = useState<Position>(current?.position ?? 'agree');
  const [reason, setReason] = useState(current?.reason ?? '');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The server's own rule (a reservation or an objection needs a reason), checked here first.
    const body = { position, ...(reason.trim() === '' ? {} : { reason }) };
    if (!PositionBody.safeParse(body).success) {
      setProblem(t('consent.reasonRequired'));
      reasonRef.current?.focus();
      return;
    }
    setProblem(undefined);
    setBusy(true);
    try {
      await consentApi.position(workspaceId, round.id, body);
      onDone(t('consent.submitted', { party: party.name }));
    } catch (caught) {
      onError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="consent-form" noValidate onSubmit={(e) => void submit(e)}>
      <fieldset className="consent-form__positions">
        <legend>{t('consent.positionLegend', { party: party.name })}</legend>
        {Position.options.map((value) => (
          <label key={value} className="consent-form__choice">
            <input
              type="radio"
              name={name}
              value={value}
              checked={position === value}
              onChange={() => setPosition(value)}
            />{' '}
            {t(`consent.positions.${value}`)}
          </label>
        ))}
      </fieldset>
      <ReasonField
        ref={reasonRef}
        label={t('consent.reason')}
        hint={t('consent.reasonHint')}
        error={problem}
        value={reason}
        maxLength={2000}
        required={position !== 'agree'}
        onChange={(e) => setReason(e.target.value)}
      />
      <button type="submit" className="button button--primary button--small" disabled={busy}>
        {t('consent.submit')}
      </button>
    </form>
  );
}
