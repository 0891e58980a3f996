import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { call, createWorkspace, join, registerAll, type TestUser } from './helpers/http';
import {
  closeAllSocks,
  closedWithin,
  openSock,
  outcome,
  received,
  storedAnywhere,
  tryWrite,
  type Sock,
} from './helpers/sockets';
import type { DocumentDto, WorkspaceDto } from '@akkoord/domain';

/**
 * Rights changes reach open sockets within a second: a removed member's sockets close with
 * 4403, a demoted one's next update is refused, a promoted one may write.
 */

let srv: TestServer;
let users: Record<'facilitator' | 'member', TestUser>;
let ws: WorkspaceDto;
const doc = (kind: string, partyId?: string): DocumentDto =>
  ws.documents.find((d) => d.kind === kind && (partyId === undefined || d.partyId === partyId))!;

beforeAll(async () => {
  srv = await startTestServer({}, { realAuth: true });
  users = await registerAll(srv.url, ['facilitator', 'member'] as const);
});
afterAll(async () => {
  await srv?.stop();
});
// Each test gets its own negotiation, so one test's removals do not leak into the next.
beforeEach(async () => {
  ws = await createWorkspace(srv.url, users.facilitator.token);
});
afterEach(async () => {
  await closeAllSocks();
});

const partyA = () => ws.parties[0]!.id;
const partyB = () => ws.parties[1]!.id;

async function connected(room: string, token: string): Promise<Sock> {
  const s = openSock(srv.wsUrl, room, { token });
  expect(await outcome(s)).toBe('open');
  return s;
}

function patchMember(body: unknown) {
  return call(srv.url, 'PATCH', `/api/workspaces/${ws.id}/members/${users.member.id}`, {
    token: users.facilitator.token,
    body,
  });
}

