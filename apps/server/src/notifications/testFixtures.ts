import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Logger } from '../logger';
import { openDatabase, type Db } from '../persistence/openDatabase';
import type { NotificationEvent } from './Notifier';

/**
 * A real SQLite file with one negotiation for notification unit tests: facilitator `fac`,
 * negotiators `a1`, `a2` (party A) and `b1` (party B), observer `obs`, and `out`, who is only
 * in a workspace of their own. Documents: the shared agreement and each party's notes.
 */
export function notificationWorld() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'akkoord-notif-'));
  const db = openDatabase(dir, 'wal');
  const now = Date.now();
  const user = (id: string, name: string) =>
    db
      .prepare(
        'INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(id, `${id}@example.nl`, name, 'x', now);
  for (const [id, name] of [
    ['u_fac', 'Fien Facilitator'],
    ['u_a1', 'Anna A'],
    ['u_a2', 'Arie A'],
    ['u_b1', 'Bert B'],
    ['u_obs', 'Olga Observer'],
    ['u_out', 'Otto Outsider'],
  ])
    user(id!, name!);
  const workspace = (id: string, title: string, by: string) =>
    db
      .prepare('INSERT INTO workspaces (id, title, created_by, created_at) VALUES (?, ?, ?, ?)')
      .run(id, title, by, now);
  workspace('w_1', 'Voorbeeldstad 2026', 'u_fac');
  workspace('w_2', 'Elders 2026', 'u_out');
  const party = (id: string, ws: string, name: string, pos: number) =>
    db
      .prepare(
        'INSERT INTO parties (id, workspace_id, name, kind, color, position) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(id, ws, name, 'other', '#000000', pos);
  party('p_a', 'w_1', 'Woningcorporatie', 0);
  party('p_b', 'w_1', 'Gemeente', 1);
  const doc = (id: string, ws: string, kind: string, title: string, partyId: string | null) =>
    db
      .prepare(
        'INSERT INTO documents (id, workspace_id, kind, title, room, party_id, position) VALUES (?, ?, ?, ?, ?, ?, 0)',
      )
      .run(id, ws, kind, title, `r_${id}`, partyId);
  doc('d_agr', 'w_1', 'agreement', 'Prestatieafspraken', null);
  doc('d_na', 'w_1', 'party-notes', 'Interne notities Woningcorporatie', 'p_a');
  doc('d_nb', 'w_1', 'party-notes', 'Interne notities Gemeente', 'p_b');
  doc('d_other', 'w_2', 'agreement', 'Prestatieafspraken', null);
  const member = (ws: string, u: string, role: string, partyId: string | null) =>
    db
      .prepare(
        'INSERT INTO members (workspace_id, user_id, role, party_id, joined_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(ws, u, role, partyId, now);
  member('w_1', 'u_fac', 'facilitator', null);
  member('w_1', 'u_a1', 'negotiator', 'p_a');
  member('w_1', 'u_a2', 'negotiator', 'p_a');
  member('w_1', 'u_b1', 'negotiator', 'p_b');
  member('w_1', 'u_obs', 'observer', null);
  member('w_2', 'u_out', 'facilitator', null);

  return {
    db,
    dir,
    /** Changes a member's role/party the way WorkspaceService does (without its checks). */
    setMember(userId: string, role: string, partyId: string | null) {
      db.prepare(
        'UPDATE members SET role = ?, party_id = ? WHERE workspace_id = ? AND user_id = ?',
      ).run(role, partyId, 'w_1', userId);
    },
    removeMember(userId: string) {
      db.prepare('DELETE FROM members WHERE workspace_id = ? AND user_id = ?').run('w_1', userId);
    },
    close() {
      if (db.open) db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type NotificationWorld = ReturnType<typeof notificationWorld>;

/** A mention of `userId` by `u_a1` in the agreement, unless overridden. */
export function mention(userId: string, over: Partial<NotificationEvent> = {}): NotificationEvent {
  return {
    userId,
    workspaceId: 'w_1',
    documentId: 'd_agr',
    kind: 'mention',
    threadId: 't_1',
    actorId: 'u_a1',
    excerpt: 'Kun je naar de huursom kijken?',
    ...over,
  };
}

/** A pino logger whose lines a test can read. */
export function capturedLogger(): { log: Logger; lines: () => { level: number; msg: string }[] } {
  const out: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      out.push(chunk.toString());
      cb();
    },
  });
  const log = pino({ level: 'debug' }, stream);
  return {
    log,
    lines: () =>
      out
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { level: number; msg: string }),
  };
}

export type { Db };
