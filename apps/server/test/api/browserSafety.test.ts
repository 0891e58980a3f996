import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { call, expectError, register, sessionCookie, type TestUser } from './helpers/http';
import { closeAllSocks, openSock, outcome, tryWrite } from './helpers/sockets';

/**
 * What a hostile web page could do with a victim's cookie: cross-site writes must be refused
 * (Origin checked), sockets opened with the cookie from a foreign page must be refused, and the
 * usual headers and body limits must be in place.
 */

const ALLOWED = 'https://app.akkoord.example.nl';
const EVIL = 'https://evil.example.com';

let srv: TestServer;
let user: TestUser;
let room: string;

beforeAll(async () => {
  srv = await startTestServer(
    { ALLOWED_ORIGINS: `${ALLOWED}, https://second.example.nl` },
    { realAuth: true },
  );
  user = await register(srv.url, 'Browsergebruiker');
  const ws = await call<{ workspace: { documents: { kind: string; room: string }[] } }>(
    srv.url,
    'POST',
    '/api/workspaces',
    {
      token: user.token,
      body: { title: 'Browser' },
    },
  );
  room = ws.body.workspace.documents.find((d) => d.kind === 'agreement')!.room;
});
afterAll(async () => {
  await srv?.stop();
});
afterEach(async () => {
  await closeAllSocks();
});

const countWorkspaces = async () =>
  (await call<{ workspaces: unknown[] }>(srv.url, 'GET', '/api/workspaces', { token: user.token }))
    .body.workspaces.length;

describe('Origin checks on cookie-carried requests', () => {
  const create = (o: { cookie?: string; token?: string; origin?: string }) =>
    call(srv.url, 'POST', '/api/workspaces', { ...o, body: { title: 'CSRF?' } });

  it('cookie + foreign Origin on a write → 403, nothing created', async () => {
    const before = await countWorkspaces();
    expectError(await create({ cookie: user.token, origin: EVIL }), 403, 'forbidden');
    // Look-alikes of the server's own origin.
    expectError(
      await create({ cookie: user.token, origin: `${srv.url}.evil.example.com` }),
      403,
      'forbidden',
    );
    expectError(
      await create({ cookie: user.token, origin: srv.url.replace('127.0.0.1', 'localhost') }),
      403,
      'forbidden',
    );
    expectError(await create({ cookie: user.token, origin: 'null' }), 403, 'forbidden');
    expect(await countWorkspaces()).toBe(before);
  });

  it('cookie without Origin on a write (POST, PATCH, DELETE) → 403', async () => {
    const before = await countWorkspaces();
    expectError(await create({ cookie: user.token }), 403, 'forbidden');
    const ws = await call<{ workspaces: { id: string; title: string }[] }>(
      srv.url,
      'GET',
      '/api/workspaces',
      { token: user.token },
    );
    const id = ws.body.workspaces[0]!.id;
    expectError(
      await call(srv.url, 'PATCH', `/api/workspaces/${id}`, {
        cookie: user.token,
        body: { title: 'Gekaapt' },
      }),
      403,
    );
    expectError(
      await call(srv.url, 'DELETE', `/api/workspaces/${id}/members/${user.id}`, {
        cookie: user.token,
      }),
      403,
    );
    expectError(await call(srv.url, 'POST', '/api/auth/logout', { cookie: user.token }), 403);
    expect((await call(srv.url, 'GET', '/api/me', { token: user.token })).status).toBe(200);
    expect(await countWorkspaces()).toBe(before);
  });

  it('cookie + own origin or an ALLOWED_ORIGINS origin → allowed', async () => {
    expect((await create({ cookie: user.token, origin: srv.url })).status).toBe(201);
    expect((await create({ cookie: user.token, origin: ALLOWED })).status).toBe(201);
    expect((await create({ cookie: user.token, origin: 'https://second.example.nl' })).status).toBe(
      201,
    );
  });

  it('Bearer without Origin → fine (non-browser clients)', async () => {
    expect((await create({ token: user.token })).status).toBe(201);
  });

  it('reads with a cookie need no Origin (GET is safe)', async () => {
    expect((await call(srv.url, 'GET', '/api/me', { cookie: user.token })).status).toBe(200);
    expect(
      (await call(srv.url, 'GET', '/api/me', { cookie: user.token, origin: EVIL })).status,
    ).toBe(200);
  });

  it('login and register from a foreign page are refused (no login CSRF)', async () => {
    const login = await call(srv.url, 'POST', '/api/auth/login', {
      origin: EVIL,
      body: { email: user.email, password: user.password },
    });
    expectError(login, 403, 'forbidden');
    expect(sessionCookie(login.headers)).toBeUndefined();
    const reg = await call(srv.url, 'POST', '/api/auth/register', {
      origin: EVIL,
      body: { email: 'csrf@example.nl', password: 'lang genoeg wachtwoord', name: 'X' },
    });
    expectError(reg, 403, 'forbidden');
  });
});

