import { createHash, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { configFrom } from '../../src/config';
import { startTestServer, type TestServer } from '../helpers/testServer';
import {
  call,
  expectError,
  expectFieldError,
  register,
  sessionCookie,
  type TestUser,
} from './helpers/http';
import { closeAllSocks, openSock, outcome, readDb, writeDb } from './helpers/sockets';

/** Accounts and sessions: register, login, logout, /api/me, expiry, rate limiting. */

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const email = () => `a-${randomUUID()}@example.nl`;

let srv: TestServer;
let user: TestUser;
let room: string;

beforeAll(async () => {
  srv = await startTestServer({ SESSION_TTL_HOURS: 2 }, { realAuth: true });
  user = await register(srv.url, 'Anna de Vries');
  const ws = await call<{ workspace: { documents: { kind: string; room: string }[] } }>(
    srv.url,
    'POST',
    '/api/workspaces',
    {
      token: user.token,
      body: { title: 'Sessies' },
    },
  );
  room = ws.body.workspace.documents.find((d) => d.kind === 'process')!.room;
});
afterAll(async () => {
  await srv?.stop();
});
afterEach(async () => {
  await closeAllSocks();
});

const login = (body: unknown, headers?: Record<string, string>) =>
  call<{ user: { id: string; email: string; name: string }; token: string }>(
    srv.url,
    'POST',
    '/api/auth/login',
    { body, headers },
  );
const me = (o: { token?: string; cookie?: string }) =>
  call<{ user: { id: string; email: string; name: string } }>(srv.url, 'GET', '/api/me', o);

describe('register', () => {
  it('201 with user and a 256-bit token, the same token as an httpOnly SameSite cookie; only hashes are stored', async () => {
    const address = email();
    const res = await call<{ user: { id: string; email: string; name: string }; token: string }>(
      srv.url,
      'POST',
      '/api/auth/register',
      {
        body: { email: address, password: 'een lang wachtwoord', name: 'Bram' },
      },
    );
    expect(res.status).toBe(201);
    expect(res.body.user).toEqual({
      id: expect.any(String) as string,
      email: address,
      name: 'Bram',
    });
    expect(Object.keys(res.body.user).sort()).toEqual(['email', 'id', 'name']);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(res.body.token, 'base64url')).toHaveLength(32);

    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('akkoord_session='))!;
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
    expect(sessionCookie(res.headers)).toBe(res.body.token);
    const expires = Date.parse(/Expires=([^;]+)/i.exec(cookie)![1]!);
    expect(Math.abs(expires - (Date.now() + 2 * 3600_000))).toBeLessThan(60_000);

    const [row] = readDb<{ password_hash: string }>(
      srv.dataDir,
      'SELECT password_hash FROM users WHERE id = ?',
      res.body.user.id,
    );
    expect(row!.password_hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(row!.password_hash).not.toContain('een lang wachtwoord');
    const sessions = readDb<{ token_hash: string; created_at: number; expires_at: number }>(
      srv.dataDir,
      'SELECT * FROM sessions WHERE user_id = ?',
      res.body.user.id,
    );
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.token_hash).toBe(sha256(res.body.token));
    expect(JSON.stringify(sessions)).not.toContain(res.body.token);
    // SESSION_TTL_HOURS=2.
    expect(sessions[0]!.expires_at - sessions[0]!.created_at).toBeGreaterThan(2 * 3600_000 - 1000);
    expect(sessions[0]!.expires_at - sessions[0]!.created_at).toBeLessThan(2 * 3600_000 + 1000);
  });

  it('409 for an address already in use, also with other case and surrounding spaces', async () => {
    const address = email();
    await register(srv.url, 'Eerste', address);
    for (const variant of [address, address.toUpperCase(), `  ${address} `]) {
      const res = await call(srv.url, 'POST', '/api/auth/register', {
        body: { email: variant, password: 'nog een wachtwoord', name: 'Tweede' },
      });
      expectError(res, 409, 'conflict');
    }
    expect(readDb(srv.dataDir, 'SELECT id FROM users WHERE email = ?', address)).toHaveLength(1);
  });

  it('two registrations racing for one address: one 201, one 409, never a 500', async () => {
    const address = email();
    const body = { email: address, password: 'racewachtwoord1', name: 'Race' };
    const results = await Promise.all(
      [0, 1, 2].map(() => call(srv.url, 'POST', '/api/auth/register', { body })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('400 with field details for each bad field', async () => {
    const post = (body: unknown) => call(srv.url, 'POST', '/api/auth/register', { body });
    const ok = { email: email(), password: 'lang genoeg wachtwoord', name: 'N' };
    expectFieldError(await post({}), 'email', 'password', 'name');
    expectFieldError(await post({ ...ok, email: 'geen-adres' }), 'email');
    expectFieldError(await post({ ...ok, email: `${'a'.repeat(250)}@example.nl` }), 'email');
    expectFieldError(await post({ ...ok, email: ['a@b.nl'] }), 'email');
    expectFieldError(await post({ ...ok, password: 'kort' }), 'password');
    expectFieldError(await post({ ...ok, password: 'x'.repeat(201) }), 'password');
    expectFieldError(await post({ ...ok, password: 1234567890123 }), 'password');
    expectFieldError(await post({ ...ok, name: '' }), 'name');
    expectFieldError(await post({ ...ok, name: '  \t ' }), 'name');
    expectFieldError(await post({ ...ok, name: 'n'.repeat(101) }), 'name');
    expectFieldError(await post({ ...ok, name: null }), 'name');
    expect(readDb(srv.dataDir, 'SELECT id FROM users WHERE email = ?', ok.email)).toHaveLength(0);
  });
});

describe('login, me, logout', () => {
  it('login: 200 with user and a new token (case-insensitive e-mail); each login is its own session', async () => {
    const res = await login({ email: ` ${user.email.toUpperCase()} `, password: user.password });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: user.id, email: user.email, name: 'Anna de Vries' });
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.token).not.toBe(user.token);
    expect(sessionCookie(res.headers)).toBe(res.body.token);
    expect((await me({ token: res.body.token })).body.user.id).toBe(user.id);
    expect((await me({ token: user.token })).body.user.id).toBe(user.id);
  });

  it('login: 401 for a wrong password and for an unknown account, with the same answer', async () => {
    const wrong = await login({ email: user.email, password: 'not-the-password' });
    const unknown = await login({ email: email(), password: 'not-the-password' });
    expectError(wrong, 401, 'unauthenticated');
    expectError(unknown, 401, 'unauthenticated');
    expect(wrong.body).toEqual(unknown.body);
    expect(sessionCookie(wrong.headers)).toBeUndefined();
    expectFieldError(await login({ email: user.email }), 'password');
    expectFieldError(await login({ password: 'x' }), 'email');
  });

  it('GET /api/me: 200 with Bearer or cookie; 401 without, with garbage, or with another scheme', async () => {
    expect((await me({ token: user.token })).body.user).toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
    });
    expect((await me({ cookie: user.token })).status).toBe(200);
    expectError(await me({}), 401, 'unauthenticated');
    expectError(await me({ token: 'garbage' }), 401, 'unauthenticated');
    expectError(await me({ cookie: 'garbage' }), 401, 'unauthenticated');
    expectError(
      await call(srv.url, 'GET', '/api/me', { headers: { authorization: `Basic ${user.token}` } }),
      401,
      'unauthenticated',
    );
    // A hash of the token is not a token.
    expectError(await me({ token: sha256(user.token) }), 401, 'unauthenticated');
  });

  it('logout (Bearer): 204, that session is gone (401, socket 4401), other sessions live on', async () => {
    const a = (await login({ email: user.email, password: user.password })).body.token;
    const b = (await login({ email: user.email, password: user.password })).body.token;
    const before = openSock(srv.wsUrl, room, { token: a });
    expect(await outcome(before)).toBe('open');

    const res = await call(srv.url, 'POST', '/api/auth/logout', { token: a });
    expect(res.status).toBe(204);
    expect(
      readDb(srv.dataDir, 'SELECT 1 FROM sessions WHERE token_hash = ?', sha256(a)),
    ).toHaveLength(0);
    expectError(await me({ token: a }), 401, 'unauthenticated');
    expectError(await me({ cookie: a }), 401, 'unauthenticated');
    const after = openSock(srv.wsUrl, room, { token: a });
    expect(await outcome(after)).toBe(4401);
    const viaCookie = openSock(srv.wsUrl, room, { cookie: a });
    expect(await outcome(viaCookie)).toBe(4401);
    expect((await me({ token: b })).status).toBe(200);
  });

  it('logout (cookie, own Origin): 204 and the cookie is cleared', async () => {
    const t = (await login({ email: user.email, password: user.password })).body.token;
    const res = await call(srv.url, 'POST', '/api/auth/logout', { cookie: t, origin: srv.url });
    expect(res.status).toBe(204);
    const cleared = res.headers.getSetCookie().find((c) => c.startsWith('akkoord_session='))!;
    expect(cleared).toMatch(/^akkoord_session=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/i);
    expectError(await me({ cookie: t }), 401, 'unauthenticated');
  });

  it('logout without a session is still 204', async () => {
    expect((await call(srv.url, 'POST', '/api/auth/logout')).status).toBe(204);
    expect((await call(srv.url, 'POST', '/api/auth/logout', { token: 'garbage' })).status).toBe(
      204,
    );
  });
});

