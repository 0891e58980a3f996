import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PartyDto, WorkspaceDto } from '@akkoord/domain';
import { startTestServer, type TestServer } from '../helpers/testServer';
import {
  call,
  createWorkspace,
  expectError,
  getWorkspace,
  register,
  type ApiResponse,
  type TestUser,
} from './helpers/http';
import { closeAllSocks, openSock, outcome, readDb } from './helpers/sockets';

/**
 * Hostile text in every text field: it is either stored and returned exactly as sent, or
 * refused with 400. Never a 500, never a changed value, never a damaged database.
 */

const nasty: Record<string, string> = {
  'SQL (drop table)': "Robert'); DROP TABLE users;--",
  'SQL (or 1=1)': "' OR '1'='1' --",
  'SQL (comment, semicolon)': 'x"; DELETE FROM members WHERE 1=1; /*',
  'HTML script': '<script>alert("xss")</script>',
  'HTML attribute': '<img src=x onerror=alert(document.cookie)>',
  'template syntax': '{{constructor.constructor("return process")()}} ${7*7}',
  unicode: 'Ünïcødé — 住宅 🏘️ مرحبا',
  'RTL override': 'abc\u202Edef',
  'zero-width and BOM': 'a\u200Bb\uFEFFc',
  'combining marks': 'e\u0301\u0301\u0301',
  'NUL byte': 'a\u0000b',
  'control characters': 'a\u0001\u001Fb\u007F',
  'CRLF header injection': 'line1\r\nSet-Cookie: x=y',
  'lone surrogate': 'x\uD800y',
  'JSON-like': '{"__proto__":{"admin":true}}',
  'percent-encoded': '%00%27%3Cscript%3E',
  backslashes: 'C:\\path\\to\\"file"',
};

const LOGIN_CHECKED = new Set([
  'SQL (or 1=1)',
  'unicode',
  'combining marks',
  'NUL byte',
  'control characters',
]);

let srv: TestServer;
let owner: TestUser;
let ws: WorkspaceDto;

beforeAll(async () => {
  // Many logins from one address on purpose: keep the address limit out of the way.
  srv = await startTestServer({ LOGIN_MAX_PER_ADDRESS: 10_000 }, { realAuth: true });
  owner = await register(srv.url, 'Eigenaar');
  ws = await createWorkspace(srv.url, owner.token, { title: 'Injectie' });
});
afterAll(async () => {
  await srv?.stop();
});
afterEach(async () => {
  await closeAllSocks();
});

/** Either refused as invalid, or accepted with the value unchanged. Returns whether it was accepted. */
function verbatimOr400(
  res: ApiResponse<unknown>,
  okStatus: number,
  returned: () => unknown,
  sent: string,
): boolean {
  expect(res.status, JSON.stringify(res.body)).not.toBe(500);
  if (res.status === 400) {
    expectError(res, 400, 'validation_failed');
    return false;
  }
  expect(res.status, JSON.stringify(res.body)).toBe(okStatus);
  expect(returned()).toBe(sent);
  return true;
}

