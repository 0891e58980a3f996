import type {
  CreateParkingBody,
  ParkingItemDto,
  ParkingScope,
  ParkingStatus,
  ThemeId,
} from '@akkoord/domain';
import { newId } from '../accounts/tokens';
import type { CommentService } from '../comments/CommentService';
import { AppError } from '../errors';
import type { EventHub } from '../events/EventHub';
import { publishFacilitation } from '../events/publishFacilitation';
import type { Logger } from '../logger';
import { canManage } from '../workspaces/access';
import { requireMember, requireParticipant } from '../workspaces/memberChecks';
import type { WorkspaceStore } from '../workspaces/WorkspaceStore';
import type { MeetingStore } from './MeetingStore';
import type { ParkingChange, ParkingRecord, ParkingStore } from './ParkingStore';

export interface ParkingServiceDeps {
  store: ParkingStore;
  meetings: Pick<MeetingStore, 'meeting' | 'running'>;
  workspaces: Pick<WorkspaceStore, 'membership'>;
  /** Whether the caller can see a thread they park (the comments' own rule). */
  comments: Pick<CommentService, 'getThread'>;
  hub: EventHub;
  log: Logger;
  now?: () => number;
}

/** `UpdateParkingBody` as parsed (zod's refine hides the shape from `z.infer`). */
export interface ParkingUpdate {
  title?: string;
  note?: string;
  scope?: ParkingScope;
  theme?: ThemeId | null;
  status?: ParkingStatus;
}

function toDto(p: ParkingRecord): ParkingItemDto {
  return {
    id: p.id,
    workspaceId: p.workspaceId,
    meetingId: p.meetingId,
    title: p.title,
    note: p.note,
    scope: p.scope,
    theme: p.theme,
    threadId: p.threadId,
    status: p.status,
    createdBy: { userId: p.createdBy, name: p.createdByName },
    createdAt: new Date(p.createdAt).toISOString(),
  };
}

const badField = (field: string, message: string) =>
  new AppError('validation_failed', 'Some fields are missing or invalid', {
    fields: { [field]: message },
  });

/**
 * The parking lot (MEET-6): topics set aside, tagged against the process agreements' scope,
 * open until marked done, listed across meetings. Facilitator and negotiators park; the
 * facilitator or the item's creator change it.
 */
export class ParkingService {
  private readonly now: () => number;

  constructor(private readonly d: ParkingServiceDeps) {
    this.now = d.now ?? Date.now;
  }

  async list(userId: string, workspaceId: string): Promise<ParkingItemDto[]> {
    await requireMember(this.d.workspaces, workspaceId, userId);
    return (await this.d.store.items(workspaceId)).map(toDto);
  }

  async create(
    userId: string,
    workspaceId: string,
    body: CreateParkingBody,
  ): Promise<ParkingItemDto> {
    await requireParticipant(this.d.workspaces, workspaceId, userId);
    if (
      body.meetingId !== undefined &&
      !(await this.d.meetings.meeting(workspaceId, body.meetingId))
    )
      throw badField('meetingId', 'not a meeting of this workspace');
    if (body.threadId !== undefined) await this.visibleThread(userId, workspaceId, body.threadId);
    // Parked without naming a meeting while one runs (e.g. from a comment thread): it was
    // raised there, so that meeting's minutes list it.
    const meetingId = body.meetingId ?? (await this.d.meetings.running(workspaceId))?.id ?? null;
    const id = newId('pk');
    await this.d.store.create({
      id,
      workspaceId,
      meetingId,
      title: body.title,
      note: body.note ?? '',
      scope: body.scope,
      theme: body.theme ?? null,
      threadId: body.threadId ?? null,
      createdBy: userId,
      createdAt: this.now(),
    });
    return this.changed(workspaceId, id);
  }

  async update(
    userId: string,
    workspaceId: string,
    itemId: string,
    body: ParkingUpdate,
  ): Promise<ParkingItemDto> {
    const me = await requireMember(this.d.workspaces, workspaceId, userId);
    const item = await this.d.store.item(workspaceId, itemId);
    if (!item) throw new AppError('not_found', 'Parked topic not found');
    if (!canManage(me) && item.createdBy !== userId)
      throw new AppError('forbidden', 'Only the facilitator or whoever parked it can change this');
    const change: ParkingChange = {
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.note !== undefined ? { note: body.note } : {}),
      ...(body.scope !== undefined ? { scope: body.scope } : {}),
      ...(body.theme !== undefined ? { theme: body.theme } : {}),
      ...(body.status !== undefined ? { status: body.status } : {}),
    };
    await this.d.store.update(item.id, change);
    return this.changed(workspaceId, item.id);
  }

  // -------------------------------------------------------------------------------------------

  /**
   * A thread the caller cannot see answers exactly like one that does not exist (a field error),
   * so parking cannot be used to probe another party's internal threads.
   */
  private async visibleThread(userId: string, workspaceId: string, threadId: string) {
    try {
      await this.d.comments.getThread(userId, workspaceId, threadId);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found')
        throw badField('threadId', 'no such thread');
      throw err;
    }
  }

  private async changed(workspaceId: string, itemId: string): Promise<ParkingItemDto> {
    const item = (await this.d.store.item(workspaceId, itemId))!;
    publishFacilitation(this.d, workspaceId, ['parking'], item.meetingId);
    return toDto(item);
  }
}
