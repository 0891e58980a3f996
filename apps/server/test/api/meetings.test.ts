import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FacilitationEventData, MeetingDto, MinutesDto } from '@akkoord/domain';
import { connectClient, waitFor, whenSynced, type Client } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { clauseElement, themeSectionOf } from '../helpers/yElements';
import { openEventStream, type EventStreamClient } from './helpers/eventStream';
import {
  buildWorld,
  call,
  expectError,
  expectFieldError,
  type ApiResponse,
  type TestUser,
  type World,
} from './helpers/http';
import { readDb, storedAnywhere } from './helpers/sockets';

/**
 * Meetings, agenda, timer, follow-me and attendance (SPEC.md MEET-1..4, MEET-7) against a real
 * server: real SQLite file, real HTTP on port 0, a real sync client writing the agreement, the
 * real event stream. The minutes module is a recording function (its own engineer builds it).
 */

let srv: TestServer;
let world: World;
const drafted: { workspaceId: string; meetingId: string }[] = [];
const clients: Client[] = [];
const streams: EventStreamClient[] = [];

beforeAll(async () => {
  srv = await startTestServer(
    {},
    {
      realAuth: true,
      minutesDrafter: {
        draftFor: (workspaceId, meetingId): Promise<MinutesDto> => {
          drafted.push({ workspaceId, meetingId });
          return Promise.resolve({
            meetingId,
            status: 'draft',
            body: `# ${meetingId}`,
            version: 1,
            approvals: [],
            updatedAt: new Date().toISOString(),
            updatedBy: null,
            lockedAt: null,
          });
        },
      },
    },
  );
  world = await buildWorld(srv.url);
});
afterAll(async () => {
  for (const s of streams.splice(0)) s.close();
  for (const c of clients.splice(0)) c.destroy();
  await srv?.stop();
});

const fac = () => world.users.facilitator;
const wsId = () => world.workspace.id;
const meetingsPath = (ws = wsId()) => `/api/workspaces/${ws}/meetings`;
const meetingPath = (id: string, ws = wsId()) => `${meetingsPath(ws)}/${id}`;

type MeetingRes = ApiResponse<{ meeting: MeetingDto }>;

async function plan(title: string, scheduledFor = '2026-12-01T19:30:00.000Z'): Promise<MeetingDto> {
  const res: MeetingRes = await call(srv.url, 'POST', meetingsPath(), {
    token: fac().token,
    body: {
      title,
      scheduledFor,
      items: [
        { title: 'Opening', timeboxMinutes: 5 },
        { title: 'Huur', documentId: world.docs.agreement.id, timeboxMinutes: 30 },
      ],
    },
  });
  expect(res.status).toBe(201);
  return res.body.meeting;
}

const post = (user: TestUser, path: string, body?: unknown): Promise<MeetingRes> =>
  call(srv.url, 'POST', path, { token: user.token, ...(body !== undefined ? { body } : {}) });

/** Ends whatever runs, so each test starts without a running meeting. */
async function endRunning(): Promise<void> {
  const res = await call<{ meetings: MeetingDto[] }>(srv.url, 'GET', meetingsPath(), {
    token: fac().token,
  });
  for (const m of res.body.meetings.filter((x) => x.status === 'running'))
    await post(fac(), `${meetingPath(m.id)}/end`);
}

