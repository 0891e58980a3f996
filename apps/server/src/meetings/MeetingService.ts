import {
  readClauses,
  type AgendaItemInput,
  type Clause,
  type CreateMeetingBody,
  type DocumentDto,
  type FocusBody,
  type MeetingDto,
  type MinutesDto,
  type UpdateMeetingBody,
} from '@akkoord/domain';
import { newId } from '../accounts/tokens';
import { AppError } from '../errors';
import type { EventHub } from '../events/EventHub';
import { publishFacilitation } from '../events/publishFacilitation';
import type { DocumentReader } from '../http/routes/exportRoutes';
import type { Logger } from '../logger';
import { decodeSnapshot, encodeSnapshot } from '../visits/snapshot';
import { requireFacilitator, requireMember } from '../workspaces/memberChecks';
import type { WorkspaceStore } from '../workspaces/WorkspaceStore';
import { agendaRecords } from './agenda';
import { toMeetingDto } from './meetingDto';
import type { AgendaItemRecord, MeetingRecord, MeetingStore } from './MeetingStore';

/** Writes the minutes draft of a meeting that just ended (the minutes module). */
export interface MinutesDrafter {
  draftFor(workspaceId: string, meetingId: string): Promise<MinutesDto>;
}

export interface MeetingServiceDeps {
  store: MeetingStore;
  workspaces: Pick<WorkspaceStore, 'membership' | 'documents'>;
  /** The agreement's clauses at start; focus clauses. */
  documents: DocumentReader;
  hub: EventHub;
  minutes: MinutesDrafter;
  log: Logger;
  /** Server time (MEET-2); tests step it instead of sleeping. */
  now?: () => number;
}

const notFound = () => new AppError('not_found', 'Meeting not found');
const badField = (field: string, message: string) =>
  new AppError('validation_failed', 'Some fields are missing or invalid', {
    fields: { [field]: message },
  });

/**
 * Meetings: planning the agenda, running it with server-side timeboxes (MEET-2), the
 * follow-the-facilitator focus (MEET-3), attendance (MEET-4) and ending with a minutes draft.
 * The user-facing methods check membership and role (MEET-1); `current`, `meetingsOf`, `get`
 * and `clausesAtStart` are for other server modules and check nothing.
 */
export class MeetingService {
  private readonly now: () => number;

  constructor(private readonly d: MeetingServiceDeps) {
    this.now = d.now ?? Date.now;
  }

  // --- for other modules (no access checks) --------------------------------------------------

  /** The workspace's running meeting, else null. */
  async current(workspaceId: string): Promise<MeetingDto | null> {
    const m = await this.d.store.running(workspaceId);
    return m ? (await this.toDtos([m]))[0]! : null;
  }

  /** Every meeting of the workspace, by `scheduledFor`. */
  async meetingsOf(workspaceId: string): Promise<MeetingDto[]> {
    return this.toDtos(await this.d.store.meetingsOf(workspaceId));
  }

  async get(workspaceId: string, meetingId: string): Promise<MeetingDto | null> {
    const m = await this.d.store.meeting(workspaceId, meetingId);
    return m ? (await this.toDtos([m]))[0]! : null;
  }

  /** The agreement's clauses when the meeting started; null if not started (or not stored). */
  async clausesAtStart(workspaceId: string, meetingId: string): Promise<Clause[] | null> {
    if (!(await this.d.store.meeting(workspaceId, meetingId))) return null;
    return decodeSnapshot(await this.d.store.clausesAtStart(meetingId));
  }

  // --- the API ---------------------------------------------------------------------------------

  async list(userId: string, workspaceId: string): Promise<MeetingDto[]> {
    await requireMember(this.d.workspaces, workspaceId, userId);
    return this.meetingsOf(workspaceId);
  }

  async meeting(userId: string, workspaceId: string, meetingId: string): Promise<MeetingDto> {
    await requireMember(this.d.workspaces, workspaceId, userId);
    return this.dto(await this.record(workspaceId, meetingId));
  }

  async create(userId: string, workspaceId: string, body: CreateMeetingBody): Promise<MeetingDto> {
    await this.facilitator(userId, workspaceId);
    const id = newId('mt');
    const items = await this.agenda(workspaceId, id, body.items);
    const meeting: MeetingRecord = {
      id,
      workspaceId,
      title: body.title,
      scheduledFor: Date.parse(body.scheduledFor),
      status: 'planned',
      startedAt: null,
      endedAt: null,
      currentItemId: null,
      focus: null,
      createdBy: userId,
      createdAt: this.now(),
    };
    await this.d.store.create(meeting, items);
    return this.changed(workspaceId, id);
  }

