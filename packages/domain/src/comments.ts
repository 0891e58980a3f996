import { z } from 'zod';
import { isWellFormedAnchor, type TextAnchor } from './anchor';

/**
 * Comment threads (issue #5, "between meetings"): request bodies and answers of the comments
 * API, shared so web forms validate exactly as the server does. Threads live on the server
 * (SQL), never in the shared Y.Doc; see apps/server/SPEC.md (CMT-*).
 */

/** `shared`: everyone who can open the document; `party`: the author's party's negotiators. */
export const ThreadVisibility = z.enum(['shared', 'party']);
export type ThreadVisibility = z.infer<typeof ThreadVisibility>;

export const ThreadStatus = z.enum(['open', 'resolved']);
export type ThreadStatus = z.infer<typeof ThreadStatus>;

/** Longest comment body, in characters (UTF-16 code units, as the browser counts them). */
export const COMMENT_MAX_LENGTH = 10_000;
/** Longest stored quote of the anchored text; longer quotes are cut. */
export const QUOTE_MAX_LENGTH = 2_000;
/** Most mentions in one comment. */
export const MENTIONS_MAX = 50;

const LONE_SURROGATE = /\p{Cs}/u;
const WELL_FORMED = { message: 'contains an invalid character' };
const wellFormed = (s: string) => !LONE_SURROGATE.test(s);
const id = z.string().trim().min(1).max(64);

export const CommentBodyText = z
  .string()
  .trim()
  .min(1, 'write something first')
  .max(COMMENT_MAX_LENGTH, `at most ${COMMENT_MAX_LENGTH} characters`)
  .refine(wellFormed, WELL_FORMED);

/** User ids of members to notify; each must be able to see the thread. */
export const Mentions = z
  .array(id)
  .max(MENTIONS_MAX, `at most ${MENTIONS_MAX} mentions`)
  .transform((ids) => [...new Set(ids)]);

/** Two encoded Yjs relative positions into the `default` fragment (see `anchorFromRange`). */
export const TextAnchorBody = z
  .object({ start: z.string().min(1).max(1024), end: z.string().min(1).max(1024) })
  .refine((a) => isWellFormedAnchor(a), { message: 'not an encoded Yjs relative position' });

export const CreateThreadBody = z
  .object({
    /** Defaults to `shared`, and to `party` on a party-notes document (the only choice there). */
    visibility: ThreadVisibility.optional(),
    clauseId: id.optional(),
    anchor: TextAnchorBody.optional(),
    /** The anchored text as the author saw it; the server keeps its own reading when it has one. */
    quote: z
      .string()
      .max(QUOTE_MAX_LENGTH, `at most ${QUOTE_MAX_LENGTH} characters`)
      .refine(wellFormed, WELL_FORMED)
      .optional(),
    body: CommentBodyText,
    mentions: Mentions.default([]),
  })
  .refine((b) => b.clauseId !== undefined || b.anchor !== undefined, {
    message: 'a thread is anchored to a clause (clauseId) or to a range of text (anchor)',
    path: ['anchor'],
  });
export type CreateThreadBody = z.input<typeof CreateThreadBody>;

export const CreateCommentBody = z.object({
  body: CommentBodyText,
  mentions: Mentions.default([]),
});
export type CreateCommentBody = z.input<typeof CreateCommentBody>;

/** Editing replaces the body; `mentions`, when given, replaces the mentions (new ones notified). */
export const EditCommentBody = z.object({
  body: CommentBodyText,
  mentions: Mentions.optional(),
});
export type EditCommentBody = z.input<typeof EditCommentBody>;

export const ListThreadsQuery = z.object({ status: ThreadStatus.optional() });

export interface CommentDto {
  id: string;
  threadId: string;
  authorId: string;
  /** The author's name now (also after they left the negotiation). */
  authorName: string;
  /** Null once deleted: the comment keeps its place in the thread, its text is gone. */
  body: string | null;
  mentions: string[];
  createdAt: number;
  editedAt: number | null;
  deletedAt: number | null;
}

export interface ThreadDto {
  id: string;
  workspaceId: string;
  documentId: string;
  visibility: ThreadVisibility;
  /** The party a `party` thread belongs to; null for shared threads. */
  partyId: string | null;
  clauseId: string | null;
  anchor: TextAnchor | null;
  /** The anchored text when the thread was started (shown when it is detached). */
  quote: string;
  status: ThreadStatus;
  createdBy: string;
  createdAt: number;
  resolvedBy: string | null;
  resolvedAt: number | null;
  /** Its clause or its anchored text is gone from the document (see `locateThread`). */
  detached: boolean;
  /** Oldest first, deleted ones included (without their text). */
  comments: CommentDto[];
}

/** `GET /api/workspaces/:id/events`: the `data` of an `event: thread` (a thread changed). */
export interface ThreadEventData {
  thread: ThreadDto;
}