describe('meetings API', () => {
  it('MEET-1 the facilitator plans; others get 403, outsiders 404, bad bodies 400', async () => {
    const body = { title: 'Overleg', scheduledFor: '2026-12-01T19:30:00Z' };
    for (const who of [world.users.negotiatorA, world.users.observer])
      expectError(await post(who, meetingsPath(), body), 403, 'forbidden');
    expectError(await post(world.users.outsider, meetingsPath(), body), 404, 'not_found');
    expectFieldError(
      await post(fac(), meetingsPath(), { scheduledFor: 'gisteren' }),
      'title',
      'scheduledFor',
    );
    expectFieldError(
      await post(fac(), meetingsPath(), { ...body, items: [{ title: 'x', timeboxMinutes: 0 }] }),
      'items.0.timeboxMinutes',
    );
    expectFieldError(
      await post(fac(), meetingsPath(), {
        ...body,
        items: [{ title: 'x', documentId: world.docs.notesA.id, timeboxMinutes: 5 }],
      }),
      'items.0.documentId',
    );
    const created = await post(fac(), meetingsPath(), body);
    expect(created.status).toBe(201);
    expect(created.body.meeting).toMatchObject({ status: 'planned', items: [], focus: null });
    // Any member reads; an outsider cannot tell the workspace or the meeting exists.
    const id = created.body.meeting.id;
    const read: MeetingRes = await call(srv.url, 'GET', meetingPath(id), {
      token: world.users.observer.token,
    });
    expect(read.body.meeting.id).toBe(id);
    expectError(
      await call(srv.url, 'GET', meetingPath(id), { token: world.users.outsider.token }),
      404,
    );
    expectError(
      await call(srv.url, 'GET', meetingPath(id, world.otherWorkspace.id), {
        token: world.users.outsider.token,
      }),
      404,
      'not_found',
    );
  });

  it('MEET-1 lists by scheduled time; agenda edits and deletion only while planned (409)', async () => {
    await endRunning();
    const late = await plan('Laat', '2026-12-20T19:30:00.000Z');
    const early = await plan('Vroeg', '2026-12-02T19:30:00.000Z');
    const list = await call<{ meetings: MeetingDto[] }>(srv.url, 'GET', meetingsPath(), {
      token: world.users.negotiatorB.token,
    });
    const order = list.body.meetings.map((m) => m.id);
    expect(order.indexOf(early.id)).toBeLessThan(order.indexOf(late.id));

    const items = [{ title: 'Nieuw', timeboxMinutes: 10 }];
    const patched: MeetingRes = await call(srv.url, 'PATCH', meetingPath(early.id), {
      token: fac().token,
      body: { items },
    });
    expect(patched.body.meeting.items.map((i) => i.title)).toEqual(['Nieuw']);
    expectFieldError(
      await call(srv.url, 'PATCH', meetingPath(early.id), { token: fac().token, body: {} }),
      '_',
    );
    expectError(
      await call(srv.url, 'PATCH', meetingPath(early.id), {
        token: world.users.negotiatorA.token,
        body: { title: 'x' },
      }),
      403,
    );

    expect((await post(fac(), `${meetingPath(early.id)}/start`)).status).toBe(200);
    expectError(
      await call(srv.url, 'PATCH', meetingPath(early.id), { token: fac().token, body: { items } }),
      409,
      'conflict',
    );
    expectError(await call(srv.url, 'DELETE', meetingPath(early.id), { token: fac().token }), 409);
    const del = await call(srv.url, 'DELETE', meetingPath(late.id), { token: fac().token });
    expect(del.status).toBe(204);
    expectError(await call(srv.url, 'GET', meetingPath(late.id), { token: fac().token }), 404);
    await endRunning();
  });

  it('MEET-1 MEET-2 start runs the first item, one meeting at a time, and keeps the agreement', async () => {
    await endRunning();
    const c = connectClient(srv.wsUrl, world.docs.agreement.room, {
      params: { token: fac().token },
    });
    clients.push(c);
    await whenSynced(c);
    const s = themeSectionOf(c.doc, 'betaalbaarheid');
    s.insert(s.length, [clauseElement({ id: 'cl-huur', text: 'De huur stijgt met inflatie' })]);
    await waitFor(() => storedAnywhere(srv.dataDir, 'De huur stijgt met inflatie'), 10_000);

    const a = await plan('A');
    const b = await plan('B');
    expectError(await post(world.users.negotiatorA, `${meetingPath(a.id)}/start`), 403);
    const started = await post(fac(), `${meetingPath(a.id)}/start`);
    expect(started.status).toBe(200);
    const m = started.body.meeting;
    expect(m.status).toBe('running');
    expect(m.currentItemId).toBe(m.items[0]!.id);
    expect(m.items[0]!.runningSince).not.toBeNull();
    expect(Math.abs(Date.parse(m.serverTime) - Date.now())).toBeLessThan(5_000);
    expectError(await post(fac(), `${meetingPath(b.id)}/start`), 409, 'conflict');
    expectError(await post(fac(), `${meetingPath(a.id)}/start`), 409, 'conflict');

    const [row] = readDb<{ clauses_at_start: string }>(
      srv.dataDir,
      'SELECT clauses_at_start FROM meetings WHERE id = ?',
      a.id,
    );
    const kept = JSON.parse(row!.clauses_at_start) as { id: string; text: string }[];
    expect(kept).toContainEqual(
      expect.objectContaining({ id: 'cl-huur', text: 'De huur stijgt met inflatie' }),
    );

    // MEET-2: moving on stops the previous item's clock.
    const moved = await post(fac(), `${meetingPath(a.id)}/current`, { itemId: m.items[1]!.id });
    expect(moved.body.meeting.items[0]!.runningSince).toBeNull();
    expect(moved.body.meeting.items[1]!.runningSince).not.toBeNull();
    expectFieldError(
      await post(fac(), `${meetingPath(a.id)}/current`, { itemId: 'nope' }),
      'itemId',
    );
    expectFieldError(await post(fac(), `${meetingPath(a.id)}/current`, {}), 'itemId');
    expectError(await post(fac(), `${meetingPath(b.id)}/current`, { itemId: null }), 409);

    // MEET-3: the focus follows a real clause of the agreement.
    const focus = await post(fac(), `${meetingPath(a.id)}/focus`, {
      documentId: world.docs.agreement.id,
      clauseId: 'cl-huur',
    });
    expect(focus.body.meeting.focus).toEqual({
      documentId: world.docs.agreement.id,
      clauseId: 'cl-huur',
      seq: 1,
    });
    expectFieldError(
      await post(fac(), `${meetingPath(a.id)}/focus`, {
        documentId: world.docs.agreement.id,
        clauseId: 'missing',
      }),
      'clauseId',
    );
    expectError(
      await post(world.users.observer, `${meetingPath(a.id)}/focus`, {
        documentId: world.docs.agreement.id,
        clauseId: null,
      }),
      403,
    );
    await endRunning();
  });

  it('MEET-4 attendance: each member once, with their party and role', async () => {
    await endRunning();
    const m = await plan('Aanwezig');
    const attend = (u: TestUser) =>
      call(srv.url, 'POST', `${meetingPath(m.id)}/attend`, { token: u.token });
    expectError(await attend(world.users.negotiatorA), 409);
    await post(fac(), `${meetingPath(m.id)}/start`);
    expect((await attend(world.users.negotiatorA)).status).toBe(204);
    expect((await attend(world.users.observer)).status).toBe(204);
    expect((await attend(world.users.negotiatorA)).status).toBe(204);
    expectError(await attend(world.users.outsider), 404);
    const got: MeetingRes = await call(srv.url, 'GET', meetingPath(m.id), { token: fac().token });
    expect(got.body.meeting.attendees.map((a) => [a.userId, a.role, a.partyId])).toEqual([
      [world.users.negotiatorA.id, 'negotiator', world.partyA.id],
      [world.users.observer.id, 'observer', null],
    ]);
    await endRunning();
  });

  it('MEET-7 end answers the meeting with its minutes draft; every change reaches the event stream', async () => {
    await endRunning();
    const stream = await openEventStream(srv.url, wsId(), { token: world.users.observer.token });
    streams.push(stream);
    const m = await plan('Einde');
    await post(fac(), `${meetingPath(m.id)}/start`);
    await post(fac(), `${meetingPath(m.id)}/focus`, {
      documentId: world.docs.agreement.id,
      clauseId: null,
    });
    expectError(await post(world.users.negotiatorB, `${meetingPath(m.id)}/end`), 403);
    drafted.length = 0;
    const ended = await call<{ meeting: MeetingDto; minutes: MinutesDto }>(
      srv.url,
      'POST',
      `${meetingPath(m.id)}/end`,
      { token: fac().token },
    );
    expect(ended.status).toBe(200);
    expect(ended.body.meeting).toMatchObject({ status: 'ended', focus: null, currentItemId: null });
    expect(ended.body.meeting.items.every((i) => i.runningSince === null)).toBe(true);
    expect(ended.body.minutes.body).toBe(`# ${m.id}`);
    expect(drafted).toEqual([{ workspaceId: wsId(), meetingId: m.id }]);
    expectError(await post(fac(), `${meetingPath(m.id)}/end`), 409);

    await waitFor(
      () =>
        stream
          .data<FacilitationEventData>('facilitation')
          .filter((e) => e.meetingId === m.id && e.topic === 'meeting').length >= 4,
      5_000,
      'create, start, focus and end events',
    );
    // Events name the part that changed, nothing more (MEET-7).
    for (const e of stream.data<FacilitationEventData>('facilitation'))
      expect(Object.keys(e).sort()).toEqual(['meetingId', 'topic']);
  });
});
