import { describe, expect, it } from 'vitest';
import type { FacilitationEventData, MeetingDto, MinutesDto } from '@akkoord/domain';
import { waitFor } from '../helpers/clients';
import { clauseElement, themeSectionOf } from '../helpers/yElements';
import { facilitationWorld, recordingDrafter } from './helpers/facilitationWorld';
import {
  call,
  expectError,
  expectFieldError,
  type ApiResponse,
  type TestUser,
} from './helpers/http';
import { readDb, storedAnywhere } from './helpers/sockets';

/**
 * Meetings, agenda, timer, follow-me and attendance (SPEC.md MEET-1..4, MEET-7) against a real
 * server: real SQLite file, real HTTP on port 0, a real sync client writing the agreement, the
 * real event stream. The minutes module is a recording function (its own engineer builds it).
 */

const drafted: { workspaceId: string; meetingId: string }[] = [];
const suite = facilitationWorld({ server: { minutesDrafter: recordingDrafter(drafted) } });
const { fac, wsId } = suite;
const meetingsPath = (ws = wsId()) => `/api/workspaces/${ws}/meetings`;
const meetingPath = (id: string, ws = wsId()) => `${meetingsPath(ws)}/${id}`;

type MeetingRes = ApiResponse<{ meeting: MeetingDto }>;

async function plan(title: string, scheduledFor = '2026-12-01T19:30:00.000Z'): Promise<MeetingDto> {
  const res: MeetingRes = await call(suite.srv.url, 'POST', meetingsPath(), {
    token: fac().token,
    body: {
      title,
      scheduledFor,
      items: [
        { title: 'Opening', timeboxMinutes: 5 },
        { title: 'Huur', documentId: suite.world.docs.agreement.id, timeboxMinutes: 30 },
      ],
    },
  });
  expect(res.status).toBe(201);
  return res.body.meeting;
}

const post = (user: TestUser, path: string, body?: unknown): Promise<MeetingRes> =>
  suite.post(user, path, body);

/** Ends whatever runs, so each test starts without a running meeting. */
async function endRunning(): Promise<void> {
  const res = await call<{ meetings: MeetingDto[] }>(suite.srv.url, 'GET', meetingsPath(), {
    token: fac().token,
  });
  for (const m of res.body.meetings.filter((x) => x.status === 'running'))
    await post(fac(), `${meetingPath(m.id)}/end`);
}

