import {
  QUOTE_MAX_LENGTH,
  locateThreads,
  readClauses,
  resolveAnchor,
  textInRange,
  type CommentDto,
  type DocumentDto,
  type TextAnchor,
  type ThreadDto,
  type ThreadStatus,
  type ThreadVisibility,
} from '@akkoord/domain';
import { newId } from '../accounts/tokens';
import { AppError } from '../errors';
import type { EventHub } from '../events/EventHub';
import type { DocumentReader } from '../http/routes/exportRoutes';
import type { Logger } from '../logger';
import type { NotificationEvent, Notifier } from '../notifications/Notifier';
import { documentAccess } from '../workspaces/access';
import type { Membership, WorkspaceStore } from '../workspaces/WorkspaceStore';
import type { CommentRecord, CommentStore, ThreadRecord } from './CommentStore';
import { threadAccess } from './visibility';

export interface CommentServiceDeps {
  store: CommentStore;
  workspaces: WorkspaceStore;
  /** Current document state: clause ids, anchors, quotes, detached threads. */
  documents: DocumentReader;
  hub: EventHub;
  notifier: Notifier;
  log: Logger;
  now?: () => number;
}

type Doc = DocumentDto;

interface ThreadContext {
  membership: Membership;
  doc: Doc;
  thread: ThreadRecord;
  access: 'write' | 'read';
}

const EXCERPT_LENGTH = 200;

/** One line of a comment for a notification. */
function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= EXCERPT_LENGTH ? flat : chars.slice(0, EXCERPT_LENGTH - 1).join('') + '…';
}

function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

const notFoundThread = () => new AppError('not_found', 'Thread not found');

/**
 * Comment threads on documents: who may see and write them (`threadAccess`), mentions limited
 * to members who can see the thread, notifications for mentions and replies, live events, and
 * audit entries for shared threads. The rules and their ids are in SPEC.md (CMT-*).
 */
export class CommentService {
  private readonly now: () => number;

  constructor(private readonly d: CommentServiceDeps) {
    this.now = d.now ?? Date.now;
  }

  async listThreads(
    userId: string,
    workspaceId: string,
    documentId: string,
    filter: { status?: ThreadStatus } = {},
  ): Promise<ThreadDto[]> {
    const m = await this.member(userId, workspaceId);
    const doc = await this.visibleDocument(m, workspaceId, documentId);
    const threads = (await this.d.store.threadsOfDocument(workspaceId, documentId)).filter(
      (t) =>
        threadAccess(m, doc, t) !== null &&
        (filter.status === undefined || t.status === filter.status),
    );
    return this.toDtos(doc, threads);
  }

  async getThread(userId: string, workspaceId: string, threadId: string): Promise<ThreadDto> {
    const { doc, thread } = await this.visibleThread(userId, workspaceId, threadId);
    return (await this.toDtos(doc, [thread]))[0]!;
  }