describe('revocation of open sockets', () => {
  it("a removed negotiator's sockets (shared document and own notes) close with 4403 within 1 s", async () => {
    await join(srv.url, users.facilitator.token, ws.id, users.member, 'negotiator', partyA());
    const process = await connected(doc('process').room, users.member.token);
    const notes = await connected(doc('party-notes', partyA()).room, users.member.token);
    expect(await tryWrite(process, `before-${randomUUID()}`)).toBe('write');

    const start = Date.now();
    const res = await call(
      srv.url,
      'DELETE',
      `/api/workspaces/${ws.id}/members/${users.member.id}`,
      { token: users.facilitator.token },
    );
    expect(res.status).toBe(204);
    const closes = await Promise.all([closedWithin(process, 1000), closedWithin(notes, 1000)]);
    expect(Date.now() - start).toBeLessThan(1000);
    expect(closes).toEqual([4403, 4403]);

    // And they cannot come back.
    const again = openSock(srv.wsUrl, doc('process').room, { token: users.member.token });
    expect(await outcome(again)).toBe(4403);
  });

  it('a member who leaves on their own is disconnected the same way', async () => {
    await join(srv.url, users.facilitator.token, ws.id, users.member, 'observer');
    const s = await connected(doc('agreement').room, users.member.token);
    const res = await call(
      srv.url,
      'DELETE',
      `/api/workspaces/${ws.id}/members/${users.member.id}`,
      { token: users.member.token },
    );
    expect(res.status).toBe(204);
    expect(await closedWithin(s)).toBe(4403);
  });

  it('a negotiator turned observer has the next update refused (permission-denied) within 1 s, never stored or broadcast', async () => {
    await join(srv.url, users.facilitator.token, ws.id, users.member, 'negotiator', partyA());
    const watcher = await connected(doc('process').room, users.facilitator.token);
    const s = await connected(doc('process').room, users.member.token);
    const notes = await connected(doc('party-notes', partyA()).room, users.member.token);
    expect(await tryWrite(s, `before-${randomUUID()}`)).toBe('write');

    const start = Date.now();
    expect((await patchMember({ role: 'observer' })).status).toBe(200);
    const marker = `after-${randomUUID()}`;
    expect(await tryWrite(s, marker)).toBe('read');
    expect(Date.now() - start).toBeLessThan(1000);
    // Observers do not see party notes at all.
    expect(await closedWithin(notes)).toBe(4403);

    expect(s.closeCode).toBeNull();
    expect(await tryWrite(watcher, `barrier-${randomUUID()}`)).toBe('write');
    expect(received(watcher, marker)).toBe(false);
    expect(storedAnywhere(srv.dataDir, marker)).toBe(false);
    const late = await connected(doc('process').room, users.facilitator.token);
    expect(received(late, marker)).toBe(false);
  });

  it('an observer promoted to negotiator may write on the same socket', async () => {
    await join(srv.url, users.facilitator.token, ws.id, users.member, 'observer');
    const s = await connected(doc('process').room, users.member.token);
    expect(await tryWrite(s, `denied-${randomUUID()}`)).toBe('read');
    expect((await patchMember({ role: 'negotiator', partyId: partyA() })).status).toBe(200);
    const marker = `allowed-${randomUUID()}`;
    expect(await tryWrite(s, marker)).toBe('write');
    expect(storedAnywhere(srv.dataDir, marker)).toBe(true);
  });

  it("a negotiator moved to another party loses the old party's notes (4403) but keeps the shared documents", async () => {
    await join(srv.url, users.facilitator.token, ws.id, users.member, 'negotiator', partyA());
    const shared = await connected(doc('agreement').room, users.member.token);
    const notesA = await connected(doc('party-notes', partyA()).room, users.member.token);
    expect((await patchMember({ role: 'negotiator', partyId: partyB() })).status).toBe(200);
    expect(await closedWithin(notesA)).toBe(4403);
    expect(await tryWrite(shared, `still-${randomUUID()}`)).toBe('write');
    await connected(doc('party-notes', partyB()).room, users.member.token);
  });

  it("a negotiator promoted to facilitator loses their party's notes", async () => {
    await join(srv.url, users.facilitator.token, ws.id, users.member, 'negotiator', partyA());
    const notesA = await connected(doc('party-notes', partyA()).room, users.member.token);
    expect((await patchMember({ role: 'facilitator' })).status).toBe(200);
    expect(await closedWithin(notesA)).toBe(4403);
  });

  it("changing one member leaves other members' sockets alone", async () => {
    await join(srv.url, users.facilitator.token, ws.id, users.member, 'negotiator', partyA());
    const fac = await connected(doc('process').room, users.facilitator.token);
    const member = await connected(doc('process').room, users.member.token);
    const res = await call(
      srv.url,
      'DELETE',
      `/api/workspaces/${ws.id}/members/${users.member.id}`,
      { token: users.facilitator.token },
    );
    expect(res.status).toBe(204);
    expect(await closedWithin(member)).toBe(4403);
    expect(await tryWrite(fac, `fac-${randomUUID()}`)).toBe('write');
    expect(fac.closeCode).toBeNull();
  });

  it("removal from one workspace leaves the member's sockets in another workspace open", async () => {
    const other = await createWorkspace(srv.url, users.facilitator.token, {
      title: 'Andere gemeente',
    });
    await join(srv.url, users.facilitator.token, ws.id, users.member, 'observer');
    await join(
      srv.url,
      users.facilitator.token,
      other.id,
      users.member,
      'negotiator',
      other.parties[0]!.id,
    );
    const here = await connected(doc('process').room, users.member.token);
    const there = await connected(
      other.documents.find((d) => d.kind === 'process')!.room,
      users.member.token,
    );
    await call(srv.url, 'DELETE', `/api/workspaces/${ws.id}/members/${users.member.id}`, {
      token: users.facilitator.token,
    });
    expect(await closedWithin(here)).toBe(4403);
    expect(await tryWrite(there, `there-${randomUUID()}`)).toBe('write');
  });
});
