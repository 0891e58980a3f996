import { describe, expect, it } from 'vitest';
import type { FacilitationEventData, MeetingDto, ParkingItemDto, ThreadDto } from '@akkoord/domain';
import { waitFor } from '../helpers/clients';
import { clauseElement, themeSectionOf } from '../helpers/yElements';
import { facilitationWorld } from './helpers/facilitationWorld';
import {
  call,
  expectError,
  expectFieldError,
  type ApiResponse,
  type TestUser,
} from './helpers/http';
import { storedAnywhere } from './helpers/sockets';

/**
 * The parking lot (SPEC.md MEET-6, MEET-7) against a real server: real SQLite, real HTTP, real
 * comment threads on a clause a real sync client wrote, the real event stream.
 */

let shared: ThreadDto;
/** Internal to party A: party B must not be able to park (or probe) it. */
let internal: ThreadDto;

const suite = facilitationWorld({
  setup: async () => {
    const c = await suite.syncClient(
      suite.world.docs.agreement.room,
      suite.world.users.facilitator,
    );
    const s = themeSectionOf(c.doc, 'betaalbaarheid');
    s.insert(s.length, [clauseElement({ id: 'cl-p', text: 'Servicekosten worden verrekend' })]);
    await waitFor(
      () => storedAnywhere(suite.srv.dataDir, 'Servicekosten worden verrekend'),
      10_000,
    );
    const thread = async (visibility: 'shared' | 'party') => {
      const res = await suite.post<{ thread: ThreadDto }>(
        suite.negA(),
        `/api/workspaces/${suite.world.workspace.id}/documents/${suite.world.docs.agreement.id}/threads`,
        { visibility, clauseId: 'cl-p', body: 'Later bespreken' },
      );
      if (res.status !== 201) throw new Error(`thread: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.thread;
    };
    [shared, internal] = await Promise.all([thread('shared'), thread('party')]);
  },
});
const { fac, negA, negB } = suite;
const parkingPath = (ws = suite.world.workspace.id) => `/api/workspaces/${ws}/parking`;

type ItemRes = ApiResponse<{ item: ParkingItemDto }>;
const park = (u: TestUser, body: unknown): Promise<ItemRes> =>
  call(suite.srv.url, 'POST', parkingPath(), { token: u.token, body });
const patch = (u: TestUser, id: string, body: unknown): Promise<ItemRes> =>
  call(suite.srv.url, 'PATCH', `${parkingPath()}/${id}`, { token: u.token, body });
const list = async (u: TestUser = suite.world.users.observer) =>
  (await call<{ items: ParkingItemDto[] }>(suite.srv.url, 'GET', parkingPath(), { token: u.token }))
    .body.items;

describe('parking lot API', () => {
  it('MEET-6 facilitator and negotiators park topics; observers 403, outsiders 404, bad bodies 400', async () => {
    const created = await park(negA(), { title: 'Huurbevriezing', note: 'Na de zomer' });
    expect(created.status).toBe(201);
    expect(created.body.item).toMatchObject({
      title: 'Huurbevriezing',
      note: 'Na de zomer',
      scope: 'unclear',
      status: 'open',
      theme: null,
      threadId: null,
      meetingId: null,
      createdBy: { userId: negA().id, name: negA().name },
    });
    expect((await park(fac(), { title: 'Agenda', scope: 'in-scope' })).status).toBe(201);
    expectError(await park(suite.world.users.observer, { title: 'x' }), 403, 'forbidden');
    expectError(await park(suite.world.users.outsider, { title: 'x' }), 404, 'not_found');
    expectError(
      await call(suite.srv.url, 'GET', parkingPath(), { token: suite.world.users.outsider.token }),
      404,
    );
    expectFieldError(await park(negA(), { title: '', scope: 'maybe' }), 'title', 'scope');
    expectFieldError(await park(negA(), { title: 'x', meetingId: 'nope' }), 'meetingId');
  });

  it('MEET-6 a parked thread must be one the caller can see', async () => {
    const ok = await park(negB(), { title: 'Uit de draad', threadId: shared.id });
    expect(ok.status).toBe(201);
    expect(ok.body.item.threadId).toBe(shared.id);
    // Party A's internal thread: to party B it answers like a thread that does not exist.
    const hidden = await park(negB(), { title: 'x', threadId: internal.id });
    const missing = await park(negB(), { title: 'x', threadId: 't_nonexistent' });
    expectFieldError(hidden, 'threadId');
    expect(hidden.body).toEqual(missing.body);
    expect((await park(negA(), { title: 'Intern', threadId: internal.id })).status).toBe(201);
  });

  it('MEET-6 a topic parked while a meeting runs, without naming one, belongs to that meeting', async () => {
    const ws = `/api/workspaces/${suite.world.workspace.id}`;
    const m = await call<{ meeting: MeetingDto }>(suite.srv.url, 'POST', `${ws}/meetings`, {
      token: fac().token,
      body: { title: 'Lopend', scheduledFor: '2026-12-01T19:30:00Z' },
    });
    const id = m.body.meeting.id;
    expect(
      (await call(suite.srv.url, 'POST', `${ws}/meetings/${id}/start`, { token: fac().token }))
        .status,
    ).toBe(200);
    const during = (await park(negB(), { title: 'Tijdens', threadId: shared.id })).body.item;
    expect(during.meetingId).toBe(id);
    await call(suite.srv.url, 'POST', `${ws}/meetings/${id}/end`, { token: fac().token });
    const after = (await park(negB(), { title: 'Erna' })).body.item;
    expect(after.meetingId).toBeNull();
  });

  it('MEET-6 the facilitator or the creator changes an item; done items list after open ones', async () => {
    const m = await call<{ meeting: MeetingDto }>(
      suite.srv.url,
      'POST',
      `/api/workspaces/${suite.world.workspace.id}/meetings`,
      { token: fac().token, body: { title: 'Overleg', scheduledFor: '2026-12-01T19:30:00Z' } },
    );
    const first = (await park(negA(), { title: 'Eerste', meetingId: m.body.meeting.id })).body.item;
    expect(first.meetingId).toBe(m.body.meeting.id);
    const second = (await park(negB(), { title: 'Tweede' })).body.item;

    expectError(await patch(negB(), first.id, { status: 'done' }), 403, 'forbidden');
    expectError(await patch(suite.world.users.observer, first.id, { status: 'done' }), 403);
    expectError(await patch(suite.world.users.outsider, first.id, { status: 'done' }), 404);
    expectError(await patch(fac(), 'pk_nope', { status: 'done' }), 404, 'not_found');
    expectFieldError(await patch(negA(), first.id, {}), '_');

    const byCreator = await patch(negA(), first.id, {
      scope: 'out-of-scope',
      theme: 'betaalbaarheid',
      note: 'Hoort bij de huursom',
    });
    expect(byCreator.body.item).toMatchObject({
      scope: 'out-of-scope',
      theme: 'betaalbaarheid',
      note: 'Hoort bij de huursom',
      title: 'Eerste',
    });
    const done = await patch(fac(), first.id, { status: 'done', theme: null });
    expect(done.body.item).toMatchObject({ status: 'done', theme: null, scope: 'out-of-scope' });

    const ids = (await list()).map((i) => i.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    expect(ids[ids.length - 1]).toBe(first.id);
  });

  it('MEET-7 every parking change reaches the event stream without content', async () => {
    const stream = await suite.events(suite.obs());
    const item = (await park(negA(), { title: 'Geheim onderwerp' })).body.item;
    await patch(negA(), item.id, { status: 'done' });
    await waitFor(
      () =>
        stream.data<FacilitationEventData>('facilitation').filter((e) => e.topic === 'parking')
          .length >= 2,
      5_000,
      'parking events',
    );
    expect(stream.raw()).not.toContain('Geheim onderwerp');
  });
});
