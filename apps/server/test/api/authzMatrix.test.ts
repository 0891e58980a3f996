import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer';
import {
  call,
  expectError,
  invite,
  join,
  register,
  type TestUser,
  type World,
  buildWorld,
} from './helpers/http';

/**
 * REST authorization, table-driven: every workspace route × every role × this workspace (where
 * the role is held) or another one (where the caller is no member). One test per cell, each
 * asserting the exact status; refused writes must also leave the workspace unchanged.
 */

let srv: TestServer;
let world: World;
/** An extra observer of both workspaces, the target of member changes. */
let target: TestUser;
/** Facilitator of the "other" workspace (the outsider is a plain non-member there too). */
let stranger: TestUser;
let other: { id: string; invitationId: string; memberId: string };
/** An invitation of this workspace that cells which only need an id can point at. */
let standingInvitation: string;

beforeAll(async () => {
  srv = await startTestServer({}, { realAuth: true });
  [world, target, stranger] = await Promise.all([
    buildWorld(srv.url),
    register(srv.url, 'Target'),
    register(srv.url, 'Stranger'),
  ]);
  const ws = await call<{ workspace: { id: string } }>(srv.url, 'POST', '/api/workspaces', {
    token: stranger.token,
    body: { title: 'Niet van jou' },
  });
  const otherId = ws.body.workspace.id;
  await join(srv.url, stranger.token, otherId, target, 'observer');
  const inv = await invite(srv.url, stranger.token, otherId, { role: 'observer' });
  other = { id: otherId, invitationId: inv.id, memberId: target.id };
  standingInvitation = (
    await invite(srv.url, world.users.facilitator.token, world.workspace.id, { role: 'observer' })
  ).id;
});
afterAll(async () => {
  await srv?.stop();
});

type Caller = 'facilitator' | 'negotiator' | 'observer' | 'non-member' | 'anonymous';
type Where = 'this' | 'other';
const callers: Caller[] = ['facilitator', 'negotiator', 'observer', 'non-member', 'anonymous'];

function tokenOf(c: Caller): string | undefined {
  switch (c) {
    case 'facilitator':
      return world.users.facilitator.token;
    case 'negotiator':
      return world.users.negotiatorA.token;
    case 'observer':
      return world.users.observer.token;
    case 'non-member':
      return world.users.outsider.token;
    case 'anonymous':
      return undefined;
  }
}

const isMember = async (workspaceId: string, userId: string, token: string) => {
  const res = await call<{ workspace: { members: { userId: string }[] } }>(
    srv.url,
    'GET',
    `/api/workspaces/${workspaceId}`,
    { token },
  );
  return res.body.workspace.members.some((m) => m.userId === userId);
};

/** Makes sure the target is a member of this workspace again (a previous cell may have removed it). */
async function ensureTarget(): Promise<void> {
  if (!(await isMember(world.workspace.id, target.id, world.users.facilitator.token))) {
    await join(srv.url, world.users.facilitator.token, world.workspace.id, target, 'observer');
  }
}

interface Ids {
  ws: string;
  invitationId: string;
  memberId: string;
}

interface Route {
  name: string;
  method: string;
  path: (ids: Ids) => string;
  body?: unknown;
  /** Runs before each cell in this workspace; returns the ids to use. */
  prepare?: () => Promise<Partial<Ids>>;
  /** Expected status in this workspace; the other workspace is always 404 (401 anonymous). */
  own: Record<Caller, number>;
}

const readAll = {
  facilitator: 200,
  negotiator: 200,
  observer: 200,
  'non-member': 404,
  anonymous: 401,
};
const manage = (ok: number) => ({
  facilitator: ok,
  negotiator: 403,
  observer: 403,
  'non-member': 404,
  anonymous: 401,
});

const freshInvitation = async () => ({
  invitationId: (
    await invite(srv.url, world.users.facilitator.token, world.workspace.id, { role: 'observer' })
  ).id,
});

const routes: Route[] = [
  {
    name: 'GET /api/workspaces/:id',
    method: 'GET',
    path: (i) => `/api/workspaces/${i.ws}`,
    own: readAll,
  },
  {
    name: 'PATCH /api/workspaces/:id',
    method: 'PATCH',
    path: (i) => `/api/workspaces/${i.ws}`,
    body: { title: 'Voorbeeldstad 2026' },
    own: manage(200),
  },
  {
    name: 'POST /api/workspaces/:id/parties',
    method: 'POST',
    path: (i) => `/api/workspaces/${i.ws}/parties`,
    body: { name: 'Zorgpartij', kind: 'other' },
    own: manage(201),
  },
  {
    name: 'POST /api/workspaces/:id/invitations',
    method: 'POST',
    path: (i) => `/api/workspaces/${i.ws}/invitations`,
    body: { role: 'observer' },
    own: manage(201),
  },
  {
    name: 'GET /api/workspaces/:id/invitations',
    method: 'GET',
    path: (i) => `/api/workspaces/${i.ws}/invitations`,
    own: manage(200),
  },
  {
    name: 'DELETE /api/workspaces/:id/invitations/:invitationId',
    method: 'DELETE',
    path: (i) => `/api/workspaces/${i.ws}/invitations/${i.invitationId}`,
    prepare: freshInvitation,
    own: manage(204),
  },
  {
    name: 'PATCH /api/workspaces/:id/members/:userId',
    method: 'PATCH',
    path: (i) => `/api/workspaces/${i.ws}/members/${i.memberId}`,
    body: { role: 'observer' },
    prepare: async () => {
      await ensureTarget();
      return {};
    },
    own: manage(200),
  },
  {
    name: 'DELETE /api/workspaces/:id/members/:userId (someone else)',
    method: 'DELETE',
    path: (i) => `/api/workspaces/${i.ws}/members/${i.memberId}`,
    prepare: async () => {
      await ensureTarget();
      return {};
    },
    own: manage(204),
  },
  {
    name: 'GET /api/workspaces/:id/audit',
    method: 'GET',
    path: (i) => `/api/workspaces/${i.ws}/audit`,
    own: manage(200),
  },
];

