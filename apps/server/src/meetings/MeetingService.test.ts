import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clauseJSON, secondsLeft, themeSectionJSON, type MinutesDto } from '@akkoord/domain';
import { jsonToYUpdate } from '@akkoord/domain/tiptap';
import { LocalEventHub, type WorkspaceEvent } from '../events/EventHub';
import type { DocumentReader } from '../http/routes/exportRoutes';
import { createLogger } from '../logger';
import { openDatabase, type Db } from '../persistence/openDatabase';
import { SqliteWorkspaceStore } from '../workspaces/SqliteWorkspaceStore';
import { MeetingService } from './MeetingService';
import { SqliteMeetingStore } from './SqliteMeetingStore';

/**
 * MeetingService against a real SQLite file with a stepped clock: the timer rules (MEET-2) are
 * checked to the millisecond without sleeping.
 */

const T0 = Date.parse('2026-12-01T19:30:00.000Z');

function seed(): Db {
  const db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'akkoord-meetings-')), 'wal');
  db.exec(`
    INSERT INTO users (id, email, name, password_hash, created_at) VALUES
      ('fac', 'f@x.nl', 'Fenna', 'h', 0), ('neg', 'n@x.nl', 'Niels', 'h', 0),
      ('obs', 'o@x.nl', 'Olga', 'h', 0), ('out', 'u@x.nl', 'Uri', 'h', 0);
    INSERT INTO workspaces (id, title, created_by, created_at) VALUES ('w1', 'W', 'fac', 0);
    INSERT INTO parties (id, workspace_id, name, kind, color, position)
      VALUES ('p1', 'w1', 'Corp', 'corporation', '#000000', 0);
    INSERT INTO members (workspace_id, user_id, role, party_id, joined_at) VALUES
      ('w1', 'fac', 'facilitator', NULL, 0), ('w1', 'neg', 'negotiator', 'p1', 0),
      ('w1', 'obs', 'observer', NULL, 0);
    INSERT INTO documents (id, workspace_id, kind, title, room, party_id, position) VALUES
      ('agr', 'w1', 'agreement', 'A', 'room-agr', NULL, 0),
      ('notes', 'w1', 'party-notes', 'N', 'room-notes', 'p1', 1);
  `);
  return db;
}

let db: Db;
let t: number;
let svc: MeetingService;
let events: WorkspaceEvent[];
let drafted: { workspaceId: string; meetingId: string; status: string | undefined }[];
const agreement = new Y.Doc();
Y.applyUpdate(
  agreement,
  jsonToYUpdate({
    type: 'doc',
    content: [
      themeSectionJSON('betaalbaarheid', {
        clauses: [clauseJSON({ id: 'c1', text: 'Huur stijgt niet' })],
      }),
    ],
  }),
);
const reader: DocumentReader = {
  read: (room, read) => Promise.resolve(read(room === 'room-agr' ? agreement : new Y.Doc())),
};

beforeEach(() => {
  db = seed();
  t = T0;
  events = [];
  drafted = [];
  const hub = new LocalEventHub();
  hub.subscribe('w1', (e) => events.push(e));
  const store = new SqliteMeetingStore(db);
  svc = new MeetingService({
    store,
    workspaces: new SqliteWorkspaceStore(db),
    documents: reader,
    hub,
    log: createLogger('silent'),
    now: () => t,
    minutes: {
      // A real function that records the call and what it found stored at that moment.
      async draftFor(workspaceId, meetingId): Promise<MinutesDto> {
        const m = await store.meeting(workspaceId, meetingId);
        drafted.push({ workspaceId, meetingId, status: m?.status });
        return {
          meetingId,
          status: 'draft',
          body: '# Minutes',
          version: 1,
          approvals: [],
          updatedAt: new Date(t).toISOString(),
          updatedBy: null,
          lockedAt: null,
        };
      },
    },
  });
});

const plan = (title = 'Overleg 1') =>
  svc.create('fac', 'w1', {
    title,
    scheduledFor: '2026-12-01T19:30:00.000Z',
    items: [
      { title: 'Opening', timeboxMinutes: 5 },
      { title: 'Huur', documentId: 'agr', clauseId: 'c1', timeboxMinutes: 30 },
    ],
  });

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );

describe('MeetingService', () => {
  it('MEET-2 the timer adds each running stretch to its item, in server time', async () => {
    const m = await plan();
    const [opening, huur] = m.items;
    const started = await svc.start('fac', 'w1', m.id);
    expect(started.currentItemId).toBe(opening!.id);
    expect(started.items[0]!.runningSince).toBe(new Date(T0).toISOString());

    t = T0 + 61_500;
    const moved = await svc.moveTo('fac', 'w1', m.id, huur!.id);
    expect(moved.serverTime).toBe(new Date(t).toISOString());
    expect(moved.items[0]).toMatchObject({ spentSeconds: 61, runningSince: null });
    expect(moved.items[1]).toMatchObject({ spentSeconds: 0, runningSince: moved.serverTime });

    t += 30_000;
    const back = await svc.moveTo('fac', 'w1', m.id, opening!.id);
    expect(back.items[1]).toMatchObject({ spentSeconds: 30, runningSince: null });
    // Every client computes the same time left from the same server timestamps.
    expect(secondsLeft(back.items[0]!, t + 10_000)).toBe(5 * 60 - 61 - 10);

    t += 20_000;
    const { meeting: ended } = await svc.end('fac', 'w1', m.id);
    // 61.5 s + 20 s: milliseconds add up before rounding.
    expect(ended.items[0]).toMatchObject({ spentSeconds: 81, runningSince: null });
    expect(ended.currentItemId).toBeNull();
    expect(ended.status).toBe('ended');
  });

  it('MEET-2 moving to no item stops the timer; a clock step back never subtracts time', async () => {
    const m = await plan();
    await svc.start('fac', 'w1', m.id);
    t = T0 - 5_000;
    const none = await svc.moveTo('fac', 'w1', m.id, null);
    expect(none.currentItemId).toBeNull();
    expect(none.items.map((i) => [i.spentSeconds, i.runningSince])).toEqual([
      [0, null],
      [0, null],
    ]);
  });

  it('MEET-1 only the facilitator plans and runs; outsiders do not learn the workspace exists', async () => {
    expect(await code(plan())).toBe('ok');
    for (const who of ['neg', 'obs'])
      expect(
        await code(
          svc.create(who, 'w1', { title: 'x', scheduledFor: '2026-12-01T19:30:00Z', items: [] }),
        ),
      ).toBe('forbidden');
    expect(await code(svc.list('out', 'w1'))).toBe('not_found');
    const [m] = await svc.list('obs', 'w1');
    expect(await code(svc.start('neg', 'w1', m!.id))).toBe('forbidden');
    expect(await code(svc.start('fac', 'w1', 'nope'))).toBe('not_found');
  });

  it('MEET-1 one running meeting per workspace; agenda edits and deletion only while planned', async () => {
    const a = await plan('A');
    const b = await plan('B');
    await svc.start('fac', 'w1', a.id);
    expect(await code(svc.start('fac', 'w1', b.id))).toBe('conflict');
    expect(await code(svc.start('fac', 'w1', a.id))).toBe('conflict');
    const items = [{ title: 'Nieuw', timeboxMinutes: 3 }];
    expect(await code(svc.update('fac', 'w1', a.id, { items }))).toBe('conflict');
    expect((await svc.update('fac', 'w1', a.id, { title: 'A2' })).title).toBe('A2');
    expect(await code(svc.remove('fac', 'w1', a.id))).toBe('conflict');
    expect((await svc.update('fac', 'w1', b.id, { items })).items.map((i) => i.title)).toEqual([
      'Nieuw',
    ]);
    await svc.end('fac', 'w1', a.id);
    expect((await svc.start('fac', 'w1', b.id)).status).toBe('running');
  });

  it('MEET-1 agenda items may only point at shared documents of the workspace', async () => {
    const bad = svc.create('fac', 'w1', {
      title: 'x',
      scheduledFor: '2026-12-01T19:30:00Z',
      items: [
        { title: 'a', documentId: 'notes', timeboxMinutes: 1 },
        { title: 'b', documentId: 'elsewhere', timeboxMinutes: 1 },
      ],
    });
    const err = (await bad.catch((e: unknown) => e)) as {
      code: string;
      details: { fields: Record<string, string> };
    };
    expect(err.code).toBe('validation_failed');
    expect(Object.keys(err.details.fields).sort()).toEqual([
      'items.0.documentId',
      'items.1.documentId',
    ]);
  });

  it('MEET-3 the focus bumps its sequence on every change and exists only while running', async () => {
    const m = await plan();
    expect(await code(svc.focus('fac', 'w1', m.id, { documentId: 'agr', clauseId: 'c1' }))).toBe(
      'conflict',
    );
    await svc.start('fac', 'w1', m.id);
    const f1 = await svc.focus('fac', 'w1', m.id, { documentId: 'agr', clauseId: 'c1' });
    const f2 = await svc.focus('fac', 'w1', m.id, { documentId: 'agr', clauseId: 'c1' });
    expect(f1.focus).toEqual({ documentId: 'agr', clauseId: 'c1', seq: 1 });
    expect(f2.focus?.seq).toBe(2);
    expect(await code(svc.focus('fac', 'w1', m.id, { documentId: 'agr', clauseId: 'zz' }))).toBe(
      'validation_failed',
    );
    expect(await code(svc.focus('fac', 'w1', m.id, { documentId: 'notes', clauseId: null }))).toBe(
      'validation_failed',
    );
    expect(await code(svc.focus('neg', 'w1', m.id, { documentId: 'agr', clauseId: null }))).toBe(
      'forbidden',
    );
    const { meeting } = await svc.end('fac', 'w1', m.id);
    expect(meeting.focus).toBeNull();
  });

  it('MEET-4 attendance records each member once, with party and role at that moment', async () => {
    const m = await plan();
    expect(await code(svc.attend('neg', 'w1', m.id))).toBe('conflict');
    await svc.start('fac', 'w1', m.id);
    t += 1000;
    await svc.attend('neg', 'w1', m.id);
    t += 1000;
    await svc.attend('obs', 'w1', m.id);
    const before = events.length;
    t += 1000;
    await svc.attend('neg', 'w1', m.id);
    expect(events.length).toBe(before);
    const got = await svc.meeting('obs', 'w1', m.id);
    expect(got.attendees).toEqual([
      {
        userId: 'neg',
        name: 'Niels',
        partyId: 'p1',
        role: 'negotiator',
        firstSeenAt: new Date(T0 + 1000).toISOString(),
      },
      {
        userId: 'obs',
        name: 'Olga',
        partyId: null,
        role: 'observer',
        firstSeenAt: new Date(T0 + 2000).toISOString(),
      },
    ]);
    expect(await code(svc.attend('out', 'w1', m.id))).toBe('not_found');
  });

  it('MEET-7 start keeps the agreement clauses; end drafts the minutes of the ended meeting', async () => {
    const m = await plan();
    expect(await svc.clausesAtStart('w1', m.id)).toBeNull();
    await svc.start('fac', 'w1', m.id);
    expect(await svc.current('w1')).toMatchObject({ id: m.id, status: 'running' });
    expect((await svc.clausesAtStart('w1', m.id))?.map((c) => [c.id, c.text])).toEqual([
      ['c1', 'Huur stijgt niet'],
    ]);
    const { minutes } = await svc.end('fac', 'w1', m.id);
    expect(drafted).toEqual([{ workspaceId: 'w1', meetingId: m.id, status: 'ended' }]);
    expect(minutes.body).toBe('# Minutes');
    expect(await svc.current('w1')).toBeNull();
    expect(await code(svc.end('fac', 'w1', m.id))).toBe('conflict');
    expect(drafted).toHaveLength(1);
    expect(events.every((e) => e.type === 'facilitation' && e.meetingId === m.id)).toBe(true);
    expect(events.filter((e) => e.type === 'facilitation' && e.topic === 'meeting')).toHaveLength(
      3,
    );
  });
});