describe('session expiry', () => {
  it('an expired session is refused (401 REST, 4401 socket) and removed', async () => {
    const t = (await login({ email: user.email, password: user.password })).body.token;
    expect((await me({ token: t })).status).toBe(200);
    expect(
      writeDb(
        srv.dataDir,
        'UPDATE sessions SET expires_at = ? WHERE token_hash = ?',
        Date.now() - 1,
        sha256(t),
      ),
    ).toBe(1);
    const s = openSock(srv.wsUrl, room, { token: t });
    expect(await outcome(s)).toBe(4401);
    expectError(await me({ token: t }), 401, 'unauthenticated');
    expectError(
      await call(srv.url, 'POST', '/api/workspaces', { token: t, body: { title: 'x' } }),
      401,
      'unauthenticated',
    );
    expect(
      readDb(srv.dataDir, 'SELECT 1 FROM sessions WHERE token_hash = ?', sha256(t)),
    ).toHaveLength(0);
  });

  it('a session just before its expiry still works', async () => {
    const t = (await login({ email: user.email, password: user.password })).body.token;
    writeDb(
      srv.dataDir,
      'UPDATE sessions SET expires_at = ? WHERE token_hash = ?',
      Date.now() + 60_000,
      sha256(t),
    );
    expect((await me({ token: t })).status).toBe(200);
  });

  it('SESSION_TTL_HOURS cannot go below 1', () => {
    expect(() => configFrom({ SESSION_TTL_HOURS: 0 })).toThrow(/SESSION_TTL_HOURS/);
    expect(() => configFrom({ SESSION_TTL_HOURS: -5 })).toThrow(/SESSION_TTL_HOURS/);
    expect(configFrom({ SESSION_TTL_HOURS: 1 }).auth.sessionTtlMs).toBe(3600_000);
  });
});