describe('hostile text in workspace fields', () => {
  for (const [label, value] of Object.entries(nasty)) {
    it(`${label}: title, municipality, period, party name and rename`, async () => {
      const created = await call<{ workspace: WorkspaceDto }>(srv.url, 'POST', '/api/workspaces', {
        token: owner.token,
        body: {
          title: value,
          municipality: value,
          period: value.slice(0, 50),
          parties: [{ name: value, kind: 'other' }],
        },
      });
      if (verbatimOr400(created, 201, () => created.body.workspace.title, value)) {
        const w = created.body.workspace;
        expect(w.municipality).toBe(value);
        expect(w.period).toBe(value.slice(0, 50));
        expect(w.parties[0]!.name).toBe(value);
        const again = await getWorkspace(srv.url, owner.token, w.id);
        expect([again.title, again.municipality, again.period, again.parties[0]!.name]).toEqual([
          value,
          value,
          value.slice(0, 50),
          value,
        ]);
        const list = await call<{ workspaces: { id: string; title: string }[] }>(
          srv.url,
          'GET',
          '/api/workspaces',
          { token: owner.token },
        );
        expect(list.body.workspaces.find((x) => x.id === w.id)!.title).toBe(value);
      }

      // A workspace of its own per value: each adds a party, and a workspace holds at most 12.
      const mine = await createWorkspace(srv.url, owner.token, { title: 'Doel' });
      const party = await call<{ party: PartyDto }>(
        srv.url,
        'POST',
        `/api/workspaces/${mine.id}/parties`,
        {
          token: owner.token,
          body: { name: value, kind: 'tenants' },
        },
      );
      if (verbatimOr400(party, 201, () => party.body.party.name, value)) {
        const again = await getWorkspace(srv.url, owner.token, mine.id);
        expect(again.parties.find((p) => p.id === party.body.party.id)!.name).toBe(value);
        const notes = again.documents.find((d) => d.partyId === party.body.party.id);
        expect(notes?.title).toContain(value);
      }

      const renamed = await call<{ workspace: WorkspaceDto }>(
        srv.url,
        'PATCH',
        `/api/workspaces/${mine.id}`,
        {
          token: owner.token,
          body: { title: value },
        },
      );
      if (verbatimOr400(renamed, 200, () => renamed.body.workspace.title, value)) {
        expect((await getWorkspace(srv.url, owner.token, mine.id)).title).toBe(value);
      }
    });
  }

  it('the database is intact afterwards', () => {
    const tables = readDb<{ name: string }>(
      srv.dataDir,
      "SELECT name FROM sqlite_master WHERE type = 'table'",
    ).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'users',
        'sessions',
        'workspaces',
        'members',
        'parties',
        'documents',
        'invitations',
        'audit_log',
      ]),
    );
    expect(readDb(srv.dataDir, 'SELECT 1 FROM members WHERE workspace_id = ?', ws.id)).toHaveLength(
      1,
    );
    expect(readDb(srv.dataDir, 'SELECT 1 FROM users')).not.toHaveLength(0);
  });
});

describe('hostile text in account fields', () => {
  it('names and passwords: stored and returned verbatim (login works with the same password), or 400', async () => {
    await Promise.all(
      Object.entries(nasty).map(async ([label, value]) => {
        const email = `n-${randomUUID()}@example.nl`;
        const password = `${value}-wachtwoord`;
        const res = await call<{ user: { id: string; name: string }; token: string }>(
          srv.url,
          'POST',
          '/api/auth/register',
          {
            body: { email, password, name: value },
          },
        );
        expect(res.status, label).not.toBe(500);
        if (res.status === 400) return expectError(res, 400, 'validation_failed');
        expect(res.status, label).toBe(201);
        expect(res.body.user.name, label).toBe(value);
        const me = await call<{ user: { name: string } }>(srv.url, 'GET', '/api/me', {
          token: res.body.token,
        });
        expect(me.body.user.name, `${label} from /api/me`).toBe(value);
        // scrypt is slow on purpose: log in again only with the passwords most likely to be mangled.
        if (!LOGIN_CHECKED.has(label)) return;
        const login = await call(srv.url, 'POST', '/api/auth/login', { body: { email, password } });
        expect(login.status, `${label} login`).toBe(200);
      }),
    );
  });

  it('hostile e-mail addresses: 400 or a clean 401 at login, never 500', async () => {
    await Promise.all(
      Object.entries(nasty).map(async ([label, value]) => {
        const reg = await call(srv.url, 'POST', '/api/auth/register', {
          body: { email: value, password: 'lang genoeg wachtwoord', name: 'X' },
        });
        expectError(reg, 400, 'validation_failed');
        if (!LOGIN_CHECKED.has(label)) return;
        const login = await call(srv.url, 'POST', '/api/auth/login', {
          body: { email: value, password: 'whatever' },
        });
        expect([400, 401]).toContain(login.status);
      }),
    );
    // A legitimate address with an apostrophe is kept as is.
    const email = `o'brien-${randomUUID().slice(0, 8)}@example.nl`;
    const reg = await call<{ user: { email: string } }>(srv.url, 'POST', '/api/auth/register', {
      body: { email, password: 'lang genoeg wachtwoord', name: "O'Brien" },
    });
    expect(reg.status).toBe(201);
    expect(reg.body.user.email).toBe(email);
  });
});