describe('Origin checks on WebSocket upgrades', () => {
  it('cookie + foreign Origin → 4403', async () => {
    const s = openSock(srv.wsUrl, room, { cookie: user.token, origin: EVIL });
    expect(await outcome(s)).toBe(4403);
  });

  it('cookie + own origin, or an ALLOWED_ORIGINS origin → open and writable', async () => {
    for (const origin of [srv.url, ALLOWED]) {
      const s = openSock(srv.wsUrl, room, { cookie: user.token, origin });
      expect(await outcome(s)).toBe('open');
      expect(await tryWrite(s, `cookie-${origin}-${Date.now()}`)).toBe('write');
    }
  });

  it('?token= is not ambient, so a foreign Origin does not matter for it', async () => {
    const s = openSock(srv.wsUrl, room, { token: user.token, origin: EVIL });
    expect(await outcome(s)).toBe('open');
  });

  it('a foreign page without credentials gets 4401, not a hint about the room', async () => {
    const s = openSock(srv.wsUrl, room, { origin: EVIL });
    expect(await outcome(s)).toBe(4401);
  });
});

describe('headers and limits', () => {
  it('helmet security headers; no X-Powered-By; API answers are not cached', async () => {
    const res = await fetch(`${srv.url}/api/me`, {
      headers: { authorization: `Bearer ${user.token}` },
    });
    const h = res.headers;
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(h.get('referrer-policy')).toBe('no-referrer');
    expect(h.get('cross-origin-opener-policy')).toBe('same-origin');
    const csp = h.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(h.get('x-powered-by')).toBeNull();
    expect(h.get('cache-control')).toBe('no-store');
    // Errors too.
    const err = await fetch(`${srv.url}/api/me`);
    expect(err.headers.get('x-content-type-options')).toBe('nosniff');
    expect(err.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('an oversized body → 413 in the error shape; the server keeps serving', async () => {
    const big = JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) });
    const res = await call(srv.url, 'POST', '/api/workspaces', { token: user.token, raw: big });
    expectError(res, 413, 'payload_too_large');
    const reg = await call(srv.url, 'POST', '/api/auth/register', {
      raw: JSON.stringify({
        email: 'big@example.nl',
        password: 'p'.repeat(1_100_000),
        name: 'Big',
      }),
    });
    expectError(reg, 413, 'payload_too_large');
    expect((await call(srv.url, 'GET', '/api/me', { token: user.token })).status).toBe(200);
  });

  it('a body just under the limit but with an over-long field → 400, not 500', async () => {
    const res = await call(srv.url, 'POST', '/api/workspaces', {
      token: user.token,
      body: { title: 'x'.repeat(900_000) },
    });
    expectError(res, 400, 'validation_failed');
  });

  it('COOKIE_SECURE=true marks the session cookie Secure', async () => {
    const secure = await startTestServer({ COOKIE_SECURE: 'true' }, { realAuth: true });
    try {
      const res = await call(secure.url, 'POST', '/api/auth/register', {
        body: { email: 'secure@example.nl', password: 'lang genoeg wachtwoord', name: 'S' },
      });
      expect(res.status).toBe(201);
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('akkoord_session='))!;
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/;\s*HttpOnly/i);
    } finally {
      await secure.stop();
    }
  });
});
