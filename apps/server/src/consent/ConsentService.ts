import {
  readClauses,
  tally,
  type ConsentRoundDto,
  type ConsentTarget,
  type DecisionDto,
  type DocumentDto,
  type FacilitationStateDto,
  type PositionBody,
  type RoundOutcome,
  type TallyDto,
  votingParties,
} from '@akkoord/domain';
import { newId } from '../accounts/tokens';
import { AppError } from '../errors';
import { publishFacilitation } from '../events/publishFacilitation';
import { requireFacilitator, requireMember } from '../workspaces/memberChecks';
import { type ConsentDeps, nameOf } from './deps';
import type { ProcessGate } from './ProcessGate';
import { RoundHolds } from './RoundHolds';

/** How many closed rounds `GET /facilitation` carries besides the open ones. */
const RECENT_CLOSED = 20;
/** What a process round keeps of the process document's text (the parties agree to all of it). */
const PROCESS_TEXT_MAX = 50_000;

const invalid = (field: string, message: string, summary = 'Some fields are missing or invalid') =>
  new AppError('validation_failed', summary, { fields: { [field]: message } });

/**
 * Consent rounds (CONS-1..4): the facilitator opens a round on a clause or on the process
 * agreements, each party states one position through a negotiator, and consent closes the round
 * as `agreed` at once, with the decision logged; then the clause is locked (LOCK-1) or the
 * process gate opens (GATE-1). Closing without consent is the facilitator's.
 */
export class ConsentService {
  private readonly now: () => number;
  private readonly holds: RoundHolds;

  constructor(
    private readonly d: ConsentDeps,
    private readonly gate: ProcessGate,
  ) {
    this.now = d.now ?? Date.now;
    this.holds = new RoundHolds(d);
  }

  async state(userId: string, workspaceId: string): Promise<FacilitationStateDto> {
    await requireMember(this.d.workspaces, workspaceId, userId);
    const [gate, locks, rounds, current] = await Promise.all([
      this.gate.state(workspaceId),
      this.d.locks.list(workspaceId),
      this.d.store.rounds(workspaceId, RECENT_CLOSED),
      this.d.currentMeeting(workspaceId),
    ]);
    return { gate, locks, rounds, current };
  }

  async rounds(userId: string, workspaceId: string): Promise<ConsentRoundDto[]> {
    await requireMember(this.d.workspaces, workspaceId, userId);
    return this.d.store.rounds(workspaceId);
  }

  async decisions(userId: string, workspaceId: string): Promise<DecisionDto[]> {
    await requireMember(this.d.workspaces, workspaceId, userId);
    return this.d.store.decisions(workspaceId);
  }

  async open(
    userId: string,
    workspaceId: string,
    body: { target: ConsentTarget; meetingId?: string | undefined },
  ): Promise<ConsentRoundDto> {
    await requireFacilitator(this.d.workspaces, workspaceId, userId);
    const { target } = body;
    const doc = await this.targetDocument(workspaceId, target);
    const meetingId = await this.meetingFor(workspaceId, body.meetingId);
    if (target.kind === 'clause' && (await this.d.locks.isLocked(doc.id, target.clauseId)))
      throw new AppError('conflict', 'This clause is locked; reopen it before a new round');
    // A process round holds the whole process document: no clause round on it alongside (CONS-6).
    const overlapping = (await this.d.store.rounds(workspaceId, 0)).some(
      (r) => r.status === 'open' && r.target.documentId === doc.id && r.target.kind !== target.kind,
    );
    if (overlapping)
      throw new AppError(
        'conflict',
        target.kind === 'clause'
          ? 'The process agreements are in a consent round; close it first'
          : 'A clause of the process agreements is in a consent round; close it first',
      );
    const read = await this.readTarget(doc, target);
    const round = {
      id: newId('cr'),
      workspaceId,
      meetingId,
      target,
      clauseNumber: read.clauseNumber,
      text: read.text,
      openedBy: userId,
      at: this.now(),
    };
    if (!(await this.d.store.openRound(round)))
      throw new AppError('conflict', 'A round is already open on this target');
    await this.hold(workspaceId, doc, round.id, target, read);
    publishFacilitation(this.d, workspaceId, ['consent'], meetingId);
    return (await this.d.store.round(workspaceId, round.id))!;
  }

