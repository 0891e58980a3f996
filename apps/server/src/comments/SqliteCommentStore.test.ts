import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../persistence/openDatabase';
import type { ThreadRecord } from './CommentStore';
import { SqliteCommentStore } from './SqliteCommentStore';

function world(): Db {
  const db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'akkoord-comments-')), 'wal');
  db.prepare(
    "INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('u1', 'a@x.nl', 'Anna', 'h', 0), ('u2', 'b@x.nl', 'Bram', 'h', 0)",
  ).run();
  db.prepare(
    "INSERT INTO workspaces (id, title, created_by, created_at) VALUES ('w1', 'W', 'u1', 0), ('w2', 'W2', 'u1', 0)",
  ).run();
  db.prepare(
    "INSERT INTO parties (id, workspace_id, name, kind, color, position) VALUES ('p1', 'w1', 'Corp', 'corporation', '#000000', 0)",
  ).run();
  db.prepare(
    "INSERT INTO documents (id, workspace_id, kind, title, room, position) VALUES ('d1', 'w1', 'agreement', 'A', 'r1', 0)",
  ).run();
  return db;
}

const thread = (over: Partial<ThreadRecord> = {}): ThreadRecord => ({
  id: 't1',
  workspaceId: 'w1',
  documentId: 'd1',
  visibility: 'shared',
  partyId: null,
  clauseId: 'c1',
  anchor: { start: 'AAAA', end: 'BBBB' },
  quote: 'citaat',
  status: 'open',
  createdBy: 'u1',
  createdAt: 10,
  resolvedBy: null,
  resolvedAt: null,
  ...over,
});

describe('SqliteCommentStore', () => {
  it('stores a thread with its first comment and reads them back in order', async () => {
    const store = new SqliteCommentStore(world());
    await store.createThread(thread(), {
      id: 'm1',
      threadId: 't1',
      authorId: 'u1',
      body: 'Eerste',
      mentions: ['u2'],
      createdAt: 10,
    });
    // Same millisecond: insertion order decides.
    await store.addComment({
      id: 'm3',
      threadId: 't1',
      authorId: 'u2',
      body: 'Tweede',
      mentions: [],
      createdAt: 11,
    });
    await store.addComment({
      id: 'm2',
      threadId: 't1',
      authorId: 'u1',
      body: 'Derde',
      mentions: [],
      createdAt: 11,
    });
    expect(await store.thread('w1', 't1')).toEqual(thread());
    expect(await store.thread('w2', 't1')).toBeNull(); // a thread belongs to its workspace
    expect((await store.threadsOfDocument('w1', 'd1')).map((t) => t.id)).toEqual(['t1']);
    const comments = await store.comments(['t1', 'nope']);
    expect(comments.map((c) => [c.id, c.authorName, c.body])).toEqual([
      ['m1', 'Anna', 'Eerste'],
      ['m3', 'Bram', 'Tweede'],
      ['m2', 'Anna', 'Derde'],
    ]);
    expect(comments[0]!.mentions).toEqual(['u2']);
    expect(await store.comments([])).toEqual([]);
  });

  it('CMT-3 deleting empties body and mentions but keeps the row; a deleted comment is not edited', async () => {
    const db = world();
    const store = new SqliteCommentStore(db);
    await store.createThread(thread(), {
      id: 'm1',
      threadId: 't1',
      authorId: 'u1',
      body: 'geheim',
      mentions: ['u2'],
      createdAt: 1,
    });
    expect(await store.editComment('t1', 'm1', 'bewerkt', [], 5)).toBe(true);
    expect(await store.editComment('other', 'm1', 'x', [], 5)).toBe(false);
    expect(await store.deleteComment('t1', 'm1', 6)).toBe(true);
    expect(await store.deleteComment('t1', 'm1', 7)).toBe(false);
    expect(await store.editComment('t1', 'm1', 'terug', [], 8)).toBe(false);
    const [c] = await store.comments(['t1']);
    expect(c).toMatchObject({ body: '', mentions: [], editedAt: 5, deletedAt: 6 });
    const raw = db.prepare('SELECT body, mentions FROM comments').all();
    expect(raw).toEqual([{ body: '', mentions: '[]' }]);
  });

  it('records resolution and its reversal', async () => {
    const store = new SqliteCommentStore(world());
    await store.createThread(thread(), {
      id: 'm1',
      threadId: 't1',
      authorId: 'u1',
      body: 'x',
      mentions: [],
      createdAt: 1,
    });
    await store.setStatus('t1', 'resolved', 'u2', 50);
    expect(await store.thread('w1', 't1')).toMatchObject({
      status: 'resolved',
      resolvedBy: 'u2',
      resolvedAt: 50,
    });
    await store.setStatus('t1', 'open', null, null);
    expect(await store.thread('w1', 't1')).toMatchObject({ status: 'open', resolvedBy: null });
  });

  it('the schema refuses a party thread without a party and a shared one with a party', async () => {
    const store = new SqliteCommentStore(world());
    const first = { threadId: 't', authorId: 'u1', body: 'x', mentions: [], createdAt: 1 };
    await expect(
      store.createThread(thread({ id: 't', visibility: 'party', partyId: null }), {
        ...first,
        id: 'a',
      }),
    ).rejects.toThrow(/CHECK/);
    await expect(
      store.createThread(thread({ id: 't', partyId: 'p1' }), { ...first, id: 'b' }),
    ).rejects.toThrow(/CHECK/);
    await store.createThread(thread({ id: 't', visibility: 'party', partyId: 'p1' }), {
      ...first,
      id: 'c',
    });
    expect((await store.thread('w1', 't'))!.partyId).toBe('p1');
  });
});
