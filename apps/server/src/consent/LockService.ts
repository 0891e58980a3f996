import { readClauses, type ClauseLockDto, type DecisionDto } from '@akkoord/domain';
import { newId } from '../accounts/tokens';
import { AppError } from '../errors';
import { publishFacilitation } from '../events/publishFacilitation';
import { requireFacilitator, requireMember } from '../workspaces/memberChecks';
import { type ConsentDeps, nameOf } from './deps';

/** Clause locks as members see them, and reopening a locked clause (LOCK-3, CONS-4). */
export class LockService {
  private readonly now: () => number;

  constructor(private readonly d: ConsentDeps) {
    this.now = d.now ?? Date.now;
  }

  async list(userId: string, workspaceId: string): Promise<ClauseLockDto[]> {
    await requireMember(this.d.workspaces, workspaceId, userId);
    return this.d.locks.list(workspaceId);
  }

  /**
   * Unlocks first, then logs: if unlocking fails nothing is recorded and the clause stays as it
   * was, so the log never names a reopening that did not happen.
   */
  async reopen(
    userId: string,
    workspaceId: string,
    documentId: string,
    clauseId: string,
    reason: string,
  ): Promise<DecisionDto> {
    await requireFacilitator(this.d.workspaces, workspaceId, userId);
    const doc = (await this.d.workspaces.documents(workspaceId)).find(
      (x) => x.id === documentId && x.kind !== 'party-notes',
    );
    if (!doc) throw new AppError('not_found', 'Document not found');
    if (!(await this.d.locks.isLocked(doc.id, clauseId)))
      throw new AppError('conflict', 'This clause is not locked');
    const clauseNumber = await this.d.documents.read(
      doc.room,
      (ydoc) => readClauses(ydoc).find((c) => c.id === clauseId)?.number ?? null,
    );
    const meetingId = (await this.d.currentMeeting(workspaceId))?.id ?? null;
    const id = newId('dc');
    await this.d.locks.unlock({
      workspaceId,
      documentId,
      room: doc.room,
      clauseId,
      decisionId: id,
    });
    await this.d.store.addDecision(
      {
        id,
        workspaceId,
        meetingId,
        kind: 'reopen',
        roundId: null,
        target: { kind: 'clause', documentId, clauseId },
        clauseNumber,
        outcome: 'reopened',
        reason,
        positions: [],
        actorId: userId,
        actor: { userId, name: await nameOf(this.d.workspaces, workspaceId, userId) },
        at: this.now(),
      },
      false,
    );
    publishFacilitation(this.d, workspaceId, ['locks', 'consent'], meetingId);
    return (await this.d.store.decisions(workspaceId)).find((x) => x.id === id)!;
  }
}