describe('login rate limiting', () => {
  let limited: TestServer | null = null;
  afterEach(async () => {
    await limited?.stop();
    limited = null;
  });

  async function limitedServer(env: Record<string, number>) {
    limited = await startTestServer({ LOGIN_WINDOW_MS: 60_000, ...env }, { realAuth: true });
    return limited;
  }
  const attempt = (s: TestServer, body: unknown, from: string) =>
    call<{ token: string }>(s.url, 'POST', '/api/auth/login', {
      body,
      headers: { 'x-forwarded-for': from },
    });

  function expect429(res: Awaited<ReturnType<typeof attempt>>) {
    const err = expectError(res, 429, 'rate_limited');
    const retry = Number(res.headers.get('retry-after'));
    expect(Number.isInteger(retry)).toBe(true);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(err.details?.retryAfterSeconds).toBe(retry);
  }

  it('per account: after the limit even the right password gets 429 + Retry-After, from any address', async () => {
    const s = await limitedServer({ LOGIN_MAX_PER_ACCOUNT: 3, LOGIN_MAX_PER_ADDRESS: 100 });
    const victim = await register(s.url, 'Doelwit');
    for (let i = 0; i < 3; i++) {
      expectError(
        await attempt(s, { email: victim.email, password: `guess-${i}` }, `198.51.100.${i + 1}`),
        401,
      );
    }
    expect429(await attempt(s, { email: victim.email, password: 'guess-4' }, '198.51.100.9'));
    expect429(
      await attempt(
        s,
        { email: victim.email.toUpperCase(), password: victim.password },
        '198.51.100.10',
      ),
    );
    // Another account from the same addresses is not affected.
    const bystander = await register(s.url, 'Omstander');
    expect(
      (await attempt(s, { email: bystander.email, password: bystander.password }, '198.51.100.1'))
        .status,
    ).toBe(200);
  });

  it('per address: many accounts from one address get 429; another address does not', async () => {
    const s = await limitedServer({ LOGIN_MAX_PER_ACCOUNT: 100, LOGIN_MAX_PER_ADDRESS: 4 });
    const known = await register(s.url, 'Bekend');
    for (let i = 0; i < 4; i++) {
      expectError(
        await attempt(s, { email: email(), password: 'spray-password' }, '203.0.113.7'),
        401,
      );
    }
    expect429(await attempt(s, { email: email(), password: 'spray-password' }, '203.0.113.7'));
    expect429(await attempt(s, { email: known.email, password: known.password }, '203.0.113.7'));
    expect(
      (await attempt(s, { email: known.email, password: known.password }, '203.0.113.8')).status,
    ).toBe(200);
  });

  it("a successful login clears the account's failures", async () => {
    const s = await limitedServer({ LOGIN_MAX_PER_ACCOUNT: 3, LOGIN_MAX_PER_ADDRESS: 100 });
    const who = await register(s.url, 'Vergeetachtig');
    const bad = () => attempt(s, { email: who.email, password: 'oeps-verkeerd' }, '192.0.2.1');
    expectError(await bad(), 401);
    expectError(await bad(), 401);
    expect(
      (await attempt(s, { email: who.email, password: who.password }, '192.0.2.1')).status,
    ).toBe(200);
    expectError(await bad(), 401);
    expectError(await bad(), 401);
    expectError(await bad(), 401);
    expect429(await bad());
  });
});

