import type { ProcessGateDto } from '@akkoord/domain';
import { newId } from '../accounts/tokens';
import { AppError } from '../errors';
import { publishFacilitation } from '../events/publishFacilitation';
import { requireFacilitator, requireMember } from '../workspaces/memberChecks';
import { type ConsentDeps, nameOf } from './deps';

/**
 * The process-first gate (GATE-1, GATE-2): in a workspace with `processFirst`, negotiators only
 * read the agreement until every party consented to the process agreements (a `process` round,
 * see ConsentService) or the facilitator overrode it with a recorded reason. Once open it stays
 * open: the decision that opened it is the first one, and the log is never rewritten.
 */
export class ProcessGate {
  private readonly now: () => number;

  constructor(private readonly d: ConsentDeps) {
    this.now = d.now ?? Date.now;
  }

  async get(userId: string, workspaceId: string): Promise<ProcessGateDto> {
    await requireMember(this.d.workspaces, workspaceId, userId);
    return this.state(workspaceId);
  }

  async state(workspaceId: string): Promise<ProcessGateDto> {
    const [ws, gate] = await Promise.all([
      this.d.workspaces.workspace(workspaceId),
      this.d.store.gate(workspaceId),
    ]);
    return {
      open: gate !== null,
      processFirst: ws?.processFirst ?? false,
      decisionId: gate?.decisionId ?? null,
      via: gate?.via ?? null,
      at: gate ? new Date(gate.at).toISOString() : null,
    };
  }

  /** Whether negotiators' writes to the agreement are refused now (asked per socket). */
  async closedFor(workspaceId: string): Promise<boolean> {
    const ws = await this.d.workspaces.workspace(workspaceId);
    return ws?.processFirst === true && (await this.d.store.gate(workspaceId)) === null;
  }

  async override(userId: string, workspaceId: string, reason: string): Promise<ProcessGateDto> {
    await requireFacilitator(this.d.workspaces, workspaceId, userId);
    const processDoc = (await this.d.workspaces.documents(workspaceId)).find(
      (doc) => doc.kind === 'process',
    );
    if (!processDoc) throw new AppError('conflict', 'This negotiation has no process document');
    const meetingId = (await this.d.currentMeeting(workspaceId))?.id ?? null;
    const written = await this.d.store.addDecision(
      {
        id: newId('dc'),
        workspaceId,
        meetingId,
        kind: 'gate-override',
        roundId: null,
        target: { kind: 'process', documentId: processDoc.id },
        clauseNumber: null,
        outcome: 'opened',
        reason,
        positions: [],
        actorId: userId,
        actor: { userId, name: await nameOf(this.d.workspaces, workspaceId, userId) },
        at: this.now(),
      },
      true,
    );
    if (!written) throw new AppError('conflict', 'The process gate is already open');
    await this.opened(workspaceId, meetingId);
    return this.state(workspaceId);
  }

  /**
   * After the gate opened: every member's open sockets are re-checked, as after a role change,
   * so negotiators' agreement connections become writable within a second (GATE-2).
   */
  async opened(workspaceId: string, meetingId: string | null): Promise<void> {
    for (const m of await this.d.workspaces.members(workspaceId))
      this.d.recheckSockets(workspaceId, m.userId);
    publishFacilitation(this.d, workspaceId, ['gate', 'consent'], meetingId);
  }
}