/** What the facilitator sees of this workspace: compared before and after a refused write. */
async function stateOfThisWorkspace(): Promise<string> {
  const t = world.users.facilitator.token;
  const [ws, invs] = await Promise.all([
    call(srv.url, 'GET', `/api/workspaces/${world.workspace.id}`, { token: t }),
    call(srv.url, 'GET', `/api/workspaces/${world.workspace.id}/invitations`, { token: t }),
  ]);
  return JSON.stringify([ws.body, invs.body]);
}

async function stateOfOtherWorkspace(): Promise<string> {
  const [ws, invs] = await Promise.all([
    call(srv.url, 'GET', `/api/workspaces/${other.id}`, { token: stranger.token }),
    call(srv.url, 'GET', `/api/workspaces/${other.id}/invitations`, { token: stranger.token }),
  ]);
  return JSON.stringify([ws.body, invs.body]);
}

const expectedCode: Record<number, string> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
};

describe('REST authorization matrix', () => {
  for (const route of routes) {
    describe(route.name, () => {
      for (const where of ['this', 'other'] as Where[]) {
        for (const caller of callers) {
          const status = where === 'this' ? route.own[caller] : caller === 'anonymous' ? 401 : 404;
          it(`${caller}, ${where} workspace → ${status}`, async () => {
            let ids: Ids;
            if (where === 'this') {
              ids = {
                ws: world.workspace.id,
                invitationId: standingInvitation,
                memberId: target.id,
                ...(await route.prepare?.()),
              };
            } else {
              ids = { ws: other.id, invitationId: other.invitationId, memberId: other.memberId };
            }
            const snapshot = where === 'this' ? stateOfThisWorkspace : stateOfOtherWorkspace;
            const before = status >= 400 && route.method !== 'GET' ? await snapshot() : null;
            const res = await call(srv.url, route.method, route.path(ids), {
              token: tokenOf(caller),
              body: route.body,
            });
            if (status >= 400) {
              expectError(res, status, expectedCode[status]);
              if (before !== null)
                expect(await snapshot(), 'a refused request changed nothing').toBe(before);
            } else {
              expect(res.status, JSON.stringify(res.body)).toBe(status);
            }
          });
        }
      }
    });
  }

  it('a workspace the caller does not belong to answers exactly like one that does not exist', async () => {
    const t = world.users.outsider.token;
    const existing = await call(srv.url, 'GET', `/api/workspaces/${world.workspace.id}`, {
      token: t,
    });
    const missing = await call(srv.url, 'GET', '/api/workspaces/w_doesnotexist', { token: t });
    expect(existing.status).toBe(404);
    expect(existing.body).toEqual(missing.body);
    const patchExisting = await call(
      srv.url,
      'PATCH',
      `/api/workspaces/${world.workspace.id}/members/${world.users.observer.id}`,
      {
        token: t,
        body: { role: 'observer' },
      },
    );
    const patchMissing = await call(
      srv.url,
      'PATCH',
      `/api/workspaces/w_doesnotexist/members/${world.users.observer.id}`,
      {
        token: t,
        body: { role: 'observer' },
      },
    );
    expect(patchExisting.status).toBe(404);
    expect(patchExisting.body).toEqual(patchMissing.body);
  });

  it('any member may leave (DELETE their own membership); a non-member gets 404', async () => {
    const leaver = await register(srv.url, 'Vertrekker');
    await join(
      srv.url,
      world.users.facilitator.token,
      world.workspace.id,
      leaver,
      'negotiator',
      world.partyB.id,
    );
    const res = await call(
      srv.url,
      'DELETE',
      `/api/workspaces/${world.workspace.id}/members/${leaver.id}`,
      { token: leaver.token },
    );
    expect(res.status).toBe(204);
    expect(await isMember(world.workspace.id, leaver.id, world.users.facilitator.token)).toBe(
      false,
    );
    const again = await call(
      srv.url,
      'DELETE',
      `/api/workspaces/${world.workspace.id}/members/${leaver.id}`,
      { token: leaver.token },
    );
    expectError(again, 404, 'not_found');
  });

  it('a negotiator cannot remove the facilitator, an observer cannot promote themselves', async () => {
    const kick = await call(
      srv.url,
      'DELETE',
      `/api/workspaces/${world.workspace.id}/members/${world.users.facilitator.id}`,
      {
        token: world.users.negotiatorA.token,
      },
    );
    expectError(kick, 403, 'forbidden');
    const promote = await call(
      srv.url,
      'PATCH',
      `/api/workspaces/${world.workspace.id}/members/${world.users.observer.id}`,
      {
        token: world.users.observer.token,
        body: { role: 'facilitator' },
      },
    );
    expectError(promote, 403, 'forbidden');
    const ws = await call<{ workspace: { members: { userId: string; role: string }[] } }>(
      srv.url,
      'GET',
      `/api/workspaces/${world.workspace.id}`,
      { token: world.users.observer.token },
    );
    expect(ws.body.workspace.members.find((m) => m.userId === world.users.observer.id)!.role).toBe(
      'observer',
    );
    expect(
      ws.body.workspace.members.find((m) => m.userId === world.users.facilitator.id)!.role,
    ).toBe('facilitator');
  });
});