  async update(
    userId: string,
    workspaceId: string,
    meetingId: string,
    body: UpdateMeetingBody,
  ): Promise<MeetingDto> {
    await this.facilitator(userId, workspaceId);
    const m = await this.record(workspaceId, meetingId);
    const items = body.items && (await this.agenda(workspaceId, meetingId, body.items));
    const fields = {
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.scheduledFor !== undefined ? { scheduledFor: Date.parse(body.scheduledFor) } : {}),
    };
    if (!(await this.d.store.update(m.id, fields, items)))
      throw new AppError('conflict', 'The agenda can only be changed before the meeting starts');
    return this.changed(workspaceId, meetingId);
  }

  async remove(userId: string, workspaceId: string, meetingId: string): Promise<void> {
    await this.facilitator(userId, workspaceId);
    const m = await this.record(workspaceId, meetingId);
    if (!(await this.d.store.delete(m.id)))
      throw new AppError('conflict', 'Only a meeting that has not started can be deleted');
    publishFacilitation(this.d, workspaceId, ['meeting'], meetingId);
  }

  async start(userId: string, workspaceId: string, meetingId: string): Promise<MeetingDto> {
    await this.facilitator(userId, workspaceId);
    const m = await this.record(workspaceId, meetingId);
    if (m.status !== 'planned') throw new AppError('conflict', 'This meeting has already started');
    const outcome = await this.d.store.start(m.id, this.now(), await this.agreementSnapshot(m));
    if (outcome === 'not-planned')
      throw new AppError('conflict', 'This meeting has already started');
    if (outcome === 'other-running')
      throw new AppError('conflict', 'Another meeting of this workspace is running');
    return this.changed(workspaceId, meetingId);
  }

  async moveTo(
    userId: string,
    workspaceId: string,
    meetingId: string,
    itemId: string | null,
  ): Promise<MeetingDto> {
    await this.facilitator(userId, workspaceId);
    const m = await this.record(workspaceId, meetingId);
    if (itemId !== null && !(await this.d.store.items([m.id])).some((it) => it.id === itemId))
      throw badField('itemId', 'not an item of this meeting’s agenda');
    if (!(await this.d.store.moveTo(m.id, itemId, this.now()))) throw notRunning();
    return this.changed(workspaceId, meetingId);
  }

  async focus(
    userId: string,
    workspaceId: string,
    meetingId: string,
    body: FocusBody,
  ): Promise<MeetingDto> {
    await this.facilitator(userId, workspaceId);
    const m = await this.record(workspaceId, meetingId);
    if (m.status !== 'running') throw notRunning();
    const doc = await this.sharedDocument(workspaceId, body.documentId, 'documentId');
    if (body.clauseId !== null) {
      const ids = await this.d.documents.read(doc.room, (y) => readClauses(y).map((c) => c.id));
      if (!ids.includes(body.clauseId))
        throw badField('clauseId', 'no such clause in this document');
    }
    if (!(await this.d.store.setFocus(m.id, doc.id, body.clauseId))) throw notRunning();
    return this.changed(workspaceId, meetingId);
  }

  /** MEET-4: the member's party and role now; a repeat changes nothing and announces nothing. */
  async attend(userId: string, workspaceId: string, meetingId: string): Promise<void> {
    const me = await requireMember(this.d.workspaces, workspaceId, userId);
    const m = await this.record(workspaceId, meetingId);
    const seen = (await this.d.store.attendees([m.id])).some((a) => a.userId === userId);
    if (!(await this.d.store.attend(m.id, userId, me, this.now()))) throw notRunning();
    if (!seen) publishFacilitation(this.d, workspaceId, ['meeting'], meetingId);
  }

  /**
   * Ends the meeting (timer stopped, turn ended, focus cleared, in one transaction), then asks
   * the minutes module for the draft: it reads the ended meeting. If drafting fails the meeting
   * stays ended; the minutes can be drafted again from it.
   */
  async end(
    userId: string,
    workspaceId: string,
    meetingId: string,
  ): Promise<{ meeting: MeetingDto; minutes: MinutesDto }> {
    await this.facilitator(userId, workspaceId);
    const m = await this.record(workspaceId, meetingId);
    if (!(await this.d.store.end(m.id, this.now()))) throw notRunning();
    publishFacilitation(this.d, workspaceId, ['queue'], meetingId);
    const meeting = await this.changed(workspaceId, meetingId);
    const minutes = await this.d.minutes.draftFor(workspaceId, meetingId);
    return { meeting, minutes };
  }

  // -------------------------------------------------------------------------------------------

  private async facilitator(userId: string, workspaceId: string): Promise<void> {
    await requireFacilitator(this.d.workspaces, workspaceId, userId);
  }

  private async record(workspaceId: string, meetingId: string): Promise<MeetingRecord> {
    const m = await this.d.store.meeting(workspaceId, meetingId);
    if (!m) throw notFound();
    return m;
  }

  /** A document every member can open (not a party's notes), for agenda items and the focus. */
  private async sharedDocument(
    workspaceId: string,
    documentId: string,
    field: string,
  ): Promise<DocumentDto> {
    const doc = (await this.d.workspaces.documents(workspaceId)).find((x) => x.id === documentId);
    if (!doc || doc.kind === 'party-notes')
      throw badField(field, 'not a shared document of this workspace');
    return doc;
  }

  private async agenda(
    workspaceId: string,
    meetingId: string,
    input: readonly AgendaItemInput[],
  ): Promise<AgendaItemRecord[]> {
    return agendaRecords(await this.d.workspaces.documents(workspaceId), meetingId, input);
  }

  /** The compact clause snapshot "since your last visit" stores, of the agreement now. */
  private async agreementSnapshot(m: MeetingRecord): Promise<string | null> {
    const doc = (await this.d.workspaces.documents(m.workspaceId)).find(
      (x) => x.kind === 'agreement',
    );
    if (!doc) return null;
    return encodeSnapshot(await this.d.documents.read(doc.room, (y) => readClauses(y))).json;
  }

  private async changed(workspaceId: string, meetingId: string): Promise<MeetingDto> {
    publishFacilitation(this.d, workspaceId, ['meeting'], meetingId);
    return this.dto(await this.record(workspaceId, meetingId));
  }

  private async dto(m: MeetingRecord): Promise<MeetingDto> {
    return (await this.toDtos([m]))[0]!;
  }

  private async toDtos(meetings: readonly MeetingRecord[]): Promise<MeetingDto[]> {
    const ids = meetings.map((m) => m.id);
    const [items, attendees] = await Promise.all([
      this.d.store.items(ids),
      this.d.store.attendees(ids),
    ]);
    const now = this.now();
    return meetings.map((m) => toMeetingDto(m, items, attendees, now));
  }
}

function notRunning(): AppError {
  return new AppError('conflict', 'This meeting is not running');
}
