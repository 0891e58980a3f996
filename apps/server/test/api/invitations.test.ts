import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceDto } from '@akkoord/domain';
import { startTestServer, type TestServer } from '../helpers/testServer';
import {
  call,
  createWorkspace,
  expectError,
  expectFieldError,
  getWorkspace,
  registerAll,
  type TestUser,
} from './helpers/http';
import { readDb, writeDb } from './helpers/sockets';

/** Invitation links: create, preview, accept, expiry, use limits, revocation. */

let srv: TestServer;
let u: Record<'fac' | 'a' | 'b' | 'c' | 'other', TestUser>;
let ws: WorkspaceDto;

beforeAll(async () => {
  srv = await startTestServer({ PUBLIC_URL: 'https://akkoord.example.nl/' }, { realAuth: true });
  u = await registerAll(srv.url, ['fac', 'a', 'b', 'c', 'other'] as const);
});
afterAll(async () => {
  await srv?.stop();
});

interface Created {
  invitation: {
    id: string;
    token: string;
    url: string;
    role: string;
    partyId: string | null;
    expiresAt: number;
    maxUses: number;
  };
}

async function fresh(): Promise<WorkspaceDto> {
  ws = await createWorkspace(srv.url, u.fac.token, { title: 'Uitnodigingen' });
  return ws;
}
const create = (body: unknown, token = u.fac.token) =>
  call<Created>(srv.url, 'POST', `/api/workspaces/${ws.id}/invitations`, { token, body });
const acceptAs = (user: TestUser | null, token: string) =>
  call<{
    membership: { userId: string; role: string; partyId: string | null; workspaceId: string };
  }>(srv.url, 'POST', `/api/invitations/${token}/accept`, user ? { token: user.token } : {});

