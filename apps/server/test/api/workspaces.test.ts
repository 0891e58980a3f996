import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberDto, PartyDto, WorkspaceDto, WorkspaceSummaryDto } from '@akkoord/domain';
import { startTestServer, type TestServer } from '../helpers/testServer';
import {
  call,
  createWorkspace,
  expectError,
  expectFieldError,
  getWorkspace,
  join,
  registerAll,
  type TestUser,
} from './helpers/http';

/** Workspaces, parties, members and the audit trail through the real API. */

let srv: TestServer;
let u: Record<'fac' | 'neg' | 'obs' | 'other' | 'spare', TestUser>;

beforeAll(async () => {
  srv = await startTestServer({}, { realAuth: true });
  u = await registerAll(srv.url, ['fac', 'neg', 'obs', 'other', 'spare'] as const);
});
afterAll(async () => {
  await srv?.stop();
});

const path = (ws: WorkspaceDto, rest = '') => `/api/workspaces/${ws.id}${rest}`;

describe('create, list, get, rename', () => {
  it('creating makes the caller facilitator, with default parties, colours and one document per kind and party', async () => {
    const res = await call<{ workspace: WorkspaceDto }>(srv.url, 'POST', '/api/workspaces', {
      token: u.fac.token,
      body: { title: 'Prestatieafspraken Voorbeeldstad 2026' },
    });
    expect(res.status).toBe(201);
    const ws = res.body.workspace;
    expect(ws.id).toMatch(/^\S+$/);
    expect(ws.title).toBe('Prestatieafspraken Voorbeeldstad 2026');
    expect(ws.members).toEqual([
      { userId: u.fac.id, name: 'fac', role: 'facilitator', partyId: null },
    ]);
    expect(ws.parties.map((p) => p.kind)).toEqual(['corporation', 'municipality', 'tenants']);
    for (const p of ws.parties) expect(p.color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(new Set(ws.parties.map((p) => p.color)).size).toBe(3);

    const kinds = ws.documents.map((d) => d.kind);
    expect(kinds.filter((k) => k === 'process')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'agreement')).toHaveLength(1);
    const notes = ws.documents.filter((d) => d.kind === 'party-notes');
    expect(notes.map((d) => d.partyId).sort()).toEqual(ws.parties.map((p) => p.id).sort());
    for (const d of ws.documents) {
      expect(d.room).toMatch(/^[A-Za-z0-9._-]{1,128}$/);
      expect(typeof d.title).toBe('string');
      expect(d.id).toBeTruthy();
    }
    expect(new Set(ws.documents.map((d) => d.room)).size).toBe(ws.documents.length);
    // The same shape from GET.
    expect(await getWorkspace(srv.url, u.fac.token, ws.id)).toEqual(ws);
  });

  it('creating with explicit parties (kind and colour) uses them', async () => {
    const ws = await createWorkspace(srv.url, u.fac.token, {
      title: 'Eigen partijen',
      municipality: 'Voorbeeldstad',
      period: '2026-2029',
      parties: [
        { name: 'Woonstichting', kind: 'corporation', color: '#123456' },
        { name: 'Huurdersvereniging', kind: 'tenants' },
      ],
    });
    expect(ws.municipality).toBe('Voorbeeldstad');
    expect(ws.period).toBe('2026-2029');
    expect(ws.parties).toEqual([
      {
        id: expect.any(String) as string,
        name: 'Woonstichting',
        kind: 'corporation',
        color: '#123456',
      },
      {
        id: expect.any(String) as string,
        name: 'Huurdersvereniging',
        kind: 'tenants',
        color: expect.stringMatching(/^#/) as string,
      },
    ]);
    expect(ws.documents.filter((d) => d.kind === 'party-notes')).toHaveLength(2);
  });

  it("lists only the caller's workspaces, with their role in each", async () => {
    const mine = await createWorkspace(srv.url, u.fac.token, { title: 'Lijsttest' });
    await join(srv.url, u.fac.token, mine.id, u.neg, 'negotiator', mine.parties[2]!.id);
    const theirs = await createWorkspace(srv.url, u.other.token, { title: 'Niet gedeeld' });

    const list = async (t: string) =>
      (
        await call<{ workspaces: WorkspaceSummaryDto[] }>(srv.url, 'GET', '/api/workspaces', {
          token: t,
        })
      ).body.workspaces;
    const facList = await list(u.fac.token);
    expect(facList.find((w) => w.id === mine.id)).toMatchObject({
      title: 'Lijsttest',
      role: 'facilitator',
      partyId: null,
      party: null,
    });
    expect(facList.some((w) => w.id === theirs.id)).toBe(false);
    const negList = await list(u.neg.token);
    // The list names the negotiator's party with its colour, so no second request is needed.
    expect(negList.find((w) => w.id === mine.id)).toMatchObject({
      role: 'negotiator',
      partyId: mine.parties[2]!.id,
      party: mine.parties[2],
    });
    expect(negList.some((w) => w.id === theirs.id)).toBe(false);
    expect((await list(u.spare.token)).some((w) => w.id === mine.id)).toBe(false);
  });

  it('renaming (PATCH) changes title, municipality and period; other fields stay', async () => {
    const ws = await createWorkspace(srv.url, u.fac.token, {
      title: 'Oud',
      municipality: 'A',
      period: '2025',
    });
    const res = await call<{ workspace: WorkspaceDto }>(srv.url, 'PATCH', path(ws), {
      token: u.fac.token,
      body: { title: 'Nieuw' },
    });
    expect(res.status).toBe(200);
    expect(res.body.workspace).toMatchObject({ title: 'Nieuw', municipality: 'A', period: '2025' });
    const res2 = await call<{ workspace: WorkspaceDto }>(srv.url, 'PATCH', path(ws), {
      token: u.fac.token,
      body: { municipality: '', period: '2026-2030' },
    });
    expect(res2.body.workspace).toMatchObject({
      title: 'Nieuw',
      municipality: '',
      period: '2026-2030',
    });
    expect((await getWorkspace(srv.url, u.fac.token, ws.id)).title).toBe('Nieuw');
  });

  it('validation: 400 with field details', async () => {
    const ws = await createWorkspace(srv.url, u.fac.token, { title: 'Validatie' });
    expectFieldError(
      await call(srv.url, 'POST', '/api/workspaces', { token: u.fac.token, body: {} }),
      'title',
    );
    expectFieldError(
      await call(srv.url, 'POST', '/api/workspaces', {
        token: u.fac.token,
        body: { title: '   ' },
      }),
      'title',
    );
    expectFieldError(
      await call(srv.url, 'POST', '/api/workspaces', { token: u.fac.token, body: { title: 42 } }),
      'title',
    );
    expectFieldError(
      await call(srv.url, 'POST', '/api/workspaces', {
        token: u.fac.token,
        body: { title: 'x'.repeat(201) },
      }),
      'title',
    );
    expectFieldError(
      await call(srv.url, 'POST', '/api/workspaces', {
        token: u.fac.token,
        body: { title: 'x', parties: [{ name: 'P', kind: 'bank' }] },
      }),
      'parties.0.kind',
    );
    expectFieldError(
      await call(srv.url, 'POST', '/api/workspaces', {
        token: u.fac.token,
        body: {
          title: 'x',
          parties: Array.from({ length: 13 }, (_, i) => ({ name: `P${i}`, kind: 'other' })),
        },
      }),
      'parties',
    );
    expectError(
      await call(srv.url, 'PATCH', path(ws), { token: u.fac.token, body: {} }),
      400,
      'validation_failed',
    );
    expectFieldError(
      await call(srv.url, 'PATCH', path(ws), { token: u.fac.token, body: { title: '' } }),
      'title',
    );
    expectFieldError(
      await call(srv.url, 'POST', path(ws, '/parties'), {
        token: u.fac.token,
        body: { name: 'X' },
      }),
      'kind',
    );
    expectFieldError(
      await call(srv.url, 'POST', path(ws, '/parties'), {
        token: u.fac.token,
        body: { kind: 'other' },
      }),
      'name',
    );
    expectFieldError(
      await call(srv.url, 'POST', path(ws, '/parties'), {
        token: u.fac.token,
        body: { name: 'X', kind: 'other', color: 'red' },
      }),
      'color',
    );
    expectError(
      await call(srv.url, 'POST', '/api/workspaces', { token: u.fac.token, raw: '{"title":' }),
      400,
      'bad_request',
    );
    expectError(
      await call(srv.url, 'POST', '/api/workspaces', {
        token: u.fac.token,
        raw: '"just a string"',
      }),
      400,
    );
    expectError(
      await call(srv.url, 'POST', '/api/workspaces', { token: u.fac.token, raw: '[]' }),
      400,
      'validation_failed',
    );
  });

  it('unknown API routes answer 404 in the error shape', async () => {
    expectError(await call(srv.url, 'GET', '/api/nope', { token: u.fac.token }), 404, 'not_found');
    expectError(
      await call(srv.url, 'PUT', '/api/workspaces', { token: u.fac.token, body: {} }),
      404,
      'not_found',
    );
  });
});

describe('parties', () => {
  it('adding a party (facilitator) creates its notes document, listed with a room', async () => {
    const ws = await createWorkspace(srv.url, u.fac.token, { title: 'Partijen' });
    const res = await call<{ party: PartyDto }>(srv.url, 'POST', path(ws, '/parties'), {
      token: u.fac.token,
      body: { name: 'Zorgaanbieder', kind: 'other', color: '#abcdef' },
    });
    expect(res.status).toBe(201);
    expect(res.body.party).toEqual({
      id: expect.any(String) as string,
      name: 'Zorgaanbieder',
      kind: 'other',
      color: '#abcdef',
    });
    const after = await getWorkspace(srv.url, u.fac.token, ws.id);
    expect(after.parties).toHaveLength(4);
    const notes = after.documents.find(
      (d) => d.kind === 'party-notes' && d.partyId === res.body.party.id,
    );
    expect(notes?.room).toBeTruthy();
  });

  it('a 13th party is a 409 conflict', async () => {
    const ws = await createWorkspace(srv.url, u.fac.token, {
      title: 'Vol',
      parties: Array.from({ length: 12 }, (_, i) => ({ name: `Partij ${i}`, kind: 'other' })),
    });
    expect(ws.parties).toHaveLength(12);
    expectError(
      await call(srv.url, 'POST', path(ws, '/parties'), {
        token: u.fac.token,
        body: { name: 'Dertien', kind: 'other' },
      }),
      409,
      'conflict',
    );
  });
});

describe('members', () => {
  async function setup() {
    const ws = await createWorkspace(srv.url, u.fac.token, { title: 'Leden' });
    await join(srv.url, u.fac.token, ws.id, u.neg, 'negotiator', ws.parties[0]!.id);
    await join(srv.url, u.fac.token, ws.id, u.obs, 'observer');
    return ws;
  }
  const memberOf = async (ws: WorkspaceDto, id: string) =>
    (await getWorkspace(srv.url, u.fac.token, ws.id)).members.find((m) => m.userId === id);

  it('role changes: negotiator ↔ observer ↔ facilitator, with partyId rules', async () => {
    const ws = await setup();
    const patch = (id: string, body: unknown) =>
      call<{ member: MemberDto }>(srv.url, 'PATCH', path(ws, `/members/${id}`), {
        token: u.fac.token,
        body,
      });
    const r1 = await patch(u.neg.id, { role: 'observer' });
    expect(r1.status).toBe(200);
    expect(r1.body.member).toEqual({
      userId: u.neg.id,
      name: 'neg',
      role: 'observer',
      partyId: null,
    });
    const r2 = await patch(u.obs.id, { role: 'negotiator', partyId: ws.parties[1]!.id });
    expect(r2.body.member).toMatchObject({ role: 'negotiator', partyId: ws.parties[1]!.id });
    expect(await memberOf(ws, u.obs.id)).toMatchObject({
      role: 'negotiator',
      partyId: ws.parties[1]!.id,
    });

    expectFieldError(await patch(u.obs.id, { role: 'negotiator' }), 'partyId');
    expectFieldError(
      await patch(u.obs.id, { role: 'observer', partyId: ws.parties[0]!.id }),
      'partyId',
    );
    expectFieldError(await patch(u.obs.id, { role: 'admin' }), 'role');
    // A party of another workspace is not a party of this one.
    const elsewhere = await createWorkspace(srv.url, u.fac.token, { title: 'Elders' });
    expectFieldError(
      await patch(u.obs.id, { role: 'negotiator', partyId: elsewhere.parties[0]!.id }),
      'partyId',
    );
    expect(await memberOf(ws, u.obs.id)).toMatchObject({
      role: 'negotiator',
      partyId: ws.parties[1]!.id,
    });
    // Someone who is no member of this workspace.
    expectError(await patch(u.spare.id, { role: 'observer' }), 404, 'not_found');
  });

  it('the last facilitator cannot step down or leave (409); with a second one they can', async () => {
    const ws = await setup();
    const self = (method: string, body?: unknown) =>
      call(srv.url, method, path(ws, `/members/${u.fac.id}`), { token: u.fac.token, body });
    expectError(await self('PATCH', { role: 'observer' }), 409, 'conflict');
    expectError(await self('DELETE'), 409, 'conflict');
    expect(
      (
        await call(srv.url, 'PATCH', path(ws, `/members/${u.obs.id}`), {
          token: u.fac.token,
          body: { role: 'facilitator' },
        })
      ).status,
    ).toBe(200);
    expect((await self('PATCH', { role: 'observer' })).status).toBe(200);
    // Now the former observer is the only facilitator, and the former facilitator can no longer manage.
    expectError(
      await call(srv.url, 'GET', path(ws, '/audit'), { token: u.fac.token }),
      403,
      'forbidden',
    );
    expectError(
      await call(srv.url, 'DELETE', path(ws, `/members/${u.obs.id}`), { token: u.obs.token }),
      409,
      'conflict',
    );
  });

  it('removing a member: they lose access (404) and the workspace drops from their list', async () => {
    const ws = await setup();
    expect(
      (await call(srv.url, 'DELETE', path(ws, `/members/${u.neg.id}`), { token: u.fac.token }))
        .status,
    ).toBe(204);
    expectError(await call(srv.url, 'GET', path(ws), { token: u.neg.token }), 404, 'not_found');
    const list = await call<{ workspaces: { id: string }[] }>(srv.url, 'GET', '/api/workspaces', {
      token: u.neg.token,
    });
    expect(list.body.workspaces.some((w) => w.id === ws.id)).toBe(false);
    expectError(
      await call(srv.url, 'DELETE', path(ws, `/members/${u.neg.id}`), { token: u.fac.token }),
      404,
      'not_found',
    );
  });
});

interface AuditEntry {
  id: number;
  actorId: string;
  actorName: string;
  action: string;
  details: Record<string, unknown>;
  at: number;
}

describe('audit trail', () => {
  it('records party, invitation and member changes with actor and time, newest first; facilitator only', async () => {
    const t0 = Date.now();
    const ws = await createWorkspace(srv.url, u.fac.token, { title: 'Audit' });
    const party = (
      await call<{ party: PartyDto }>(srv.url, 'POST', path(ws, '/parties'), {
        token: u.fac.token,
        body: { name: 'Extra', kind: 'other' },
      })
    ).body.party;
    const inv = await call<{ invitation: { id: string; token: string } }>(
      srv.url,
      'POST',
      path(ws, '/invitations'),
      {
        token: u.fac.token,
        body: { role: 'negotiator', partyId: party.id },
      },
    );
    const revoked = await call<{ invitation: { id: string; token: string } }>(
      srv.url,
      'POST',
      path(ws, '/invitations'),
      {
        token: u.fac.token,
        body: { role: 'observer' },
      },
    );
    expect(
      (
        await call(srv.url, 'DELETE', path(ws, `/invitations/${revoked.body.invitation.id}`), {
          token: u.fac.token,
        })
      ).status,
    ).toBe(204);
    expect(
      (
        await call(srv.url, 'POST', `/api/invitations/${inv.body.invitation.token}/accept`, {
          token: u.neg.token,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(srv.url, 'PATCH', path(ws, `/members/${u.neg.id}`), {
          token: u.fac.token,
          body: { role: 'observer' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await call(srv.url, 'DELETE', path(ws, `/members/${u.neg.id}`), { token: u.fac.token }))
        .status,
    ).toBe(204);
    expect(
      (await call(srv.url, 'PATCH', path(ws), { token: u.fac.token, body: { title: 'Audit 2' } }))
        .status,
    ).toBe(200);

    const res = await call<{ entries: AuditEntry[] }>(srv.url, 'GET', path(ws, '/audit'), {
      token: u.fac.token,
    });
    expect(res.status).toBe(200);
    const entries = res.body.entries;
    const actions = entries.map((e) => e.action);
    expect([...actions].reverse()).toEqual([
      'workspace.created',
      'party.added',
      'invitation.created',
      'invitation.created',
      'invitation.revoked',
      'member.joined',
      'member.role_changed',
      'member.removed',
      'workspace.updated',
    ]);
    for (const e of entries) {
      expect(e.at).toBeGreaterThanOrEqual(t0 - 1000);
      expect(e.at).toBeLessThanOrEqual(Date.now() + 1000);
    }
    const by = (a: string) => entries.filter((e) => e.action === a);
    expect(by('party.added')[0]).toMatchObject({
      actorId: u.fac.id,
      actorName: 'fac',
      details: { partyId: party.id, name: 'Extra', kind: 'other' },
    });
    expect(by('invitation.created').map((e) => e.actorId)).toEqual([u.fac.id, u.fac.id]);
    expect(by('invitation.revoked')[0]).toMatchObject({
      actorId: u.fac.id,
      details: { invitationId: revoked.body.invitation.id },
    });
    // Joining is the joiner's own act.
    expect(by('member.joined')[0]).toMatchObject({
      actorId: u.neg.id,
      actorName: 'neg',
      details: { role: 'negotiator', partyId: party.id },
    });
    expect(by('member.role_changed')[0]).toMatchObject({
      actorId: u.fac.id,
      details: {
        userId: u.neg.id,
        from: { role: 'negotiator', partyId: party.id },
        to: { role: 'observer', partyId: null },
      },
    });
    expect(by('member.removed')[0]).toMatchObject({
      actorId: u.fac.id,
      details: { userId: u.neg.id },
    });
    // No secrets in the trail: invitation tokens never appear.
    const text = JSON.stringify(entries);
    expect(text).not.toContain(inv.body.invitation.token);
    expect(text).not.toContain(revoked.body.invitation.token);
  });

  it('refused changes leave no audit entry', async () => {
    const ws = await createWorkspace(srv.url, u.fac.token, { title: 'Stil' });
    await join(srv.url, u.fac.token, ws.id, u.obs, 'observer');
    const before = (
      await call<{ entries: AuditEntry[] }>(srv.url, 'GET', path(ws, '/audit'), {
        token: u.fac.token,
      })
    ).body.entries.length;
    await call(srv.url, 'POST', path(ws, '/parties'), {
      token: u.obs.token,
      body: { name: 'X', kind: 'other' },
    });
    await call(srv.url, 'POST', path(ws, '/invitations'), {
      token: u.obs.token,
      body: { role: 'observer' },
    });
    await call(srv.url, 'PATCH', path(ws, `/members/${u.fac.id}`), {
      token: u.obs.token,
      body: { role: 'observer' },
    });
    await call(srv.url, 'POST', path(ws, '/parties'), {
      token: u.other.token,
      body: { name: 'X', kind: 'other' },
    });
    const after = (
      await call<{ entries: AuditEntry[] }>(srv.url, 'GET', path(ws, '/audit'), {
        token: u.fac.token,
      })
    ).body.entries.length;
    expect(after).toBe(before);
  });
});