  /**
   * Holds what the round is about (CONS-5) once the round exists (so a second round on it is
   * refused before anything changes), then keeps the text as held: an edit that came between
   * the first reading and the hold is what the parties see, so it is what they consent to. A
   * round whose clause cannot be held is removed, as if never opened.
   */
  private async hold(
    workspaceId: string,
    doc: DocumentDto,
    roundId: string,
    target: ConsentTarget,
    read: { clauseNumber: string | null; text: string },
  ): Promise<void> {
    try {
      await this.holds.hold(workspaceId, doc, roundId, target);
      const held = await this.readTarget(doc, target);
      if (held.text !== read.text || held.clauseNumber !== read.clauseNumber)
        await this.d.store.setRoundText(roundId, held.text, held.clauseNumber);
    } catch (err) {
      await this.d.store
        .discardRound(roundId)
        .catch((e: unknown) => this.d.log.error({ err: e, roundId }, 'discarding a round failed'));
      await this.holds.release(workspaceId, doc, roundId, target);
      if (err instanceof AppError && err.code === 'not_found')
        throw invalid('target.clauseId', 'no such clause in this document', 'Unknown clause');
      throw err;
    }
  }

  /** The round's document, if it still exists, for ending its holds. */
  private async documentOf(round: ConsentRoundDto): Promise<DocumentDto | null> {
    const docs = await this.d.workspaces.documents(round.workspaceId);
    return docs.find((x) => x.id === round.target.documentId) ?? null;
  }

  async position(
    userId: string,
    workspaceId: string,
    roundId: string,
    body: PositionBody,
  ): Promise<{ round: ConsentRoundDto; tally: TallyDto }> {
    const m = await requireMember(this.d.workspaces, workspaceId, userId);
    if (m.role !== 'negotiator' || m.partyId === null)
      throw new AppError('forbidden', 'Only a party’s negotiators state its position');
    const round = await this.existing(workspaceId, roundId);
    const stated = await this.d.store.setPosition({
      roundId: round.id,
      partyId: m.partyId,
      position: body.position,
      reason: body.position === 'agree' ? (body.reason ?? '') : body.reason!,
      userId,
      at: this.now(),
    });
    if (!stated) throw new AppError('conflict', 'This round is closed');
    const parties = votingParties(
      await this.d.workspaces.parties(workspaceId),
      await this.d.workspaces.members(workspaceId),
    ).map((p) => p.id);
    const now = (await this.d.store.round(workspaceId, roundId))!;
    const t = tally(parties, now.positions);
    if (!t.consent) {
      publishFacilitation(this.d, workspaceId, ['consent'], now.meetingId);
      return { round: now, tally: t };
    }
    await this.agreed(now, userId);
    return { round: (await this.d.store.round(workspaceId, roundId))!, tally: t };
  }

  async close(
    userId: string,
    workspaceId: string,
    roundId: string,
    body: { outcome: Exclude<RoundOutcome, 'agreed'>; reason?: string | undefined },
  ): Promise<ConsentRoundDto> {
    await requireFacilitator(this.d.workspaces, workspaceId, userId);
    const round = await this.existing(workspaceId, roundId);
    const closed = await this.d.store.closeRound(
      round.id,
      body.outcome,
      {
        ...this.decisionOf(round, userId, await nameOf(this.d.workspaces, workspaceId, userId)),
        reason: body.reason ?? '',
      },
      false,
    );
    if (!closed) throw new AppError('conflict', 'This round is closed');
    const doc = await this.documentOf(round);
    if (doc) await this.holds.release(workspaceId, doc, round.id, round.target);
    publishFacilitation(this.d, workspaceId, ['consent'], round.meetingId);
    return (await this.d.store.round(workspaceId, roundId))!;
  }

  // -------------------------------------------------------------------------------------------

