import {
  NotificationKind as NotificationKindSchema,
  notificationPath,
  type EmailFrequency,
  type NotificationDto,
  type NotificationListDto,
  type NotificationListQuery,
  type NotificationPreferencesDto,
} from '@akkoord/domain';
import { newId } from '../accounts/tokens';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { plainExcerpt } from './excerpt';
import type { InboxRecord, NewNotification, NotificationStore } from './NotificationStore';
import type { NotificationEvent, NotificationKind, Notifier } from './Notifier';

/** The same notification again (same recipient, thread, author, text), unread, within this window is dropped. */
export const DEDUPE_WINDOW_MS = 10 * 60_000;

/** When one comment gives someone several kinds, they get one notification, of the strongest kind. */
const KIND_RANK: Record<NotificationKind, number> = { mention: 3, 'waiting-on': 2, reply: 1 };

const ID = /^[A-Za-z0-9_-]{1,128}$/;
/** Thread and clause ids come from documents and comments: any short, visible text. */
const REF = /^[^\p{Cc}\p{Cs}]{1,200}$/u;

export interface NotificationServiceDeps {
  store: NotificationStore;
  log: Logger;
  /** Whether e-mail goes out at all (SMTP configured); preferences are stored either way. */
  emailEnabled: boolean;
  now?: () => number;
  /** Told after new notifications were stored (the mail job sends immediate mail then). */
  onAdded?: (ids: readonly string[]) => void;
}

export function toNotificationDto(r: InboxRecord): NotificationDto {
  return {
    id: r.id,
    kind: r.kind,
    workspaceId: r.workspaceId,
    workspaceTitle: r.workspaceTitle,
    documentId: r.documentId,
    documentTitle: r.documentTitle,
    threadId: r.threadId,
    clauseId: r.clauseId,
    actor: { id: r.actorId, name: r.actorName },
    excerpt: r.excerpt,
    createdAt: r.createdAt,
    readAt: r.readAt,
    path: notificationPath(r),
  };
}

/**
 * The in-app inbox and e-mail preferences. As the `Notifier`, it takes events from the comments
 * code, which has already chosen the recipients; it still stores a row only when its recipient
 * may see the document (checked by the store), and lists only what they may still see.
 */
export class NotificationService implements Notifier {
  private readonly now: () => number;
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: NotificationServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  get emailEnabled(): boolean {
    return this.deps.emailEnabled;
  }

  /** Never throws and never blocks the caller: storage problems are logged. */
  notify(events: readonly NotificationEvent[]): void {
    let rows: NewNotification[];
    try {
      rows = this.prepare(events);
    } catch (err) {
      this.deps.log.error({ err }, 'notifications dropped: bad events');
      return;
    }
    if (rows.length === 0) return;
    this.track(
      this.deps.store
        .add(rows, this.now() - DEDUPE_WINDOW_MS)
        .then((ids) => {
          if (ids.length > 0) this.deps.onAdded?.(ids);
        })
        .catch((err: unknown) => this.deps.log.error({ err }, 'storing notifications failed')),
    );
  }

  /** Resolves once every notification handed to `notify` so far is stored (or failed). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  async list(userId: string, q: NotificationListQuery): Promise<NotificationListDto> {
    let before: { createdAt: number; id: string } | undefined;
    if (q.before !== undefined) {
      const anchor = await this.deps.store.find(userId, q.before);
      if (!anchor) {
        throw new AppError('validation_failed', 'Some fields are missing or invalid', {
          fields: { before: 'no such notification' },
        });
      }
      before = { createdAt: anchor.createdAt, id: anchor.id };
    }
    const [rows, unreadCount] = await Promise.all([
      this.deps.store.list(userId, {
        unreadOnly: q.unread,
        limit: q.limit + 1,
        ...(before ? { before } : {}),
      }),
      this.deps.store.unreadCount(userId),
    ]);
    const page = rows.slice(0, q.limit);
    return {
      notifications: page.map(toNotificationDto),
      unreadCount,
      nextBefore: rows.length > q.limit ? page[page.length - 1]!.id : null,
    };
  }

  async markRead(userId: string, id: string): Promise<{ unreadCount: number }> {
    if (!ID.test(id) || !(await this.deps.store.markRead(userId, id, this.now()))) {
      throw new AppError('not_found', 'Notification not found');
    }
    return { unreadCount: await this.deps.store.unreadCount(userId) };
  }

  async markAllRead(userId: string): Promise<{ unreadCount: number }> {
    await this.deps.store.markAllRead(userId, this.now());
    return { unreadCount: await this.deps.store.unreadCount(userId) };
  }

  async preferences(userId: string): Promise<NotificationPreferencesDto> {
    return { email: await this.deps.store.preference(userId), emailEnabled: this.emailEnabled };
  }

  async setPreferences(
    userId: string,
    body: { email: EmailFrequency },
  ): Promise<NotificationPreferencesDto> {
    await this.deps.store.setPreference(userId, body.email, this.now());
    return this.preferences(userId);
  }

  /**
   * Someone's rights in a workspace changed (role, party, removal): what they may no longer see
   * is deleted. (Listing already hides it; this keeps the table honest.)
   */
  accessChanged(workspaceId: string, userId: string): void {
    this.track(
      this.deps.store
        .forgetInvisible(workspaceId, userId)
        .then(() => undefined)
        .catch((err: unknown) =>
          this.deps.log.error({ err, workspaceId, userId }, 'forgetting notifications failed'),
        ),
    );
  }

  private track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  /** Well-formed, not to oneself, excerpt made plain, one per recipient and subject. */
  private prepare(events: readonly NotificationEvent[]): NewNotification[] {
    const createdAt = this.now();
    const byKey = new Map<string, NewNotification>();
    for (const e of events) {
      if (!this.wellFormed(e)) continue;
      if (e.userId === e.actorId) continue;
      const row: NewNotification = {
        id: newId('n'),
        userId: e.userId,
        workspaceId: e.workspaceId,
        documentId: e.documentId,
        kind: e.kind,
        threadId: e.threadId ?? null,
        clauseId: e.clauseId ?? null,
        actorId: e.actorId,
        excerpt: plainExcerpt(e.excerpt),
        createdAt,
      };
      const key = JSON.stringify([
        row.userId,
        row.documentId,
        row.threadId,
        row.clauseId,
        row.actorId,
        row.excerpt,
      ]);
      const seen = byKey.get(key);
      if (!seen || KIND_RANK[row.kind] > KIND_RANK[seen.kind]) byKey.set(key, row);
    }
    return [...byKey.values()];
  }

  private wellFormed(e: NotificationEvent): boolean {
    const ok =
      ID.test(e.userId) &&
      ID.test(e.workspaceId) &&
      ID.test(e.documentId) &&
      ID.test(e.actorId) &&
      NotificationKindSchema.safeParse(e.kind).success &&
      (e.threadId === undefined || REF.test(e.threadId)) &&
      (e.clauseId === undefined || REF.test(e.clauseId)) &&
      typeof e.excerpt === 'string';
    if (!ok) this.deps.log.warn({ event: e }, 'malformed notification event skipped');
    return ok;
  }
}
