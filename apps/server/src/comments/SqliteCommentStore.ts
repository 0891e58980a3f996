import type { TextAnchor, ThreadStatus, ThreadVisibility } from '@akkoord/domain';
import type { Db } from '../persistence/openDatabase';
import { settle } from '../persistence/settle';
import type { CommentRecord, CommentStore, NewComment, ThreadRecord } from './CommentStore';

interface ThreadRow {
  id: string;
  workspace_id: string;
  document_id: string;
  visibility: ThreadVisibility;
  party_id: string | null;
  clause_id: string | null;
  anchor: string | null;
  quote: string;
  status: ThreadStatus;
  created_by: string;
  created_at: number;
  resolved_by: string | null;
  resolved_at: number | null;
}

interface CommentRow {
  id: string;
  thread_id: string;
  author_id: string;
  author_name: string | null;
  body: string;
  mentions: string;
  created_at: number;
  edited_at: number | null;
  deleted_at: number | null;
}

function parseAnchor(json: string | null): TextAnchor | null {
  if (json === null) return null;
  const v = JSON.parse(json) as Partial<TextAnchor>;
  return typeof v.start === 'string' && typeof v.end === 'string'
    ? { start: v.start, end: v.end }
    : null;
}

function parseIds(json: string): string[] {
  const v = JSON.parse(json) as unknown;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

const toThread = (r: ThreadRow): ThreadRecord => ({
  id: r.id,
  workspaceId: r.workspace_id,
  documentId: r.document_id,
  visibility: r.visibility,
  partyId: r.party_id,
  clauseId: r.clause_id,
  anchor: parseAnchor(r.anchor),
  quote: r.quote,
  status: r.status,
  createdBy: r.created_by,
  createdAt: r.created_at,
  resolvedBy: r.resolved_by,
  resolvedAt: r.resolved_at,
});

const toComment = (r: CommentRow): CommentRecord => ({
  id: r.id,
  threadId: r.thread_id,
  authorId: r.author_id,
  authorName: r.author_name ?? '',
  body: r.body,
  mentions: parseIds(r.mentions),
  createdAt: r.created_at,
  editedAt: r.edited_at,
  deletedAt: r.deleted_at,
});

const COMMENT_COLUMNS = `c.id, c.thread_id, c.author_id, u.name AS author_name, c.body, c.mentions,
  c.created_at, c.edited_at, c.deleted_at`;

export class SqliteCommentStore implements CommentStore {
  constructor(private readonly db: Db) {}

  createThread(t: ThreadRecord, first: NewComment): Promise<void> {
    return settle(() =>
      this.db.transaction(() => {
        this.db
          .prepare(
            `INSERT INTO comment_threads (id, workspace_id, document_id, visibility, party_id,
               clause_id, anchor, quote, status, created_by, created_at, resolved_by, resolved_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            t.id,
            t.workspaceId,
            t.documentId,
            t.visibility,
            t.partyId,
            t.clauseId,
            t.anchor ? JSON.stringify({ start: t.anchor.start, end: t.anchor.end }) : null,
            t.quote,
            t.status,
            t.createdBy,
            t.createdAt,
            t.resolvedBy,
            t.resolvedAt,
          );
        this.insertComment(first);
      })(),
    );
  }

  thread(workspaceId: string, threadId: string): Promise<ThreadRecord | null> {
    return settle(() => {
      const row = this.db
        .prepare<[string, string], ThreadRow>(
          'SELECT * FROM comment_threads WHERE id = ? AND workspace_id = ?',
        )
        .get(threadId, workspaceId);
      return row ? toThread(row) : null;
    });
  }

  threadsOfDocument(workspaceId: string, documentId: string): Promise<ThreadRecord[]> {
    return settle(() =>
      this.db
        .prepare<[string, string], ThreadRow>(
          `SELECT * FROM comment_threads WHERE workspace_id = ? AND document_id = ?
           ORDER BY created_at, rowid`,
        )
        .all(workspaceId, documentId)
        .map(toThread),
    );
  }

  comments(threadIds: readonly string[]): Promise<CommentRecord[]> {
    if (threadIds.length === 0) return Promise.resolve([]);
    return settle(() =>
      this.db
        .prepare<[string], CommentRow>(
          `SELECT ${COMMENT_COLUMNS} FROM comments c LEFT JOIN users u ON u.id = c.author_id
           WHERE c.thread_id IN (SELECT value FROM json_each(?))
           ORDER BY c.created_at, c.rowid`,
        )
        .all(JSON.stringify(threadIds))
        .map(toComment),
    );
  }

  addComment(comment: NewComment): Promise<void> {
    return settle(() => this.insertComment(comment));
  }

  editComment(
    threadId: string,
    commentId: string,
    body: string,
    mentions: readonly string[],
    at: number,
  ): Promise<boolean> {
    return settle(
      () =>
        this.db
          .prepare(
            `UPDATE comments SET body = ?, mentions = ?, edited_at = ?
             WHERE id = ? AND thread_id = ? AND deleted_at IS NULL`,
          )
          .run(body, JSON.stringify(mentions), at, commentId, threadId).changes === 1,
    );
  }

  deleteComment(threadId: string, commentId: string, at: number): Promise<boolean> {
    return settle(
      () =>
        this.db
          .prepare(
            `UPDATE comments SET body = '', mentions = '[]', deleted_at = ?
             WHERE id = ? AND thread_id = ? AND deleted_at IS NULL`,
          )
          .run(at, commentId, threadId).changes === 1,
    );
  }

  setStatus(
    threadId: string,
    status: ThreadStatus,
    by: string | null,
    at: number | null,
  ): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          'UPDATE comment_threads SET status = ?, resolved_by = ?, resolved_at = ? WHERE id = ?',
        )
        .run(status, by, at, threadId);
    });
  }

  private insertComment(c: NewComment): void {
    this.db
      .prepare(
        `INSERT INTO comments (id, thread_id, author_id, body, mentions, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(c.id, c.threadId, c.authorId, c.body, JSON.stringify(c.mentions), c.createdAt);
  }
}
