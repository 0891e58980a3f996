import type { ThreadDigest } from '@akkoord/domain';
import type { Db } from '../persistence/openDatabase';
import { settle } from '../persistence/settle';

/**
 * The seam between comment threads and "since your last visit" / "waiting on you": what those
 * need of a thread (`ThreadDigest`), without knowing how comments are kept. Visibility is NOT
 * filtered here; the routes do that for the caller.
 */
export interface ThreadDigestSource {
  /** The workspace's threads (of one document when given); null when there are no threads here. */
  threads(workspaceId: string, documentId?: string): Promise<ThreadDigest[] | null>;
}

/** For a server without comment threads: every thread part of the answers says "not included". */
export const noThreads: ThreadDigestSource = { threads: () => Promise.resolve(null) };

interface ThreadRow {
  id: string;
  document_id: string;
  clause_id: string | null;
  status: 'open' | 'resolved';
  visibility: 'shared' | 'party';
  party_id: string | null;
  created_at: number;
  resolved_at: number | null;
}

interface CommentRow {
  thread_id: string;
  author_id: string;
  mentions: string;
  author_party: string | null;
}

function parseMentions(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Reads the comment tables (migration 4: `comment_threads`, `comments`) directly, read-only.
 * Deleted comments are left out. `mentions` are the users mentioned who have not written in the
 * thread since; the last author is the author of the newest comment, with the party they have in
 * the workspace now (none for the facilitator, or for someone who left).
 */
export class SqliteThreadDigests implements ThreadDigestSource {
  constructor(private readonly db: Db) {}

  threads(workspaceId: string, documentId?: string): Promise<ThreadDigest[] | null> {
    return settle(() => {
      const byDoc = documentId !== undefined;
      const threads = this.db
        .prepare<unknown[], ThreadRow>(
          `SELECT id, document_id, clause_id, status, visibility, party_id, created_at, resolved_at
           FROM comment_threads WHERE workspace_id = ? ${byDoc ? 'AND document_id = ?' : ''}
           ORDER BY created_at, id`,
        )
        .all(...(byDoc ? [workspaceId, documentId] : [workspaceId]));
      if (threads.length === 0) return [];
      const comments = this.db
        .prepare<unknown[], CommentRow>(
          `SELECT c.thread_id, c.author_id, c.mentions, m.party_id AS author_party
           FROM comments c
           JOIN comment_threads t ON t.id = c.thread_id
           LEFT JOIN members m ON m.workspace_id = t.workspace_id AND m.user_id = c.author_id
           WHERE t.workspace_id = ? ${byDoc ? 'AND t.document_id = ?' : ''}
             AND c.deleted_at IS NULL
           ORDER BY c.created_at, c.rowid`,
        )
        .all(...(byDoc ? [workspaceId, documentId] : [workspaceId]));
      const mentions = new Map<string, Set<string>>();
      const lastParty = new Map<string, string | null>();
      for (const c of comments) {
        // Pending mentions: writing answers one's own; a comment's mentions wait for an answer.
        const set = mentions.get(c.thread_id) ?? new Set<string>();
        set.delete(c.author_id);
        for (const u of parseMentions(c.mentions)) if (u !== c.author_id) set.add(u);
        mentions.set(c.thread_id, set);
        lastParty.set(c.thread_id, c.author_party);
      }
      return threads.map((t): ThreadDigest => ({
        id: t.id,
        documentId: t.document_id,
        clauseId: t.clause_id,
        status: t.status,
        visibility: t.visibility,
        partyId: t.party_id,
        mentions: [...(mentions.get(t.id) ?? [])],
        lastAuthorParty: lastParty.get(t.id) ?? null,
        createdAt: t.created_at,
        resolvedAt: t.resolved_at,
      }));
    });
  }
}