  async createThread(
    userId: string,
    workspaceId: string,
    documentId: string,
    input: {
      visibility?: ThreadVisibility;
      clauseId?: string;
      anchor?: TextAnchor;
      quote?: string;
      body: string;
      mentions: string[];
    },
  ): Promise<ThreadDto> {
    const m = await this.member(userId, workspaceId);
    const doc = await this.visibleDocument(m, workspaceId, documentId);
    if (documentAccess(m, doc) !== 'write')
      throw new AppError('forbidden', 'Observers can read comments but not write them');
    const isNotes = doc.kind === 'party-notes';
    const visibility = input.visibility ?? (isNotes ? 'party' : 'shared');
    if (isNotes && visibility !== 'party') {
      throw new AppError('validation_failed', 'Threads on party notes stay within the party', {
        fields: { visibility: 'threads on party notes are always internal to the party' },
      });
    }
    if (visibility === 'party' && (m.role !== 'negotiator' || m.partyId === null)) {
      throw new AppError('forbidden', 'Only a party’s negotiators can start an internal thread');
    }
    const partyId = visibility === 'party' ? m.partyId : null;

    const clauseId = input.clauseId ?? null;
    const anchor = input.anchor ? { start: input.anchor.start, end: input.anchor.end } : null;
    const found = await this.d.documents.read(doc.room, (ydoc) => {
      const clause = clauseId === null ? null : readClauses(ydoc).find((c) => c.id === clauseId);
      const range = anchor ? resolveAnchor(ydoc, anchor) : null;
      return {
        clauseMissing: clauseId !== null && !clause,
        anchoredText: range ? textInRange(ydoc, range) : null,
        clauseText: clause?.text ?? null,
      };
    });
    if (found.clauseMissing) {
      throw new AppError('validation_failed', 'Unknown clause', {
        fields: { clauseId: 'no such clause in this document' },
      });
    }
    // The server's reading of the anchored text wins; the author's quote covers an anchor on
    // text the server has not stored yet; a clause thread keeps the clause's text.
    const quote = cut(
      found.anchoredText ?? input.quote ?? found.clauseText ?? '',
      QUOTE_MAX_LENGTH,
    );

    const now = this.now();
    const thread: ThreadRecord = {
      id: newId('t'),
      workspaceId,
      documentId,
      visibility,
      partyId,
      clauseId,
      anchor,
      quote,
      status: 'open',
      createdBy: userId,
      createdAt: now,
      resolvedBy: null,
      resolvedAt: null,
    };
    const mentions = await this.checkMentions(workspaceId, doc, thread, input.mentions);
    await this.d.store.createThread(thread, {
      id: newId('m'),
      threadId: thread.id,
      authorId: userId,
      body: input.body,
      mentions,
      createdAt: now,
    });
    // The audit trail is the facilitator's to read: internal threads stay out of it entirely.
    if (visibility === 'shared') {
      await this.d.workspaces.audit({
        workspaceId,
        actorId: userId,
        action: 'thread.created',
        details: { threadId: thread.id, documentId, clauseId },
      });
    }
    this.notify(
      mentions
        .filter((u) => u !== userId)
        .map((u) => this.event(u, 'mention', thread, userId, input.body)),
    );
    return this.published(doc, thread);
  }

  async addComment(
    userId: string,
    workspaceId: string,
    threadId: string,
    input: { body: string; mentions: string[] },
  ): Promise<CommentDto> {
    const { doc, thread } = await this.writableThread(userId, workspaceId, threadId);
    const mentions = await this.checkMentions(workspaceId, doc, thread, input.mentions);
    const earlier = await this.d.store.comments([thread.id]);
    const comment = {
      id: newId('m'),
      threadId,
      authorId: userId,
      body: input.body,
      mentions,
      createdAt: this.now(),
    };
    await this.d.store.addComment(comment);

    const mentioned = new Set(mentions.filter((u) => u !== userId));
    const participants = new Set(
      earlier.map((c) => c.authorId).filter((u) => u !== userId && !mentioned.has(u)),
    );
    const members = await this.audience(workspaceId, doc, thread);
    this.notify([
      ...[...mentioned].map((u) => this.event(u, 'mention', thread, userId, input.body)),
      // Earlier participants who can (still) see the thread.
      ...[...participants]
        .filter((u) => members.has(u))
        .map((u) => this.event(u, 'reply', thread, userId, input.body)),
    ]);
    const dto = await this.published(doc, thread);
    return dto.comments.find((c) => c.id === comment.id)!;
  }

  async editComment(
    userId: string,
    workspaceId: string,
    threadId: string,
    commentId: string,
    input: { body: string; mentions?: string[] },
  ): Promise<CommentDto> {
    const { doc, thread } = await this.writableThread(userId, workspaceId, threadId);
    const comment = await this.ownComment(userId, thread.id, commentId);
    if (comment.deletedAt !== null)
      throw new AppError('conflict', 'This comment was deleted and cannot be edited');
    const mentions =
      input.mentions === undefined
        ? comment.mentions
        : await this.checkMentions(workspaceId, doc, thread, input.mentions);
    if (!(await this.d.store.editComment(thread.id, commentId, input.body, mentions, this.now())))
      throw new AppError('conflict', 'This comment was deleted and cannot be edited');
    const before = new Set(comment.mentions);
    this.notify(
      mentions
        .filter((u) => u !== userId && !before.has(u))
        .map((u) => this.event(u, 'mention', thread, userId, input.body)),
    );
    const dto = await this.published(doc, thread);
    return dto.comments.find((c) => c.id === commentId)!;
  }