describe('registration rate limiting', () => {
  let limited: TestServer | null = null;
  afterEach(async () => {
    await limited?.stop();
    limited = null;
  });

  const signUp = (s: TestServer, from: string, name = 'Nieuw Lid') =>
    call<{ token: string }>(s.url, 'POST', '/api/auth/register', {
      body: { email: email(), password: 'een-goed-wachtwoord', name },
      headers: { 'x-forwarded-for': from },
    });

  it('ACC-5 one address gets 429 + Retry-After after REGISTER_MAX_PER_ADDRESS new accounts; another address does not', async () => {
    limited = await startTestServer(
      { REGISTER_MAX_PER_ADDRESS: 3, REGISTER_WINDOW_MS: 60_000 },
      { realAuth: true },
    );
    for (let i = 0; i < 3; i++) expect((await signUp(limited, '203.0.113.20')).status).toBe(201);
    const refused = await signUp(limited, '203.0.113.20', 'Vierde');
    const err = expectError(refused, 429, 'rate_limited');
    const retry = Number(refused.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(err.details?.retryAfterSeconds).toBe(retry);
    // Refused before any work: no account was made for the fourth.
    const names = readDb<{ name: string }>(limited.dataDir, 'SELECT name FROM users').map(
      (r) => r.name,
    );
    expect(names).not.toContain('Vierde');
    expect((await signUp(limited, '203.0.113.21')).status).toBe(201);
  });

  it('REGISTER_MAX_PER_ADDRESS defaults to 50 an hour and cannot go below 1', () => {
    expect(configFrom({}).auth.register).toEqual({ perAddress: 50, windowMs: 3600_000 });
    expect(() => configFrom({ REGISTER_MAX_PER_ADDRESS: 0 })).toThrow(/REGISTER_MAX_PER_ADDRESS/);
  });
});