describe('lengths', () => {
  it('exactly at the limit is accepted, one over is 400, far over is 400', async () => {
    const at = await call<{ workspace: WorkspaceDto }>(srv.url, 'POST', '/api/workspaces', {
      token: owner.token,
      body: { title: 't'.repeat(200), municipality: 'm'.repeat(100), period: 'p'.repeat(50) },
    });
    expect(at.status).toBe(201);
    expect(at.body.workspace.title).toHaveLength(200);
    for (const body of [
      { title: 't'.repeat(201) },
      { title: 'x', municipality: 'm'.repeat(101) },
      { title: 'x', period: 'p'.repeat(51) },
      { title: 'x'.repeat(100_000) },
      { title: 'x', parties: [{ name: 'n'.repeat(101), kind: 'other' }] },
    ]) {
      expectError(
        await call(srv.url, 'POST', '/api/workspaces', { token: owner.token, body }),
        400,
        'validation_failed',
      );
    }
    expectError(
      await call(srv.url, 'POST', `/api/workspaces/${ws.id}/parties`, {
        token: owner.token,
        body: { name: 'n'.repeat(10_000), kind: 'other' },
      }),
      400,
      'validation_failed',
    );
  });
});

describe('hostile identifiers in paths and rooms', () => {
  const ids = [
    "' OR '1'='1",
    '1; DROP TABLE workspaces',
    '..%2F..%2Fetc%2Fpasswd',
    '%00',
    '<script>',
    'w_' + 'x'.repeat(5000),
  ];

  it('workspace, member and invitation ids: 404, never 500', async () => {
    for (const id of ids) {
      const p = encodeURIComponent(id);
      expectError(await call(srv.url, 'GET', `/api/workspaces/${p}`, { token: owner.token }), 404);
      expectError(
        await call(srv.url, 'PATCH', `/api/workspaces/${ws.id}/members/${p}`, {
          token: owner.token,
          body: { role: 'observer' },
        }),
        404,
      );
      expectError(
        await call(srv.url, 'DELETE', `/api/workspaces/${ws.id}/invitations/${p}`, {
          token: owner.token,
        }),
        404,
      );
      expectError(
        await call(srv.url, 'POST', `/api/invitations/${p}/accept`, { token: owner.token }),
        404,
      );
    }
    expect((await getWorkspace(srv.url, owner.token, ws.id)).members).toHaveLength(1);
  });

  it('hostile room names close with 4404 (or 4401 without credentials)', async () => {
    for (const id of ["r' OR 1=1", '..%2F..', 'x'.repeat(200)]) {
      const s = openSock(srv.wsUrl, encodeURIComponent(id), { token: owner.token });
      expect(await outcome(s)).toBe(4404);
    }
  });

  it('prototype pollution attempts in bodies change nothing', async () => {
    const res = await call<{ workspace: WorkspaceDto }>(srv.url, 'POST', '/api/workspaces', {
      token: owner.token,
      raw: '{"title":"Proto","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}',
    });
    expect(res.status).toBe(201);
    expect(res.body.workspace.title).toBe('Proto');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const role = await call(srv.url, 'PATCH', `/api/workspaces/${ws.id}/members/${owner.id}`, {
      token: owner.token,
      raw: '{"__proto__":{"role":"observer"}}',
    });
    expectError(role, 400, 'validation_failed');
  });
});