  async deleteComment(
    userId: string,
    workspaceId: string,
    threadId: string,
    commentId: string,
  ): Promise<void> {
    const { doc, thread } = await this.writableThread(userId, workspaceId, threadId);
    const comment = await this.ownComment(userId, thread.id, commentId);
    if (comment.deletedAt !== null) return; // already gone: deleting again changes nothing
    await this.d.store.deleteComment(thread.id, commentId, this.now());
    await this.published(doc, thread);
  }

  async setStatus(
    userId: string,
    workspaceId: string,
    threadId: string,
    status: ThreadStatus,
  ): Promise<ThreadDto> {
    const { doc, thread } = await this.writableThread(userId, workspaceId, threadId);
    if (thread.status === status) return (await this.toDtos(doc, [thread]))[0]!;
    const now = this.now();
    const next: ThreadRecord =
      status === 'resolved'
        ? { ...thread, status, resolvedBy: userId, resolvedAt: now }
        : { ...thread, status, resolvedBy: null, resolvedAt: null };
    await this.d.store.setStatus(thread.id, status, next.resolvedBy, next.resolvedAt);
    if (thread.visibility === 'shared') {
      await this.d.workspaces.audit({
        workspaceId,
        actorId: userId,
        action: status === 'resolved' ? 'thread.resolved' : 'thread.reopened',
        details: { threadId, documentId: thread.documentId },
      });
    }
    return this.published(doc, next);
  }

  /**
   * Whether a member may receive an event about this thread now (event streams ask per event,
   * per recipient).
   */
  async mayReceive(
    workspaceId: string,
    userId: string,
    doc: Pick<DocumentDto, 'kind' | 'partyId'>,
    thread: Pick<ThreadDto, 'visibility' | 'partyId' | 'workspaceId'>,
  ): Promise<boolean> {
    if (thread.workspaceId !== workspaceId) return false;
    const m = await this.d.workspaces.membership(workspaceId, userId);
    return threadAccess(m, doc, thread) !== null;
  }

  // -------------------------------------------------------------------------------------------

  /** Non-members get 404: a workspace's existence is not revealed to outsiders. */
  private async member(userId: string, workspaceId: string): Promise<Membership> {
    const m = await this.d.workspaces.membership(workspaceId, userId);
    if (!m) throw new AppError('not_found', 'Workspace not found');
    return m;
  }

  private async visibleDocument(m: Membership, workspaceId: string, documentId: string) {
    const doc = (await this.d.workspaces.documents(workspaceId)).find((d) => d.id === documentId);
    if (!doc || documentAccess(m, doc) === null)
      throw new AppError('not_found', 'Document not found');
    return doc;
  }

  /** A thread the caller can see; anything else (unknown, other party's) is the same 404. */
  private async visibleThread(
    userId: string,
    workspaceId: string,
    threadId: string,
  ): Promise<ThreadContext> {
    const membership = await this.member(userId, workspaceId);
    const thread = await this.d.store.thread(workspaceId, threadId);
    if (!thread) throw notFoundThread();
    const doc = (await this.d.workspaces.documents(workspaceId)).find(
      (x) => x.id === thread.documentId,
    );
    const access = doc ? threadAccess(membership, doc, thread) : null;
    if (!doc || access === null) throw notFoundThread();
    return { membership, doc, thread, access };
  }

  private async writableThread(userId: string, workspaceId: string, threadId: string) {
    const ctx = await this.visibleThread(userId, workspaceId, threadId);
    if (ctx.access !== 'write')
      throw new AppError('forbidden', 'Observers can read comments but not write them');
    return ctx;
  }

  private async ownComment(userId: string, threadId: string, commentId: string) {
    const comment = (await this.d.store.comments([threadId])).find((c) => c.id === commentId);
    if (!comment) throw new AppError('not_found', 'Comment not found');
    if (comment.authorId !== userId)
      throw new AppError('forbidden', 'You can only change your own comments');
    return comment;
  }

