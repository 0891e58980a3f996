import { z } from 'zod';

/** Shapes of the notifications API (inbox and e-mail preferences), shared by server and web. */

export const NotificationKind = z.enum(['mention', 'reply', 'waiting-on']);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** How someone wants e-mail about their notifications: each one at once, one digest a day, or none. */
export const EmailFrequency = z.enum(['immediate', 'daily', 'none']);
export type EmailFrequency = z.infer<typeof EmailFrequency>;

/** Until someone chooses: one mail a day at most (volunteers should not be flooded). */
export const DEFAULT_EMAIL_FREQUENCY: EmailFrequency = 'daily';

export const NotificationPreferencesBody = z.object({ email: EmailFrequency });
export type NotificationPreferencesBody = z.infer<typeof NotificationPreferencesBody>;

/** `GET /api/notifications?unread=1&before=<id>&limit=30`: newest first, paged by the last id seen. */
export const NotificationListQuery = z.object({
  unread: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
  before: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

export interface NotificationDto {
  id: string;
  kind: NotificationKind;
  workspaceId: string;
  workspaceTitle: string;
  documentId: string;
  documentTitle: string;
  threadId: string | null;
  clauseId: string | null;
  actor: { id: string; name: string };
  /** Plain text, short; render as text, never as HTML. */
  excerpt: string;
  createdAt: number;
  readAt: number | null;
  /** The permalink path in the web app (see `notificationPath`). */
  path: string;
}

export interface NotificationListDto {
  notifications: NotificationDto[];
  /** All of the caller's unread notifications, not only this page's. */
  unreadCount: number;
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: string | null;
}

export interface NotificationPreferencesDto {
  email: EmailFrequency;
  /** False when the server has no SMTP configured: the choice is stored but nothing is sent. */
  emailEnabled: boolean;
}

/** The web app's permalink to what a notification is about: `/w/:id/d/:docId?thread=…`. */
export function notificationPath(n: {
  workspaceId: string;
  documentId: string;
  threadId?: string | null;
  clauseId?: string | null;
}): string {
  const base = `/w/${encodeURIComponent(n.workspaceId)}/d/${encodeURIComponent(n.documentId)}`;
  if (n.threadId) return `${base}?thread=${encodeURIComponent(n.threadId)}`;
  if (n.clauseId) return `${base}?clause=${encodeURIComponent(n.clauseId)}`;
  return base;
}
