import type { SpeakingEntryDto, SpeakingQueueDto } from '@akkoord/domain';
import { newId } from '../accounts/tokens';
import { AppError } from '../errors';
import type { EventHub } from '../events/EventHub';
import { publishFacilitation } from '../events/publishFacilitation';
import type { Logger } from '../logger';
import { requireFacilitator, requireMember, requireParticipant } from '../workspaces/memberChecks';
import type { WorkspaceStore } from '../workspaces/WorkspaceStore';
import { speakingBalance } from './balance';
import type { MeetingRecord, MeetingStore } from './MeetingStore';
import type { SpeakingRecord, SpeakingStore } from './SpeakingStore';

export interface SpeakingQueueServiceDeps {
  store: SpeakingStore;
  meetings: Pick<MeetingStore, 'meeting'>;
  workspaces: Pick<WorkspaceStore, 'membership' | 'parties'>;
  hub: EventHub;
  log: Logger;
  now?: () => number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toEntryDto(e: SpeakingRecord): SpeakingEntryDto {
  return {
    id: e.id,
    userId: e.userId,
    name: e.name,
    partyId: e.partyId,
    status: e.status,
    raisedAt: iso(e.raisedAt)!,
    startedAt: iso(e.startedAt),
    endedAt: iso(e.endedAt),
  };
}

/**
 * The speaking queue of a meeting (MEET-5): members who are not observers raise and lower their
 * own hand; the facilitator gives the floor, one speaker at a time. The balance per party is
 * worked out per answer from the turns, so it can never drift from them.
 */
export class SpeakingQueueService {
  private readonly now: () => number;

  constructor(private readonly d: SpeakingQueueServiceDeps) {
    this.now = d.now ?? Date.now;
  }

  async queue(userId: string, workspaceId: string, meetingId: string): Promise<SpeakingQueueDto> {
    await requireMember(this.d.workspaces, workspaceId, userId);
    await this.meeting(workspaceId, meetingId);
    return this.snapshot(workspaceId, meetingId);
  }

  async raise(userId: string, workspaceId: string, meetingId: string): Promise<SpeakingEntryDto> {
    const me = await requireParticipant(this.d.workspaces, workspaceId, userId);
    await this.running(workspaceId, meetingId);
    const id = newId('sq');
    const raised = await this.d.store.raise({
      id,
      meetingId,
      userId,
      partyId: me.partyId,
      raisedAt: this.now(),
    });
    if (!raised) throw new AppError('conflict', 'Your hand is already raised');
    publishFacilitation(this.d, workspaceId, ['queue'], meetingId);
    return toEntryDto((await this.d.store.entries(meetingId)).find((e) => e.id === id)!);
  }

  /** Lowering a hand that is not up changes nothing (and says so with the same 204). */
  async lower(userId: string, workspaceId: string, meetingId: string): Promise<void> {
    await requireParticipant(this.d.workspaces, workspaceId, userId);
    await this.meeting(workspaceId, meetingId);
    if (await this.d.store.lower(meetingId, userId, this.now()))
      publishFacilitation(this.d, workspaceId, ['queue'], meetingId);
  }

  /** Ends the current turn and gives the floor to `entryId` (default: the first waiting hand). */
  async next(
    userId: string,
    workspaceId: string,
    meetingId: string,
    entryId: string | undefined,
  ): Promise<SpeakingQueueDto> {
    await requireFacilitator(this.d.workspaces, workspaceId, userId);
    await this.running(workspaceId, meetingId);
    const outcome = await this.d.store.giveFloor(meetingId, entryId ?? null, this.now());
    if (outcome === 'not-waiting') {
      throw new AppError('validation_failed', 'Some fields are missing or invalid', {
        fields: { entryId: 'not a waiting hand in this meeting' },
      });
    }
    publishFacilitation(this.d, workspaceId, ['queue'], meetingId);
    return this.snapshot(workspaceId, meetingId);
  }

  async done(userId: string, workspaceId: string, meetingId: string): Promise<SpeakingQueueDto> {
    await requireFacilitator(this.d.workspaces, workspaceId, userId);
    await this.running(workspaceId, meetingId);
    await this.d.store.endTurn(meetingId, this.now());
    publishFacilitation(this.d, workspaceId, ['queue'], meetingId);
    return this.snapshot(workspaceId, meetingId);
  }

  // -------------------------------------------------------------------------------------------

  private async meeting(workspaceId: string, meetingId: string): Promise<MeetingRecord> {
    const m = await this.d.meetings.meeting(workspaceId, meetingId);
    if (!m) throw new AppError('not_found', 'Meeting not found');
    return m;
  }

  private async running(workspaceId: string, meetingId: string): Promise<MeetingRecord> {
    const m = await this.meeting(workspaceId, meetingId);
    if (m.status !== 'running') throw new AppError('conflict', 'This meeting is not running');
    return m;
  }

  private async snapshot(workspaceId: string, meetingId: string): Promise<SpeakingQueueDto> {
    const [entries, parties] = await Promise.all([
      this.d.store.entries(meetingId),
      this.d.workspaces.parties(workspaceId),
    ]);
    return {
      entries: entries.map(toEntryDto),
      balance: speakingBalance(
        entries,
        parties.map((p) => p.id),
        this.now(),
      ),
    };
  }
}
