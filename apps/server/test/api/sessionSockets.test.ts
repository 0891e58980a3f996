import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, waitFor, whenSynced, type Client } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { buildWorld, call } from './helpers/http';
import { closeAllSocks, closedWithin, openSock, outcome } from './helpers/sockets';

/** Open sockets follow the session they rode in on, and presence follows role changes. */

let srv: TestServer | null = null;
const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await closeAllSocks();
  await srv?.stop();
  srv = null;
});

describe('sessions and presence on open sockets', () => {
  it('logout closes the sockets opened with that session (4401) within a second, not others', async () => {
    srv = await startTestServer({}, { realAuth: true });
    const w = await buildWorld(srv.url);
    const mine = openSock(srv.wsUrl, w.docs.agreement.room, { token: w.users.negotiatorA.token });
    const theirs = openSock(srv.wsUrl, w.docs.agreement.room, { token: w.users.negotiatorB.token });
    expect(await outcome(mine)).toBe('open');
    expect(await outcome(theirs)).toBe('open');
    const res = await call(srv.url, 'POST', '/api/auth/logout', {
      token: w.users.negotiatorA.token,
    });
    expect(res.status).toBe(204);
    expect(await closedWithin(mine, 1000)).toBe(4401);
    expect(theirs.closeCode).toBeNull();
  });

  it('a session that expires while its socket is open is closed (4401) at the next heartbeat', async () => {
    srv = await startTestServer({ HEARTBEAT_MS: 100 }, { realAuth: true });
    const w = await buildWorld(srv.url);
    const sock = openSock(srv.wsUrl, w.docs.process.room, { token: w.users.observer.token });
    expect(await outcome(sock)).toBe('open');
    const db = new Database(path.join(srv.dataDir, 'akkoord.sqlite'));
    db.prepare('UPDATE sessions SET expires_at = ? WHERE user_id = ?').run(
      Date.now() - 1,
      w.users.observer.id,
    );
    db.close();
    expect(await closedWithin(sock, 2000)).toBe(4401);
  });

  it("a role change re-stamps the member's presence for everyone within a second", async () => {
    srv = await startTestServer({}, { realAuth: true });
    const w = await buildWorld(srv.url);
    const a = connectClient(srv.wsUrl, w.docs.agreement.room, {
      params: { token: w.users.negotiatorA.token },
    });
    const f = connectClient(srv.wsUrl, w.docs.agreement.room, {
      params: { token: w.users.facilitator.token },
    });
    clients.push(a, f);
    await Promise.all([whenSynced(a), whenSynced(f)]);
    a.provider.awareness.setLocalStateField('cursor', { at: 1 });
    const seenRole = () =>
      f.provider.awareness.getStates().get(a.doc.clientID)?.user as
        { role?: string; partyId?: string | null } | undefined;
    await waitFor(() => seenRole()?.role === 'negotiator', 5000, 'facilitator sees negotiator');
    const res = await call(
      srv.url,
      'PATCH',
      `/api/workspaces/${w.workspace.id}/members/${w.users.negotiatorA.id}`,
      {
        token: w.users.facilitator.token,
        body: { role: 'observer' },
      },
    );
    expect(res.status).toBe(200);
    const start = Date.now();
    await waitFor(() => seenRole()?.role === 'observer', 1000, 'facilitator sees observer');
    expect(Date.now() - start).toBeLessThan(1000);
    expect(seenRole()?.partyId).toBeNull();
  });
});
