import {
  generateMinutes,
  readClauses,
  type ActionItemBody,
  type ActionItemDto,
  type MinutesDto,
  votingParties,
} from '@akkoord/domain';
import { newId } from '../accounts/tokens';
import { AppError } from '../errors';
import type { EventHub } from '../events/EventHub';
import { publishFacilitation } from '../events/publishFacilitation';
import type { DocumentReader } from '../http/routes/exportRoutes';
import type { Logger } from '../logger';
import { decodeSnapshot } from '../visits/snapshot';
import { requireMember, requireParticipant } from '../workspaces/memberChecks';
import type { WorkspaceStore } from '../workspaces/WorkspaceStore';
import { minutesPdf } from './minutesPdf';
import type {
  ActionItemFields,
  ActionItemRecord,
  AmendResult,
  ApproveResult,
  MeetingFacts,
  MinutesRecord,
  MinutesStore,
} from './MinutesStore';

export interface MinutesServiceDeps {
  store: MinutesStore;
  workspaces: Pick<
    WorkspaceStore,
    'membership' | 'workspace' | 'parties' | 'members' | 'documents'
  >;
  /** The agreement's clauses at the end of the meeting. */
  documents: DocumentReader;
  hub: EventHub;
  log: Logger;
  now?: () => number;
}

export interface MinutesFile {
  contentType: string;
  fileName: string;
  body: Buffer | string;
}

const notFoundMeeting = () => new AppError('not_found', 'Meeting not found');
const notFoundMinutes = () =>
  new AppError('not_found', 'No minutes yet: the meeting has not ended');
const lockedError = () => new AppError('conflict', 'The minutes are approved and locked');
const badField = (field: string, message: string) =>
  new AppError('validation_failed', 'Some fields are missing or invalid', {
    fields: { [field]: message },
  });

/** The store's refusal as the API answers it: 404 without minutes, 409 when locked or stale. */
function refuseUnless(r: AmendResult | ApproveResult, staleMessage: string): void {
  if (r === 'missing') throw notFoundMinutes();
  if (r === 'locked') throw lockedError();
  if (r === 'stale') throw new AppError('conflict', staleMessage);
}

/** A file name without path or quoting trouble: ASCII letters, digits and dashes. */
export function safeFileName(title: string, ext: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .replace(/_/g, ' ')
    .trim()
    .replace(/[\s-]+/g, '-')
    .toLowerCase()
    .slice(0, 80)
    .replace(/-+$/, '');
  return `verslag-${base || 'vergadering'}.${ext}`;
}

const toActionDto = ({ ownerName: _name, ...a }: ActionItemRecord): ActionItemDto => a;

