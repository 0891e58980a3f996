import type Database from 'better-sqlite3';

/**
 * Schema versions, applied in order and recorded in `PRAGMA user_version`. Append only:
 * a released migration is never edited.
 */
const migrations: string[] = [
  `CREATE TABLE doc_update (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     room TEXT NOT NULL,
     data BLOB NOT NULL
   );
   CREATE INDEX doc_update_room_seq ON doc_update (room, seq);
   CREATE TABLE doc_snapshot (
     room TEXT PRIMARY KEY,
     state BLOB NOT NULL,
     upto_seq INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );`,
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     email TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE sessions (
     token_hash TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX sessions_user ON sessions (user_id);
   CREATE TABLE workspaces (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     municipality TEXT NOT NULL DEFAULT '',
     period TEXT NOT NULL DEFAULT '',
     created_by TEXT NOT NULL REFERENCES users (id),
     created_at INTEGER NOT NULL
   );
   CREATE TABLE parties (
     id TEXT PRIMARY KEY,
     workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     kind TEXT NOT NULL,
     color TEXT NOT NULL,
     position INTEGER NOT NULL
   );
   CREATE INDEX parties_workspace ON parties (workspace_id, position);
   CREATE TABLE members (
     workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     role TEXT NOT NULL,
     party_id TEXT REFERENCES parties (id),
     joined_at INTEGER NOT NULL,
     PRIMARY KEY (workspace_id, user_id)
   );
   CREATE INDEX members_user ON members (user_id);
   CREATE TABLE documents (
     id TEXT PRIMARY KEY,
     workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
     kind TEXT NOT NULL,
     title TEXT NOT NULL,
     room TEXT NOT NULL UNIQUE,
     party_id TEXT REFERENCES parties (id),
     position INTEGER NOT NULL
   );
   CREATE INDEX documents_workspace ON documents (workspace_id, position);
   CREATE TABLE invitations (
     id TEXT PRIMARY KEY,
     token_hash TEXT NOT NULL UNIQUE,
     workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
     role TEXT NOT NULL,
     party_id TEXT REFERENCES parties (id),
     created_by TEXT NOT NULL REFERENCES users (id),
     created_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     max_uses INTEGER NOT NULL,
     uses INTEGER NOT NULL DEFAULT 0,
     revoked_at INTEGER
   );
   CREATE TABLE audit_log (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
     actor_id TEXT NOT NULL,
     action TEXT NOT NULL,
     details TEXT NOT NULL,
     at INTEGER NOT NULL
   );
   CREATE INDEX audit_workspace ON audit_log (workspace_id, id);`,
  // Notifications: the in-app inbox and e-mail preferences. A row remembers the recipient's
  // role and party when it was made; it is shown and mailed only while they are unchanged.
  `CREATE TABLE notifications (
     id TEXT PRIMARY KEY,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
     document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
     kind TEXT NOT NULL,
     thread_id TEXT,
     clause_id TEXT,
     actor_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     excerpt TEXT NOT NULL,
     recipient_role TEXT NOT NULL,
     recipient_party_id TEXT,
     created_at INTEGER NOT NULL,
     read_at INTEGER,
     emailed_at INTEGER
   );
   CREATE INDEX notifications_user ON notifications (user_id, created_at DESC, id DESC);
   CREATE INDEX notifications_unsent ON notifications (created_at)
     WHERE emailed_at IS NULL AND read_at IS NULL;
   CREATE INDEX notifications_workspace_user ON notifications (workspace_id, user_id);
   CREATE TABLE notification_preferences (
     user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
     email TEXT NOT NULL CHECK (email IN ('immediate', 'daily', 'none')),
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE notification_digests (
     user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
     last_day TEXT NOT NULL,
     sent_at INTEGER NOT NULL
   );`,
  // Comment threads (issue #5): in SQL, never in the shared Y.Doc, so internal ('party')
  // threads cannot reach another party through sync. `anchor` is JSON {start, end} of encoded
  // Yjs relative positions; `quote` keeps the anchored text for detached threads. A deleted
  // comment keeps its row (its place in the thread) with its body emptied.
  `CREATE TABLE comment_threads (
     id TEXT PRIMARY KEY,
     workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
     document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
     visibility TEXT NOT NULL CHECK (visibility IN ('shared', 'party')),
     party_id TEXT REFERENCES parties (id),
     clause_id TEXT,
     anchor TEXT,
     quote TEXT NOT NULL DEFAULT '',
     status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
     created_by TEXT NOT NULL REFERENCES users (id),
     created_at INTEGER NOT NULL,
     resolved_by TEXT REFERENCES users (id),
     resolved_at INTEGER,
     CHECK ((visibility = 'party') = (party_id IS NOT NULL))
   );
   CREATE INDEX comment_threads_document ON comment_threads (document_id, created_at);
   CREATE INDEX comment_threads_workspace ON comment_threads (workspace_id);
   CREATE TABLE comments (
     id TEXT PRIMARY KEY,
     thread_id TEXT NOT NULL REFERENCES comment_threads (id) ON DELETE CASCADE,
     author_id TEXT NOT NULL REFERENCES users (id),
     body TEXT NOT NULL,
     mentions TEXT NOT NULL DEFAULT '[]',
     created_at INTEGER NOT NULL,
     edited_at INTEGER,
     deleted_at INTEGER
   );
   CREATE INDEX comments_thread ON comments (thread_id, created_at);`,
  // "Since your last visit" (issue #5): per person and document, when they last marked it as
  // seen and its clauses as they were then (compact readClauses JSON; NULL when it was over the
  // size cap, see visits/VisitStore.ts).
  `CREATE TABLE document_visits (
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
     seen_at INTEGER NOT NULL,
     clauses TEXT,
     PRIMARY KEY (user_id, document_id)
   );
   CREATE INDEX document_visits_document ON document_visits (document_id);`,
  // Facilitator mode (issue #6). Times are epoch milliseconds. Agenda items keep the time
  // already spent plus the start of the running stretch, so every client computes the same
  // timer from server timestamps. A consent round keeps one position per party (the latest);
  // the decision log copies what was decided so later changes cannot rewrite history.
  `CREATE TABLE meetings (
     id TEXT PRIMARY KEY,
     workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
     title TEXT NOT NULL,
     scheduled_for INTEGER NOT NULL,
     status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'running', 'ended')),
     started_at INTEGER,
     ended_at INTEGER,
     current_item_id TEXT,
     focus_document_id TEXT,
     focus_clause_id TEXT,
     focus_seq INTEGER NOT NULL DEFAULT 0,
     -- The agreement's clauses when the meeting started (readClauses JSON), for the minutes' diff.
     clauses_at_start TEXT,
     created_by TEXT NOT NULL REFERENCES users (id),
     created_at INTEGER NOT NULL
   );
   CREATE INDEX meetings_workspace ON meetings (workspace_id, scheduled_for);
   CREATE UNIQUE INDEX meetings_one_running ON meetings (workspace_id) WHERE status = 'running';
   CREATE TABLE agenda_items (
     id TEXT PRIMARY KEY,
     meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
     position INTEGER NOT NULL,
     title TEXT NOT NULL,
     document_id TEXT,
     clause_id TEXT,
     theme TEXT,
     timebox_minutes INTEGER NOT NULL,
     spent_ms INTEGER NOT NULL DEFAULT 0,
     running_since INTEGER
   );
   CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);
   CREATE TABLE meeting_attendees (
     meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     party_id TEXT,
     role TEXT NOT NULL,
     first_seen_at INTEGER NOT NULL,
     PRIMARY KEY (meeting_id, user_id)
   );
   CREATE TABLE speaking_queue (
     id TEXT PRIMARY KEY,
     meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
     user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     party_id TEXT,
     status TEXT NOT NULL CHECK (status IN ('waiting', 'speaking', 'done', 'withdrawn')),
     raised_at INTEGER NOT NULL,
     started_at INTEGER,
     ended_at INTEGER
   );
   CREATE INDEX speaking_queue_meeting ON speaking_queue (meeting_id, raised_at);
   CREATE TABLE parking_items (
     id TEXT PRIMARY KEY,
     workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
     meeting_id TEXT REFERENCES meetings (id) ON DELETE SET NULL,
     title TEXT NOT NULL,
     note TEXT NOT NULL DEFAULT '',
     scope TEXT NOT NULL CHECK (scope IN ('in-scope', 'out-of-scope', 'unclear')),
     theme TEXT,
     thread_id TEXT,
     status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
     created_by TEXT NOT NULL REFERENCES users (id),
     created_at INTEGER NOT NULL
   );
   CREATE INDEX parking_items_workspace ON parking_items (workspace_id, created_at);
   CREATE TABLE consent_rounds (
     id TEXT PRIMARY KEY,
     workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
     meeting_id TEXT REFERENCES meetings (id) ON DELETE SET NULL,
     target_kind TEXT NOT NULL CHECK (target_kind IN ('clause', 'process')),
     document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
     clause_id TEXT,
     clause_number TEXT,
     text TEXT NOT NULL DEFAULT '',
     status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
     outcome TEXT CHECK (outcome IN ('agreed', 'not-agreed', 'cancelled')),
     opened_by TEXT NOT NULL REFERENCES users (id),
     opened_at INTEGER NOT NULL,
     closed_at INTEGER
   );
   CREATE INDEX consent_rounds_workspace ON consent_rounds (workspace_id, opened_at);
   CREATE UNIQUE INDEX consent_rounds_one_open ON consent_rounds (document_id, IFNULL(clause_id, ''))
     WHERE status = 'open';
   CREATE TABLE consent_positions (
     round_id TEXT NOT NULL REFERENCES consent_rounds (id) ON DELETE CASCADE,
     party_id TEXT NOT NULL,
     position TEXT NOT NULL CHECK (position IN ('agree', 'reservation', 'object')),
     reason TEXT NOT NULL DEFAULT '',
     user_id TEXT NOT NULL REFERENCES users (id),
     at INTEGER NOT NULL,
     PRIMARY KEY (round_id, party_id)
   );
   CREATE TABLE decisions (
     id TEXT PRIMARY KEY,
     workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
     meeting_id TEXT REFERENCES meetings (id) ON DELETE SET NULL,
     kind TEXT NOT NULL CHECK (kind IN ('consent', 'gate-override', 'reopen')),
     round_id TEXT,
     target TEXT NOT NULL,
     clause_number TEXT,
     outcome TEXT NOT NULL,
     reason TEXT NOT NULL DEFAULT '',
     positions TEXT NOT NULL DEFAULT '[]',
     actor_id TEXT NOT NULL REFERENCES users (id),
     actor_name TEXT NOT NULL,
     at INTEGER NOT NULL
   );
   CREATE INDEX decisions_workspace ON decisions (workspace_id, at);
   CREATE TABLE process_gates (
     workspace_id TEXT PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
     decision_id TEXT NOT NULL,
     via TEXT NOT NULL CHECK (via IN ('consent', 'override')),
     at INTEGER NOT NULL
   );
   CREATE TABLE clause_locks (
     document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
     clause_id TEXT NOT NULL,
     workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
     decision_id TEXT NOT NULL,
     locked_at INTEGER NOT NULL,
     PRIMARY KEY (document_id, clause_id)
   );
   CREATE TABLE action_items (
     id TEXT PRIMARY KEY,
     meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
     description TEXT NOT NULL,
     owner_party_id TEXT,
     owner_user_id TEXT,
     due TEXT,
     created_by TEXT NOT NULL REFERENCES users (id),
     created_at INTEGER NOT NULL
   );
   CREATE INDEX action_items_meeting ON action_items (meeting_id, created_at);
   CREATE TABLE minutes (
     meeting_id TEXT PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
     status TEXT NOT NULL CHECK (status IN ('draft', 'locked')),
     body TEXT NOT NULL,
     version INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     updated_by TEXT REFERENCES users (id),
     locked_at INTEGER
   );
   CREATE TABLE minutes_approvals (
     meeting_id TEXT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
     party_id TEXT NOT NULL,
     user_id TEXT NOT NULL REFERENCES users (id),
     version INTEGER NOT NULL,
     at INTEGER NOT NULL,
     PRIMARY KEY (meeting_id, party_id)
   );
   -- Process first (GATE-1): the agreement is read-only for negotiators until the gate opens.
   ALTER TABLE workspaces ADD COLUMN process_first INTEGER NOT NULL DEFAULT 0;`,
];

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

export const schemaVersion = migrations.length;
