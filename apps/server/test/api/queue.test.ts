import { describe, expect, it } from 'vitest';
import type {
  FacilitationEventData,
  MeetingDto,
  SpeakingEntryDto,
  SpeakingQueueDto,
} from '@akkoord/domain';
import { waitFor } from '../helpers/clients';
import { facilitationWorld, recordingDrafter } from './helpers/facilitationWorld';
import {
  call,
  expectError,
  expectFieldError,
  type ApiResponse,
  type TestUser,
} from './helpers/http';

/**
 * The speaking queue (SPEC.md MEET-5, MEET-7) against a real server: real SQLite, real HTTP,
 * the real event stream.
 */

const suite = facilitationWorld({ server: { minutesDrafter: recordingDrafter() } });
const { fac, negA, negB } = suite;
const meetingPath = (id: string, ws = suite.world.workspace.id) =>
  `/api/workspaces/${ws}/meetings/${id}`;

const post = <T>(user: TestUser, path: string, body?: unknown): Promise<ApiResponse<T>> =>
  suite.post<T>(user, path, body);

async function meeting(start: boolean): Promise<MeetingDto> {
  const created = await post<{ meeting: MeetingDto }>(
    fac(),
    `/api/workspaces/${suite.world.workspace.id}/meetings`,
    { title: 'Overleg', scheduledFor: '2026-12-01T19:30:00Z' },
  );
  if (start) await post(fac(), `${meetingPath(created.body.meeting.id)}/start`);
  return created.body.meeting;
}

const raise = (u: TestUser, id: string) =>
  post<{ entry: SpeakingEntryDto }>(u, `${meetingPath(id)}/queue`);
const queueOf = async (id: string, u: TestUser = suite.world.users.observer) =>
  (
    await call<SpeakingQueueDto>(suite.srv.url, 'GET', `${meetingPath(id)}/queue`, {
      token: u.token,
    })
  ).body;

describe('speaking queue API', () => {
  it('MEET-5 a participant raises their own hand once; observers and outsiders cannot', async () => {
    const planned = await meeting(false);
    expectError(await raise(negA(), planned.id), 409, 'conflict');
    await post(fac(), `${meetingPath(planned.id)}/start`);
    const m = planned;

    const first = await raise(negA(), m.id);
    expect(first.status).toBe(201);
    expect(first.body.entry).toMatchObject({
      userId: negA().id,
      partyId: suite.world.partyA.id,
      status: 'waiting',
      startedAt: null,
    });
    expectError(await raise(negA(), m.id), 409, 'conflict');
    expectError(await raise(suite.world.users.observer, m.id), 403, 'forbidden');
    expectError(await raise(suite.world.users.outsider, m.id), 404, 'not_found');
    expectError(
      await call(suite.srv.url, 'GET', `${meetingPath(m.id)}/queue`, {
        token: suite.world.users.outsider.token,
      }),
      404,
    );

    // Lowering withdraws; then the hand may go up again.
    const lowered = await call(suite.srv.url, 'DELETE', `${meetingPath(m.id)}/queue/mine`, {
      token: negA().token,
    });
    expect(lowered.status).toBe(204);
    expect((await queueOf(m.id)).entries.map((e) => e.status)).toEqual(['withdrawn']);
    expect((await raise(negA(), m.id)).status).toBe(201);
    await post(fac(), `${meetingPath(m.id)}/end`);
  });

  it('MEET-5 the facilitator gives the floor: one speaker at a time, in order or by choice', async () => {
    const m = await meeting(true);
    await raise(negA(), m.id);
    await raise(negB(), m.id);
    await raise(fac(), m.id);
    expectError(await post(negA(), `${meetingPath(m.id)}/queue/next`, {}), 403);

    const q1 = await post<SpeakingQueueDto>(fac(), `${meetingPath(m.id)}/queue/next`, {});
    expect(q1.status).toBe(200);
    expect(q1.body.entries.map((e) => [e.userId, e.status])).toEqual([
      [negA().id, 'speaking'],
      [negB().id, 'waiting'],
      [fac().id, 'waiting'],
    ]);
    // Raised while speaking: refused (MEET-5, once at a time).
    expectError(await raise(negA(), m.id), 409);

    // By choice: the facilitator's own hand, skipping party B; A's turn ends.
    const facEntry = q1.body.entries[2]!.id;
    const q2 = await post<SpeakingQueueDto>(fac(), `${meetingPath(m.id)}/queue/next`, {
      entryId: facEntry,
    });
    expect(q2.body.entries.map((e) => e.status)).toEqual(['done', 'waiting', 'speaking']);
    expect(q2.body.entries.filter((e) => e.status === 'speaking')).toHaveLength(1);
    expectFieldError(
      await post(fac(), `${meetingPath(m.id)}/queue/next`, { entryId: q1.body.entries[0]!.id }),
      'entryId',
    );

    const q3 = await post<SpeakingQueueDto>(fac(), `${meetingPath(m.id)}/queue/done`);
    expect(q3.body.entries.map((e) => e.status)).toEqual(['done', 'waiting', 'done']);
    expect(q3.body.balance).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ partyId: suite.world.partyA.id, turns: 1 }),
        expect.objectContaining({ partyId: suite.world.partyB.id, turns: 0, seconds: 0 }),
        expect.objectContaining({ partyId: null, turns: 1 }),
      ]),
    );
    // Every party of the workspace is in the balance, even before it spoke.
    expect(q3.body.balance.filter((b) => b.partyId !== null).map((b) => b.partyId)).toEqual(
      suite.world.workspace.parties.map((p) => p.id),
    );
    await post(fac(), `${meetingPath(m.id)}/end`);
  });

  it('MEET-5 MEET-7 ending the meeting ends the running turn; changes reach the event stream', async () => {
    const stream = await suite.events(negB());
    const m = await meeting(true);
    await raise(negB(), m.id);
    await post(fac(), `${meetingPath(m.id)}/queue/next`, {});
    await post(fac(), `${meetingPath(m.id)}/end`);
    const q = await queueOf(m.id, negA());
    expect(q.entries.map((e) => e.status)).toEqual(['done']);
    expect(q.entries[0]!.endedAt).not.toBeNull();
    expectError(await post(fac(), `${meetingPath(m.id)}/queue/done`), 409);
    expectError(await raise(negA(), m.id), 409);
    await waitFor(
      () =>
        stream
          .data<FacilitationEventData>('facilitation')
          .filter((e) => e.topic === 'queue' && e.meetingId === m.id).length >= 3,
      5_000,
      'raise, next and end queue events',
    );
  });
});
