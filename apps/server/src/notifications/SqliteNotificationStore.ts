import { DEFAULT_EMAIL_FREQUENCY, type EmailFrequency } from '@akkoord/domain';
import type { Db } from '../persistence/openDatabase';
import { settle } from '../persistence/settle';
import type {
  InboxQuery,
  InboxRecord,
  MailRecord,
  NewNotification,
  NotificationStore,
} from './NotificationStore';

interface Row {
  id: string;
  user_id: string;
  workspace_id: string;
  workspace_title: string;
  document_id: string;
  document_title: string;
  kind: InboxRecord['kind'];
  thread_id: string | null;
  clause_id: string | null;
  actor_id: string;
  actor_name: string;
  excerpt: string;
  created_at: number;
  read_at: number | null;
  emailed_at: number | null;
}
interface MailRow extends Row {
  user_email: string;
  user_name: string;
}

const toRecord = (r: Row): InboxRecord => ({
  id: r.id,
  userId: r.user_id,
  workspaceId: r.workspace_id,
  workspaceTitle: r.workspace_title,
  documentId: r.document_id,
  documentTitle: r.document_title,
  kind: r.kind,
  threadId: r.thread_id,
  clauseId: r.clause_id,
  actorId: r.actor_id,
  actorName: r.actor_name,
  excerpt: r.excerpt,
  createdAt: r.created_at,
  readAt: r.read_at,
  emailedAt: r.emailed_at,
});

/**
 * Who may open a document, in SQL: the same rule as `documentAccess` in workspaces/access.ts
 * (party notes only for that party's negotiators; everything else for every member).
 * `m` is the membership row, `d` the document row.
 */
const MAY_OPEN = `(d.kind <> 'party-notes' OR (m.role = 'negotiator' AND m.party_id = d.party_id))`;

/**
 * The rows their recipient may see: still a member with the very role and party they had when
 * the row was made (a party switch hides what the old party's people were told), and the
 * document still open to them.
 */
const visible = (extraJoin = '') => `
  FROM notifications n
  JOIN members m ON m.workspace_id = n.workspace_id AND m.user_id = n.user_id
    AND m.role = n.recipient_role AND m.party_id IS n.recipient_party_id
  JOIN documents d ON d.id = n.document_id AND d.workspace_id = n.workspace_id
  JOIN workspaces w ON w.id = n.workspace_id
  JOIN users a ON a.id = n.actor_id
  ${extraJoin}
  WHERE ${MAY_OPEN}`;
const VISIBLE = visible();

const COLUMNS = `n.id, n.user_id, n.workspace_id, w.title AS workspace_title, n.document_id,
  d.title AS document_title, n.kind, n.thread_id, n.clause_id, n.actor_id, a.name AS actor_name,
  n.excerpt, n.created_at, n.read_at, n.emailed_at`;

export class SqliteNotificationStore implements NotificationStore {
  constructor(private readonly db: Db) {}

  add(rows: readonly NewNotification[], dedupeSince: number): Promise<string[]> {
    return settle(() => {
      const insert = this.db.prepare(`
        INSERT INTO notifications (id, user_id, workspace_id, document_id, kind, thread_id,
          clause_id, actor_id, excerpt, recipient_role, recipient_party_id, created_at)
        SELECT @id, m.user_id, m.workspace_id, d.id, @kind, @threadId, @clauseId, a.id, @excerpt,
          m.role, m.party_id, @createdAt
        FROM members m
        JOIN documents d ON d.id = @documentId AND d.workspace_id = m.workspace_id
        JOIN users a ON a.id = @actorId
        WHERE m.workspace_id = @workspaceId AND m.user_id = @userId AND ${MAY_OPEN}
          AND NOT EXISTS (
            SELECT 1 FROM notifications x
            WHERE x.user_id = m.user_id AND x.document_id = d.id AND x.kind = @kind
              AND x.thread_id IS @threadId AND x.clause_id IS @clauseId AND x.actor_id = a.id
              AND x.excerpt = @excerpt AND x.read_at IS NULL AND x.created_at >= @dedupeSince
          )`);
      return this.db.transaction(() =>
        rows.filter((r) => insert.run({ ...r, dedupeSince }).changes === 1).map((r) => r.id),
      )();
    });
  }