describe('invitations', () => {
  it('a negotiator invitation: link under PUBLIC_URL, token stored hashed, accepted as negotiator of that party', async () => {
    await fresh();
    const party = ws.parties[1]!;
    const before = Date.now();
    const res = await create({ role: 'negotiator', partyId: party.id });
    expect(res.status).toBe(201);
    const inv = res.body.invitation;
    expect(inv.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(inv.url).toBe(`https://akkoord.example.nl/invite/${inv.token}`);
    expect(inv).toMatchObject({ role: 'negotiator', partyId: party.id, maxUses: 1 });
    // Default: valid for a week.
    expect(inv.expiresAt).toBeGreaterThanOrEqual(before + 7 * 24 * 3600_000 - 1000);
    expect(inv.expiresAt).toBeLessThanOrEqual(Date.now() + 7 * 24 * 3600_000 + 1000);

    const rows = readDb<Record<string, unknown>>(
      srv.dataDir,
      'SELECT * FROM invitations WHERE id = ?',
      inv.id,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(inv.token).digest('hex'));
    expect(JSON.stringify(rows[0])).not.toContain(inv.token);

    const preview = await call<{
      invitation: {
        workspace: { id: string; title: string };
        role: string;
        party: { id: string } | null;
      };
    }>(srv.url, 'GET', `/api/invitations/${inv.token}`);
    expect(preview.status).toBe(200);
    expect(preview.body.invitation).toMatchObject({
      workspace: { id: ws.id, title: 'Uitnodigingen' },
      role: 'negotiator',
      party: { id: party.id },
    });

    const acc = await acceptAs(u.a, inv.token);
    expect(acc.status).toBe(200);
    expect(acc.body.membership).toMatchObject({
      userId: u.a.id,
      role: 'negotiator',
      partyId: party.id,
      workspaceId: ws.id,
    });
    expect(
      (await getWorkspace(srv.url, u.a.token, ws.id)).members.find((m) => m.userId === u.a.id),
    ).toMatchObject({
      role: 'negotiator',
      partyId: party.id,
    });
  });

  it('observer and facilitator invitations grant those roles', async () => {
    await fresh();
    const obs = (await create({ role: 'observer' })).body.invitation;
    const fac = (await create({ role: 'facilitator' })).body.invitation;
    expect((await acceptAs(u.a, obs.token)).body.membership).toMatchObject({
      role: 'observer',
      partyId: null,
    });
    expect((await acceptAs(u.b, fac.token)).body.membership).toMatchObject({
      role: 'facilitator',
      partyId: null,
    });
    // The co-facilitator may manage.
    expect(
      (await call(srv.url, 'GET', `/api/workspaces/${ws.id}/audit`, { token: u.b.token })).status,
    ).toBe(200);
  });

  it('the use limit holds: maxUses 2 admits two people, the third gets 404', async () => {
    await fresh();
    const inv = (await create({ role: 'observer', maxUses: 2 })).body.invitation;
    expect((await acceptAs(u.a, inv.token)).status).toBe(200);
    expect((await acceptAs(u.b, inv.token)).status).toBe(200);
    expectError(await acceptAs(u.c, inv.token), 404, 'not_found');
    expectError(await call(srv.url, 'GET', `/api/invitations/${inv.token}`), 404, 'not_found');
    const list = await call<{ invitations: { id: string; uses: number; maxUses: number }[] }>(
      srv.url,
      'GET',
      `/api/workspaces/${ws.id}/invitations`,
      {
        token: u.fac.token,
      },
    );
    expect(list.body.invitations.find((i) => i.id === inv.id)).toMatchObject({
      uses: 2,
      maxUses: 2,
    });
  });

  it('two people racing for a single-use link: exactly one gets in', async () => {
    await fresh();
    const inv = (await create({ role: 'observer' })).body.invitation;
    const results = await Promise.all([
      acceptAs(u.a, inv.token),
      acceptAs(u.b, inv.token),
      acceptAs(u.c, inv.token),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 404, 404]);
    const members = (await getWorkspace(srv.url, u.fac.token, ws.id)).members;
    expect(members).toHaveLength(2);
  });

  it('an expired invitation is 404 (preview and accept)', async () => {
    await fresh();
    const inv = (await create({ role: 'observer', expiresInHours: 1 })).body.invitation;
    expect(
      writeDb(
        srv.dataDir,
        'UPDATE invitations SET expires_at = ? WHERE id = ?',
        Date.now() - 1,
        inv.id,
      ),
    ).toBe(1);
    expectError(await call(srv.url, 'GET', `/api/invitations/${inv.token}`), 404, 'not_found');
    expectError(await acceptAs(u.a, inv.token), 404, 'not_found');
    expectError(await call(srv.url, 'GET', `/api/workspaces/${ws.id}`, { token: u.a.token }), 404);
  });

  it('a revoked invitation is 404; revoking twice or an unknown id is 404', async () => {
    await fresh();
    const inv = (await create({ role: 'observer' })).body.invitation;
    expect(
      (
        await call(srv.url, 'DELETE', `/api/workspaces/${ws.id}/invitations/${inv.id}`, {
          token: u.fac.token,
        })
      ).status,
    ).toBe(204);
    expectError(await acceptAs(u.a, inv.token), 404, 'not_found');
    expectError(
      await call(srv.url, 'DELETE', `/api/workspaces/${ws.id}/invitations/${inv.id}`, {
        token: u.fac.token,
      }),
      404,
      'not_found',
    );
    expectError(
      await call(srv.url, 'DELETE', `/api/workspaces/${ws.id}/invitations/i_nope`, {
        token: u.fac.token,
      }),
      404,
      'not_found',
    );
    const list = await call<{ invitations: { id: string; revoked: boolean }[] }>(
      srv.url,
      'GET',
      `/api/workspaces/${ws.id}/invitations`,
      {
        token: u.fac.token,
      },
    );
    expect(list.body.invitations.find((i) => i.id === inv.id)!.revoked).toBe(true);
  });

  it('an invitation cannot be revoked through another workspace the facilitator manages', async () => {
    await fresh();
    const inv = (await create({ role: 'observer' })).body.invitation;
    const mine = await createWorkspace(srv.url, u.fac.token, { title: 'Tweede' });
    expectError(
      await call(srv.url, 'DELETE', `/api/workspaces/${mine.id}/invitations/${inv.id}`, {
        token: u.fac.token,
      }),
      404,
      'not_found',
    );
    expect((await acceptAs(u.a, inv.token)).status).toBe(200);
  });

  it('accepting needs a login (401), and a member accepting again gets 409 without using the link up', async () => {
    await fresh();
    const inv = (await create({ role: 'observer', maxUses: 2 })).body.invitation;
    expectError(await acceptAs(null, inv.token), 401, 'unauthenticated');
    expectError(await acceptAs(u.fac, inv.token), 409, 'conflict');
    expect((await acceptAs(u.a, inv.token)).status).toBe(200);
    expectError(await acceptAs(u.a, inv.token), 409, 'conflict');
    expect((await acceptAs(u.b, inv.token)).status).toBe(200);
  });

  it('unknown tokens: 404 for preview and accept', async () => {
    expectError(await call(srv.url, 'GET', '/api/invitations/not-a-token'), 404, 'not_found');
    expectError(await acceptAs(u.a, 'not-a-token'), 404, 'not_found');
  });

  it('the invitation list never shows tokens', async () => {
    await fresh();
    const inv = (await create({ role: 'observer' })).body.invitation;
    const list = await call(srv.url, 'GET', `/api/workspaces/${ws.id}/invitations`, {
      token: u.fac.token,
    });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(inv.token);
    expect(JSON.stringify(list.body)).not.toContain(
      createHash('sha256').update(inv.token).digest('hex'),
    );
  });

  it('validation: 400 with field details', async () => {
    await fresh();
    const elsewhere = await createWorkspace(srv.url, u.other.token, { title: 'Elders' });
    expectFieldError(await create({}), 'role');
    expectFieldError(await create({ role: 'boss' }), 'role');
    expectFieldError(await create({ role: 'negotiator' }), 'partyId');
    expectFieldError(await create({ role: 'observer', partyId: ws.parties[0]!.id }), 'partyId');
    expectFieldError(
      await create({ role: 'negotiator', partyId: elsewhere.parties[0]!.id }),
      'partyId',
    );
    expectFieldError(await create({ role: 'observer', maxUses: 0 }), 'maxUses');
    expectFieldError(await create({ role: 'observer', maxUses: 101 }), 'maxUses');
    expectFieldError(await create({ role: 'observer', maxUses: 1.5 }), 'maxUses');
    expectFieldError(await create({ role: 'observer', expiresInHours: 0 }), 'expiresInHours');
    expectFieldError(await create({ role: 'observer', expiresInHours: 24 * 31 }), 'expiresInHours');
    expectFieldError(await create({ role: 'observer', expiresInHours: '24' }), 'expiresInHours');
    const list = await call<{ invitations: unknown[] }>(
      srv.url,
      'GET',
      `/api/workspaces/${ws.id}/invitations`,
      { token: u.fac.token },
    );
    expect(list.body.invitations).toHaveLength(0);
  });
});

describe('invitation links without PUBLIC_URL', () => {
  it('point back at the origin the request came to', async () => {
    const local = await startTestServer({}, { realAuth: true });
    try {
      const reg = await call<{ token: string }>(local.url, 'POST', '/api/auth/register', {
        body: { email: 'links@example.nl', password: 'lang-genoeg-wachtwoord', name: 'L' },
      });
      const w = await createWorkspace(local.url, reg.body.token, { title: 'Links' });
      const res = await call<Created>(local.url, 'POST', `/api/workspaces/${w.id}/invitations`, {
        token: reg.body.token,
        body: { role: 'observer' },
      });
      expect(res.body.invitation.url).toBe(`${local.url}/invite/${res.body.invitation.token}`);
    } finally {
      await local.stop();
    }
  });
});