  /**
   * Consent reached: the round closes `agreed` and its decision is written in one transaction
   * (for a process round the gate opens in it too), then the clause is locked. The decision is
   * written first because it is what happened; if locking then fails the decision stays (the
   * log is never rewritten), the clause stays unlocked, and the caller gets 503 `unavailable`
   * naming the decision: the facilitator can open a new round on the clause, whose consent
   * locks it (409 instead when the clause was deleted meanwhile: there is nothing to lock). A
   * round closed meanwhile by someone else is left as it is.
   */
  private async agreed(round: ConsentRoundDto, userId: string): Promise<void> {
    const { workspaceId, target } = round;
    const name = await nameOf(this.d.workspaces, workspaceId, userId);
    const decision = this.decisionOf(round, userId, name);
    const closed = await this.d.store.closeRound(
      round.id,
      'agreed',
      decision,
      target.kind === 'process',
    );
    if (!closed) return;
    publishFacilitation(this.d, workspaceId, ['consent'], round.meetingId);
    const doc = await this.documentOf(round);
    if (target.kind === 'process') {
      await this.gate.opened(workspaceId, round.meetingId);
      if (doc) await this.holds.lockProcess(workspaceId, doc, round.id, decision.id);
      publishFacilitation(this.d, workspaceId, ['locks'], round.meetingId);
      return;
    }
    try {
      if (!doc) throw new Error(`document ${target.documentId} is gone`);
      await this.d.locks.lock({
        workspaceId,
        documentId: doc.id,
        room: doc.room,
        clauseId: target.clauseId,
        decisionId: decision.id,
      });
    } catch (err) {
      if (doc) await this.holds.release(workspaceId, doc, round.id, target);
      const details = { roundId: round.id, decisionId: decision.id };
      // Deleted while the round was open: nothing to lock, and retrying cannot help.
      if (!doc || (err instanceof AppError && err.code === 'not_found'))
        throw new AppError(
          'conflict',
          'Every party consented and the decision is recorded, but the clause is no longer in the document',
          details,
        );
      this.d.log.error({ err, ...details }, 'clause lock failed');
      throw new AppError(
        'unavailable',
        'Every party consented and the decision is recorded, but the clause could not be locked; open a new round on it to lock it',
        details,
      );
    }
    publishFacilitation(this.d, workspaceId, ['locks'], round.meetingId);
  }

  private decisionOf(round: ConsentRoundDto, userId: string, name: string) {
    return {
      id: newId('dc'),
      workspaceId: round.workspaceId,
      meetingId: round.meetingId,
      roundId: round.id,
      target: round.target,
      clauseNumber: round.clauseNumber,
      reason: '',
      actorId: userId,
      actor: { userId, name },
      at: this.now(),
    };
  }

  private async existing(workspaceId: string, roundId: string): Promise<ConsentRoundDto> {
    const round = await this.d.store.round(workspaceId, roundId);
    if (!round) throw new AppError('not_found', 'Round not found');
    if (round.status !== 'open') throw new AppError('conflict', 'This round is closed');
    return round;
  }

  /** An agreement or process document of this workspace; a process round is on the process one. */
  private async targetDocument(workspaceId: string, target: ConsentTarget): Promise<DocumentDto> {
    const doc = (await this.d.workspaces.documents(workspaceId)).find(
      (x) => x.id === target.documentId,
    );
    if (!doc || doc.kind === 'party-notes')
      throw invalid(
        'target.documentId',
        'no such agreement or process document',
        'Unknown document',
      );
    if (target.kind === 'process' && doc.kind !== 'process')
      throw invalid('target.documentId', 'a process round is about the process document');
    return doc;
  }

  /** The meeting given (it must be one of this workspace), else the running one, else none. */
  private async meetingFor(workspaceId: string, meetingId?: string): Promise<string | null> {
    if (meetingId === undefined) return (await this.d.currentMeeting(workspaceId))?.id ?? null;
    if (!(await this.d.store.isMeetingOf(workspaceId, meetingId)))
      throw invalid('meetingId', 'no such meeting in this negotiation', 'Unknown meeting');
    return meetingId;
  }

  /** What the parties agree to, as it reads now: the clause, or the whole process document. */
  private async readTarget(doc: DocumentDto, target: ConsentTarget) {
    const clauses = await this.d.documents.read(doc.room, (ydoc) => readClauses(ydoc));
    if (target.kind === 'process') {
      const all = clauses.map((c) => `${c.number} ${c.text}`).join('\n\n');
      return { clauseNumber: null, text: Array.from(all).slice(0, PROCESS_TEXT_MAX).join('') };
    }
    const clause = clauses.find((c) => c.id === target.clauseId);
    if (!clause)
      throw invalid('target.clauseId', 'no such clause in this document', 'Unknown clause');
    return { clauseNumber: clause.number, text: clause.text };
  }
}