  list(userId: string, q: InboxQuery): Promise<InboxRecord[]> {
    return settle(() => {
      const params: unknown[] = [userId];
      let sql = `SELECT ${COLUMNS} ${VISIBLE} AND n.user_id = ?`;
      if (q.unreadOnly) sql += ' AND n.read_at IS NULL';
      if (q.before) {
        sql += ' AND (n.created_at < ? OR (n.created_at = ? AND n.id < ?))';
        params.push(q.before.createdAt, q.before.createdAt, q.before.id);
      }
      sql += ' ORDER BY n.created_at DESC, n.id DESC LIMIT ?';
      params.push(q.limit);
      return this.db
        .prepare<unknown[], Row>(sql)
        .all(...params)
        .map(toRecord);
    });
  }

  find(userId: string, id: string): Promise<InboxRecord | null> {
    return settle(() => {
      const r = this.db
        .prepare<[string, string], Row>(
          `SELECT ${COLUMNS} ${VISIBLE} AND n.user_id = ? AND n.id = ?`,
        )
        .get(userId, id);
      return r ? toRecord(r) : null;
    });
  }

  unreadCount(userId: string): Promise<number> {
    return settle(
      () =>
        this.db
          .prepare<[string], { n: number }>(
            `SELECT count(*) AS n ${VISIBLE} AND n.user_id = ? AND n.read_at IS NULL`,
          )
          .get(userId)!.n,
    );
  }

  markRead(userId: string, id: string, at: number): Promise<boolean> {
    return settle(
      () =>
        this.db
          .prepare(
            `UPDATE notifications SET read_at = COALESCE(read_at, ?)
             WHERE id = ? AND user_id = ?
               AND id IN (SELECT n.id ${VISIBLE} AND n.user_id = ? AND n.id = ?)`,
          )
          .run(at, id, userId, userId, id).changes === 1,
    );
  }

  markAllRead(userId: string, at: number): Promise<number> {
    return settle(
      () =>
        this.db
          .prepare(
            `UPDATE notifications SET read_at = ?
             WHERE user_id = ? AND read_at IS NULL
               AND id IN (SELECT n.id ${VISIBLE} AND n.user_id = ?)`,
          )
          .run(at, userId, userId).changes,
    );
  }

  forgetInvisible(workspaceId: string, userId: string): Promise<number> {
    return settle(
      () =>
        this.db
          .prepare(
            `DELETE FROM notifications WHERE workspace_id = ? AND user_id = ?
               AND id NOT IN (SELECT n.id ${VISIBLE} AND n.workspace_id = ? AND n.user_id = ?)`,
          )
          .run(workspaceId, userId, workspaceId, userId).changes,
    );
  }

  preference(userId: string): Promise<EmailFrequency> {
    return settle(
      () =>
        this.db
          .prepare<[string], { email: EmailFrequency }>(
            'SELECT email FROM notification_preferences WHERE user_id = ?',
          )
          .get(userId)?.email ?? DEFAULT_EMAIL_FREQUENCY,
    );
  }

  setPreference(userId: string, email: EmailFrequency, at: number): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          `INSERT INTO notification_preferences (user_id, email, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, updated_at = excluded.updated_at`,
        )
        .run(userId, email, at);
    });
  }

  pendingMail(
    frequency: 'immediate' | 'daily',
    since: number,
    until: number,
    day?: string,
  ): Promise<MailRecord[]> {
    return settle(() =>
      this.db
        .prepare<unknown[], MailRow>(
          `SELECT ${COLUMNS}, u.email AS user_email, u.name AS user_name
           ${visible('JOIN users u ON u.id = n.user_id')}
             AND n.read_at IS NULL AND n.emailed_at IS NULL
             AND n.created_at >= ? AND n.created_at < ?
             AND COALESCE((SELECT p.email FROM notification_preferences p WHERE p.user_id = n.user_id), ?) = ?
             AND (? IS NULL OR NOT EXISTS (
               SELECT 1 FROM notification_digests g WHERE g.user_id = n.user_id AND g.last_day = ?))
           ORDER BY n.user_id, n.created_at, n.id`,
        )
        .all(since, until, DEFAULT_EMAIL_FREQUENCY, frequency, day ?? null, day ?? null)
        .map((r) => ({ ...toRecord(r), userEmail: r.user_email, userName: r.user_name })),
    );
  }

  markEmailed(ids: readonly string[], at: number): Promise<void> {
    return settle(() => {
      const update = this.db.prepare('UPDATE notifications SET emailed_at = ? WHERE id = ?');
      this.db.transaction(() => {
        for (const id of ids) update.run(at, id);
      })();
    });
  }

  recordDigest(userId: string, day: string, at: number): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          `INSERT INTO notification_digests (user_id, last_day, sent_at) VALUES (?, ?, ?)
           ON CONFLICT (user_id) DO UPDATE SET last_day = excluded.last_day, sent_at = excluded.sent_at`,
        )
        .run(userId, day, at);
    });
  }
}
