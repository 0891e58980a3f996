import type { EmailFrequency } from '@akkoord/domain';
import type { NotificationKind } from './Notifier';

export interface NewNotification {
  id: string;
  userId: string;
  workspaceId: string;
  documentId: string;
  kind: NotificationKind;
  threadId: string | null;
  clauseId: string | null;
  actorId: string;
  /** Already made plain and short. */
  excerpt: string;
  createdAt: number;
}

/** A notification as its recipient sees it, with the names it needs. */
export interface InboxRecord {
  id: string;
  userId: string;
  workspaceId: string;
  workspaceTitle: string;
  documentId: string;
  documentTitle: string;
  kind: NotificationKind;
  threadId: string | null;
  clauseId: string | null;
  actorId: string;
  actorName: string;
  excerpt: string;
  createdAt: number;
  readAt: number | null;
  emailedAt: number | null;
}

/** An unread, un-mailed notification with its recipient's address, ready for e-mail. */
export interface MailRecord extends InboxRecord {
  userEmail: string;
  userName: string;
}

export interface InboxQuery {
  unreadOnly: boolean;
  /** Only notifications older than this one (of the same user), for paging. */
  before?: { createdAt: number; id: string };
  limit: number;
}

/**
 * The inbox. Every read is of the recipient's own rows and only of rows they may still see: they
 * are still a member of the workspace with the role and party they had when it was made, and may
 * open the document. Adding checks the same at the moment of adding, and drops what fails.
 */
export interface NotificationStore {
  /** Adds the rows whose recipient may see them and that are not a recent unread duplicate; returns the ids added. */
  add(rows: readonly NewNotification[], dedupeSince: number): Promise<string[]>;
  list(userId: string, q: InboxQuery): Promise<InboxRecord[]>;
  find(userId: string, id: string): Promise<InboxRecord | null>;
  unreadCount(userId: string): Promise<number>;
  /** False when the caller has no such (visible) notification. */
  markRead(userId: string, id: string, at: number): Promise<boolean>;
  markAllRead(userId: string, at: number): Promise<number>;
  /** Deletes the user's rows in the workspace that they may no longer see. */
  forgetInvisible(workspaceId: string, userId: string): Promise<number>;

  preference(userId: string): Promise<EmailFrequency>;
  setPreference(userId: string, email: EmailFrequency, at: number): Promise<void>;

  /**
   * Visible, unread, un-mailed notifications created in [since, until) of users whose e-mail
   * choice is `frequency` (no choice counts as the default); for `daily`, only of users whose
   * last digest day is not `day`. Oldest first.
   */
  pendingMail(
    frequency: 'immediate' | 'daily',
    since: number,
    until: number,
    day?: string,
  ): Promise<MailRecord[]>;
  markEmailed(ids: readonly string[], at: number): Promise<void>;
  recordDigest(userId: string, day: string, at: number): Promise<void>;
}