  /** Members of the workspace who can see the thread. */
  private async audience(
    workspaceId: string,
    doc: Doc,
    thread: Pick<ThreadRecord, 'visibility' | 'partyId'>,
  ): Promise<Set<string>> {
    const members = await this.d.workspaces.members(workspaceId);
    return new Set(
      members
        .filter((mb) => threadAccess({ role: mb.role, partyId: mb.partyId }, doc, thread) !== null)
        .map((mb) => mb.userId),
    );
  }

  /**
   * Mentions must name members who can see the thread (CMT-5): an internal thread can never
   * notify — or reveal itself to — anyone outside its party.
   */
  private async checkMentions(
    workspaceId: string,
    doc: Doc,
    thread: Pick<ThreadRecord, 'visibility' | 'partyId'>,
    mentions: readonly string[],
  ): Promise<string[]> {
    if (mentions.length === 0) return [];
    const audience = await this.audience(workspaceId, doc, thread);
    const fields: Record<string, string> = {};
    mentions.forEach((u, i) => {
      if (!audience.has(u)) fields[`mentions.${i}`] = 'not a member who can see this thread';
    });
    if (Object.keys(fields).length > 0)
      throw new AppError('validation_failed', 'Some mentioned people cannot see this thread', {
        fields,
      });
    return [...mentions];
  }

  private event(
    userId: string,
    kind: 'mention' | 'reply',
    thread: ThreadRecord,
    actorId: string,
    body: string,
  ): NotificationEvent {
    return {
      userId,
      workspaceId: thread.workspaceId,
      documentId: thread.documentId,
      kind,
      threadId: thread.id,
      ...(thread.clauseId !== null ? { clauseId: thread.clauseId } : {}),
      actorId,
      excerpt: excerpt(body),
    };
  }

  /** Notifications never fail the change that caused them (it is stored already). */
  private notify(events: NotificationEvent[]): void {
    if (events.length === 0) return;
    try {
      this.d.notifier.notify(events);
    } catch (err) {
      this.d.log.error({ err }, 'notifier failed');
    }
  }

  /** The thread as it is now, sent to every stream that may see it, and returned. */
  private async published(doc: Doc, thread: ThreadRecord): Promise<ThreadDto> {
    const dto = (await this.toDtos(doc, [thread]))[0]!;
    try {
      this.d.hub.publish({
        type: 'thread',
        workspaceId: thread.workspaceId,
        document: { id: doc.id, kind: doc.kind, ...(doc.partyId ? { partyId: doc.partyId } : {}) },
        thread: dto,
      });
    } catch (err) {
      this.d.log.error({ err }, 'event publish failed');
    }
    return dto;
  }

  private async toDtos(doc: Doc, threads: ThreadRecord[]): Promise<ThreadDto[]> {
    if (threads.length === 0) return [];
    const comments = await this.d.store.comments(threads.map((t) => t.id));
    const byThread = new Map<string, CommentDto[]>();
    for (const c of comments) {
      let list = byThread.get(c.threadId);
      if (!list) byThread.set(c.threadId, (list = []));
      list.push(toCommentDto(c));
    }
    const placements = await this.d.documents.read(doc.room, (ydoc) =>
      locateThreads(ydoc, threads),
    );
    return threads.map((t, i) => ({
      id: t.id,
      workspaceId: t.workspaceId,
      documentId: t.documentId,
      visibility: t.visibility,
      partyId: t.partyId,
      clauseId: t.clauseId,
      anchor: t.anchor,
      quote: t.quote,
      status: t.status,
      createdBy: t.createdBy,
      createdAt: t.createdAt,
      resolvedBy: t.resolvedBy,
      resolvedAt: t.resolvedAt,
      detached: placements[i]!.detached,
      comments: byThread.get(t.id) ?? [],
    }));
  }
}

function toCommentDto(c: CommentRecord): CommentDto {
  const deleted = c.deletedAt !== null;
  return {
    id: c.id,
    threadId: c.threadId,
    authorId: c.authorId,
    authorName: c.authorName,
    body: deleted ? null : c.body,
    mentions: deleted ? [] : c.mentions,
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    deletedAt: c.deletedAt,
  };
}