describe('meetings API', () => {
  it('MEET-1 the facilitator plans; others get 403, outsiders 404, bad bodies 400', async () => {
    const body = { title: 'Overleg', scheduledFor: '2026-12-01T19:30:00Z' };
    for (const who of [suite.world.users.negotiatorA, suite.world.users.observer])
      expectError(await post(who, meetingsPath(), body), 403, 'forbidden');
    expectError(await post(suite.world.users.outsider, meetingsPath(), body), 404, 'not_found');
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
        items: [{ title: 'x', documentId: suite.world.docs.notesA.id, timeboxMinutes: 5 }],
      }),
      'items.0.documentId',
    );
    const created = await post(fac(), meetingsPath(), body);
    expect(created.status).toBe(201);
    expect(created.body.meeting).toMatchObject({ status: 'planned', items: [], focus: null });
    // Any member reads; an outsider cannot tell the workspace or the meeting exists.
    const id = created.body.meeting.id;
    const read: MeetingRes = await call(suite.srv.url, 'GET', meetingPath(id), {
      token: suite.world.users.observer.token,
    });
    expect(read.body.meeting.id).toBe(id);
    expectError(
      await call(suite.srv.url, 'GET', meetingPath(id), {
        token: suite.world.users.outsider.token,
      }),
      404,
    );
    expectError(
      await call(suite.srv.url, 'GET', meetingPath(id, suite.world.otherWorkspace.id), {
        token: suite.world.users.outsider.token,
      }),
      404,
      'not_found',
    );
  });

  it('MEET-1 lists by scheduled time; agenda edits and deletion only while planned (409)', async () => {
    await endRunning();
    const late = await plan('Laat', '2026-12-20T19:30:00.000Z');
    const early = await plan('Vroeg', '2026-12-02T19:30:00.000Z');
    const list = await call<{ meetings: MeetingDto[] }>(suite.srv.url, 'GET', meetingsPath(), {
      token: suite.world.users.negotiatorB.token,
    });
    const order = list.body.meetings.map((m) => m.id);
    expect(order.indexOf(early.id)).toBeLessThan(order.indexOf(late.id));

    const items = [{ title: 'Nieuw', timeboxMinutes: 10 }];
    const patched: MeetingRes = await call(suite.srv.url, 'PATCH', meetingPath(early.id), {
      token: fac().token,
      body: { items },
    });
    expect(patched.body.meeting.items.map((i) => i.title)).toEqual(['Nieuw']);
    expectFieldError(
      await call(suite.srv.url, 'PATCH', meetingPath(early.id), { token: fac().token, body: {} }),
      '_',
    );
    expectError(
      await call(suite.srv.url, 'PATCH', meetingPath(early.id), {
        token: suite.world.users.negotiatorA.token,
        body: { title: 'x' },
      }),
      403,
    );

    expect((await post(fac(), `${meetingPath(early.id)}/start`)).status).toBe(200);
    expectError(
      await call(suite.srv.url, 'PATCH', meetingPath(early.id), {
        token: fac().token,
        body: { items },
      }),
      409,
      'conflict',
    );
    expectError(
      await call(suite.srv.url, 'DELETE', meetingPath(early.id), { token: fac().token }),
      409,
    );
    const del = await call(suite.srv.url, 'DELETE', meetingPath(late.id), { token: fac().token });
    expect(del.status).toBe(204);
    expectError(
      await call(suite.srv.url, 'GET', meetingPath(late.id), { token: fac().token }),
      404,
    );
    await endRunning();
  });

  it('MEET-1 MEET-2 start runs the first item, one meeting at a time, and keeps the agreement', async () => {
    await endRunning();
    const c = await suite.syncClient(suite.world.docs.agreement.room, fac());
    const s = themeSectionOf(c.doc, 'betaalbaarheid');
    s.insert(s.length, [clauseElement({ id: 'cl-huur', text: 'De huur stijgt met inflatie' })]);
    await waitFor(() => storedAnywhere(suite.srv.dataDir, 'De huur stijgt met inflatie'), 10_000);

    const a = await plan('A');
    const b = await plan('B');
    expectError(await post(suite.world.users.negotiatorA, `${meetingPath(a.id)}/start`), 403);
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
      suite.srv.dataDir,
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
      documentId: suite.world.docs.agreement.id,
      clauseId: 'cl-huur',
    });
    expect(focus.body.meeting.focus).toEqual({
      documentId: suite.world.docs.agreement.id,
      clauseId: 'cl-huur',
      seq: 1,
    });
    expectFieldError(
      await post(fac(), `${meetingPath(a.id)}/focus`, {
        documentId: suite.world.docs.agreement.id,
        clauseId: 'missing',
      }),
      'clauseId',
    );
    expectError(
      await post(suite.world.users.observer, `${meetingPath(a.id)}/focus`, {
        documentId: suite.world.docs.agreement.id,
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
      call(suite.srv.url, 'POST', `${meetingPath(m.id)}/attend`, { token: u.token });
    expectError(await attend(suite.world.users.negotiatorA), 409);
    await post(fac(), `${meetingPath(m.id)}/start`);
    expect((await attend(suite.world.users.negotiatorA)).status).toBe(204);
    expect((await attend(suite.world.users.observer)).status).toBe(204);
    expect((await attend(suite.world.users.negotiatorA)).status).toBe(204);
    expectError(await attend(suite.world.users.outsider), 404);
    const got: MeetingRes = await call(suite.srv.url, 'GET', meetingPath(m.id), {
      token: fac().token,
    });
    expect(got.body.meeting.attendees.map((a) => [a.userId, a.role, a.partyId])).toEqual([
      [suite.world.users.negotiatorA.id, 'negotiator', suite.world.partyA.id],
      [suite.world.users.observer.id, 'observer', null],
    ]);
    await endRunning();
  });

  it('MEET-7 end answers the meeting with its minutes draft; every change reaches the event stream', async () => {
    await endRunning();
    const stream = await suite.events(suite.obs());
    const m = await plan('Einde');
    await post(fac(), `${meetingPath(m.id)}/start`);
    await post(fac(), `${meetingPath(m.id)}/focus`, {
      documentId: suite.world.docs.agreement.id,
      clauseId: null,
    });
    expectError(await post(suite.world.users.negotiatorB, `${meetingPath(m.id)}/end`), 403);
    drafted.length = 0;
    const ended = await call<{ meeting: MeetingDto; minutes: MinutesDto }>(
      suite.srv.url,
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