function toMinutesDto(r: MinutesRecord): MinutesDto {
  return {
    meetingId: r.meetingId,
    status: r.status,
    body: r.body,
    version: r.version,
    approvals: r.approvals,
    updatedAt: new Date(r.updatedAt).toISOString(),
    updatedBy: r.updatedBy,
    lockedAt: r.lockedAt === null ? null : new Date(r.lockedAt).toISOString(),
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Minutes and action items (SPEC.md MIN-1..3): the draft written when a meeting ends,
 * amendments (version-checked, clearing approvals), approval per party with the lock once every
 * party approved the current version, and the Markdown/PDF export. Every member may read all
 * of it; observers may not change it.
 */
export class MinutesService {
  private readonly now: () => number;

  constructor(private readonly d: MinutesServiceDeps) {
    this.now = d.now ?? Date.now;
  }

  /**
   * MIN-1: writes version 1 of the minutes of a meeting (called by the meetings module when it
   * ends). Minutes that exist already are returned unchanged, so a repeat never overwrites
   * amendments or approvals.
   */
  async draftFor(workspaceId: string, meetingId: string): Promise<MinutesDto> {
    const meeting = await this.d.store.meeting(workspaceId, meetingId);
    if (!meeting) throw notFoundMeeting();
    const existing = await this.d.store.minutes(meetingId);
    if (existing) return toMinutesDto(existing);
    const body = await this.generate(meeting);
    await this.d.store.createDraft(meetingId, body, this.now());
    return this.minutesChanged(workspaceId, meetingId);
  }

  private async generate(meeting: MeetingFacts): Promise<string> {
    const ws = meeting.workspaceId;
    const [workspace, parties, docs, rec, actions] = await Promise.all([
      this.d.workspaces.workspace(ws),
      this.d.workspaces.parties(ws),
      this.d.workspaces.documents(ws),
      this.d.store.recordings(ws, meeting.id),
      this.d.store.actions(meeting.id),
    ]);
    const agreement = docs.find((doc) => doc.kind === 'agreement');
    const clausesAtEnd = agreement
      ? await this.d.documents.read(agreement.room, (ydoc) => readClauses(ydoc))
      : [];
    return generateMinutes({
      workspaceTitle: workspace?.title ?? '',
      parties: parties.map((p) => ({ id: p.id, name: p.name })),
      meeting: {
        id: meeting.id,
        title: meeting.title,
        startedAt: iso(meeting.startedAt),
        endedAt: iso(meeting.endedAt),
        items: rec.items,
      },
      attendees: rec.attendees,
      decisions: rec.decisions,
      clausesAtStart: decodeSnapshot(meeting.clausesAtStart),
      clausesAtEnd,
      parking: rec.parking,
      actions: actions.map((a) => ({
        description: a.description,
        ownerPartyId: a.ownerPartyId,
        ownerName: a.ownerName,
        due: a.due,
      })),
    });
  }

  /** MIN-1: the minutes; 404 until the meeting ended. A draft that failed is written now. */
  async get(userId: string, workspaceId: string, meetingId: string): Promise<MinutesDto> {
    await requireMember(this.d.workspaces, workspaceId, userId);
    return toMinutesDto(await this.current(workspaceId, meetingId));
  }

  /** MIN-2: amends the text; 409 on a stale version or once locked; clears approvals. */
  async amend(
    userId: string,
    workspaceId: string,
    meetingId: string,
    input: { body: string; version: number },
  ): Promise<MinutesDto> {
    await this.participant(userId, workspaceId);
    await this.current(workspaceId, meetingId);
    const r = await this.d.store.amend(meetingId, input.body, input.version, userId, this.now());
    refuseUnless(r, 'Someone amended the minutes meanwhile; reload them');
    return this.minutesChanged(workspaceId, meetingId);
  }

  /** MIN-2: a negotiator approves the version they read, for their own party. */
  async approve(
    userId: string,
    workspaceId: string,
    meetingId: string,
    version: number,
  ): Promise<MinutesDto> {
    const m = await requireMember(this.d.workspaces, workspaceId, userId);
    if (m.role !== 'negotiator' || m.partyId === null)
      throw new AppError('forbidden', 'Only a party’s negotiator can approve the minutes');
    await this.current(workspaceId, meetingId);
    const parties = votingParties(
      await this.d.workspaces.parties(workspaceId),
      await this.d.workspaces.members(workspaceId),
    ).map((p) => p.id);
    const r = await this.d.store.approve(
      meetingId,
      m.partyId,
      userId,
      version,
      parties,
      this.now(),
    );
    refuseUnless(r, 'The minutes changed since you read them; reload them');
    return this.minutesChanged(workspaceId, meetingId);
  }

  /** MIN-3: the minutes as a Markdown or PDF file. */
  async export(
    userId: string,
    workspaceId: string,
    meetingId: string,
    format: 'md' | 'pdf',
  ): Promise<MinutesFile> {
    await requireMember(this.d.workspaces, workspaceId, userId);
    const meeting = await this.d.store.meeting(workspaceId, meetingId);
    if (!meeting) throw notFoundMeeting();
    const minutes = await this.current(workspaceId, meetingId);
    if (format === 'md') {
      return {
        contentType: 'text/markdown; charset=utf-8',
        fileName: safeFileName(meeting.title, 'md'),
        body: minutes.body,
      };
    }
    return {
      contentType: 'application/pdf',
      fileName: safeFileName(meeting.title, 'pdf'),
      body: await minutesPdf(minutes.body, { title: meeting.title }),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Action items

  async listActions(userId: string, workspaceId: string, meetingId: string) {
    await requireMember(this.d.workspaces, workspaceId, userId);
    await this.meeting(workspaceId, meetingId);
    return (await this.d.store.actions(meetingId)).map(toActionDto);
  }

  async addAction(
    userId: string,
    workspaceId: string,
    meetingId: string,
    body: ActionItemBody,
  ): Promise<ActionItemDto> {
    await this.participant(userId, workspaceId);
    await this.meeting(workspaceId, meetingId);
    await this.unlocked(meetingId);
    const fields = await this.checkedFields(workspaceId, {
      description: body.description,
      ownerPartyId: body.ownerPartyId ?? null,
      ownerUserId: body.ownerUserId ?? null,
      due: body.due ?? null,
    });
    const id = newId('act');
    await this.d.store.addAction(meetingId, id, fields, userId, this.now());
    publishFacilitation(this.d, workspaceId, ['actions'], meetingId);
    return toActionDto((await this.d.store.action(meetingId, id))!);
  }

  async updateAction(
    userId: string,
    workspaceId: string,
    meetingId: string,
    actionId: string,
    body: Partial<ActionItemBody>,
  ): Promise<ActionItemDto> {
    await this.participant(userId, workspaceId);
    await this.meeting(workspaceId, meetingId);
    const cur = await this.d.store.action(meetingId, actionId);
    if (!cur) throw new AppError('not_found', 'Action item not found');
    await this.unlocked(meetingId);
    const fields = await this.checkedFields(workspaceId, {
      description: body.description ?? cur.description,
      ownerPartyId: body.ownerPartyId === undefined ? cur.ownerPartyId : body.ownerPartyId,
      ownerUserId: body.ownerUserId === undefined ? cur.ownerUserId : body.ownerUserId,
      due: body.due === undefined ? cur.due : body.due,
    });
    await this.d.store.updateAction(meetingId, actionId, fields);
    publishFacilitation(this.d, workspaceId, ['actions'], meetingId);
    return toActionDto((await this.d.store.action(meetingId, actionId))!);
  }

  async deleteAction(
    userId: string,
    workspaceId: string,
    meetingId: string,
    actionId: string,
  ): Promise<void> {
    await this.participant(userId, workspaceId);
    await this.meeting(workspaceId, meetingId);
    if (!(await this.d.store.action(meetingId, actionId)))
      throw new AppError('not_found', 'Action item not found');
    await this.unlocked(meetingId);
    await this.d.store.deleteAction(meetingId, actionId);
    publishFacilitation(this.d, workspaceId, ['actions'], meetingId);
  }

  // -------------------------------------------------------------------------------------------

  /** The owner must be a party and/or a member of this workspace. */
  private async checkedFields(workspaceId: string, f: ActionItemFields): Promise<ActionItemFields> {
    if (f.ownerPartyId !== null) {
      const parties = await this.d.workspaces.parties(workspaceId);
      if (!parties.some((p) => p.id === f.ownerPartyId))
        throw badField('ownerPartyId', 'not a party of this workspace');
    }
    if (f.ownerUserId !== null) {
      const members = await this.d.workspaces.members(workspaceId);
      if (!members.some((m) => m.userId === f.ownerUserId))
        throw badField('ownerUserId', 'not a member of this workspace');
    }
    return f;
  }

  /** Locked minutes record the action items as approved: they no longer change. */
  private async unlocked(meetingId: string): Promise<void> {
    const minutes = await this.d.store.minutes(meetingId);
    if (minutes?.status === 'locked') throw lockedError();
  }

  /** Observers read the minutes and action items but do not change them (403). */
  private participant(userId: string, workspaceId: string) {
    return requireParticipant(
      this.d.workspaces,
      workspaceId,
      userId,
      'Observers can read the minutes but not change them',
    );
  }

  /** Announces changed minutes and answers them as stored now. */
  private async minutesChanged(workspaceId: string, meetingId: string): Promise<MinutesDto> {
    publishFacilitation(this.d, workspaceId, ['minutes'], meetingId);
    return toMinutesDto((await this.d.store.minutes(meetingId))!);
  }

  private async meeting(workspaceId: string, meetingId: string): Promise<MeetingFacts> {
    const meeting = await this.d.store.meeting(workspaceId, meetingId);
    if (!meeting) throw notFoundMeeting();
    return meeting;
  }

  /** The minutes of an ended meeting; drafted now if ending did not manage to (MIN-1). */
  private async current(workspaceId: string, meetingId: string): Promise<MinutesRecord> {
    const meeting = await this.meeting(workspaceId, meetingId);
    const stored = await this.d.store.minutes(meetingId);
    if (stored) return stored;
    if (meeting.status !== 'ended') throw notFoundMinutes();
    await this.draftFor(workspaceId, meetingId);
    return (await this.d.store.minutes(meetingId))!;
  }
}
