import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { startChildServer, type ChildServer } from './helpers/childServer';
import { connectClient, waitFor, whenSynced, type Client } from './helpers/clients';
import { provision } from './helpers/provision';
import { containsAll, RawWriter } from './helpers/rawWriter';
import { startTestServer, tempDir, type TestServer } from './helpers/testServer';

const children: ChildServer[] = [];
const servers: TestServer[] = [];
const clients: Client[] = [];
const writers: RawWriter[] = [];

afterEach(async () => {
  for (const w of writers.splice(0)) w.ws.terminate();
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.stop();
  for (const c of children.splice(0)) {
    c.kill('SIGKILL');
    await c.exited;
  }
});

async function child(env: Record<string, string>): Promise<ChildServer> {
  const c = await startChildServer(env);
  children.push(c);
  return c;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function rowsOf(dataDir: string, room: string): Uint8Array[] {
  const db = new Database(path.join(dataDir, 'akkoord.sqlite'), { readonly: true });
  try {
    const snap = db.prepare('SELECT state FROM doc_snapshot WHERE room = ?').get(room) as
      { state: Buffer } | undefined;
    const ups = db.prepare('SELECT data FROM doc_update WHERE room = ? ORDER BY seq').all(room) as {
      data: Buffer;
    }[];
    return [...(snap ? [snap.state] : []), ...ups.map((u) => u.data)].map((b) => new Uint8Array(b));
  } finally {
    db.close();
  }
}

describe('durability', () => {
  it('DUR-1 an update is stored before anyone, its sender included, is sent it', async () => {
    const s = await startTestServer();
    servers.push(s);
    const w = new RawWriter(s.wsUrl, 'd1');
    writers.push(w);
    await w.opened;
    await waitFor(() => w.seen.length > 0, 5000, 'initial step 2');
    const checks: boolean[] = [];
    w.onSeen = () => {
      // Runs in the same turn the echo arrives: the stored rows must already hold it.
      checks.push(containsAll(Y.mergeUpdates(rowsOf(s.dataDir, 'd1')), [w.seen.at(-1)!]));
    };
    for (let i = 0; i < 20; i++) w.doc.getText('t').insert(0, `x${i}`);
    await waitFor(() => checks.length === 20, 5000, '20 echoes');
    expect(checks.every(Boolean)).toBe(true);
  });

  it('DUR-1 updates arriving in one turn are stored in one transaction', async () => {
    const s = await startTestServer();
    servers.push(s);
    const w = new RawWriter(s.wsUrl, 'd1b');
    writers.push(w);
    await w.opened;
    await waitFor(() => w.seen.length > 0, 5000, 'initial step 2');
    const batches = async () =>
      (await s.server.metrics.persistLatency.get()).values.find((v) =>
        v.metricName?.endsWith('_count'),
      )?.value ?? 0;
    const before = await batches();
    const seenBefore = w.seen.length;
    // 200 frames written back to back reach the server in few TCP reads.
    for (let i = 0; i < 200; i++) w.doc.getText('t').insert(0, 'y');
    await waitFor(() => w.seen.length - seenBefore === 200, 5000, '200 echoes');
    const used = (await batches()) - before;
    expect(used).toBeGreaterThan(0);
    expect(used).toBeLessThan(200);
  });

  it('DUR-2 SIGTERM stores everything, closes sockets with 1012 and exits 0; a restart has it all', async () => {
    const dataDir = tempDir();
    const srv = await child({ DATA_DIR: dataDir });
    const { token, rooms } = await provision(srv.url);
    const w = new RawWriter(srv.wsUrl, rooms.agreement, token);
    writers.push(w);
    await w.opened;
    for (let i = 0; i < 300; i++)
      w.doc.getText('t').insert(w.doc.getText('t').length, String(i % 10));
    await waitFor(() => w.seen.length >= 100, 10_000, 'some echoes');
    const t0 = Date.now();
    srv.kill('SIGTERM');
    const [exit, closeCode] = await Promise.all([srv.exited, w.closed]);
    expect(exit.code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(closeCode).toBe(1012);
    const seen = w.seen.slice();
    const again = await child({ DATA_DIR: dataDir });
    const fresh = connectClient(again.wsUrl, rooms.agreement, { params: { token } });
    clients.push(fresh);
    await whenSynced(fresh);
    expect(containsAll(Y.encodeStateAsUpdate(fresh.doc), seen)).toBe(true);
  });

  it('DUR-3 kill -9 right after an echo, twenty times with edits in flight, loses nothing seen', async () => {
    const dataDir = tempDir();
    const seen: { room: string; u: Uint8Array }[] = [];
    let rooms: string[] = [];
    let token = '';
    for (let round = 0; round < 20; round++) {
      const srv = await child({ DATA_DIR: dataDir, COMPACT_EVERY_UPDATES: '37' });
      if (round === 0) {
        const p = await provision(srv.url);
        rooms = [p.rooms.process, p.rooms.agreement];
        token = p.token;
      }
      const ws = rooms.flatMap((room) => [
        new RawWriter(srv.wsUrl, room, token),
        new RawWriter(srv.wsUrl, room, token),
      ]);
      writers.push(...ws);
      await Promise.all(ws.map((w) => w.opened));
      let killed = false;
      const target = 5 + (round % 7);
      let echoes = 0;
      for (const w of ws) {
        w.onSeen = () => {
          echoes++;
          if (!killed && echoes >= target) {
            killed = true;
            srv.kill('SIGKILL');
          }
        };
      }
      // Keep typing until the server dies under us.
      const typing = setInterval(() => {
        for (const w of ws) {
          const t = w.doc.getText('t');
          t.insert(Math.floor(t.length / 2), `${round}.`);
          if (t.length > 40) t.delete(0, 3);
        }
      }, 2);
      await srv.exited;
      clearInterval(typing);
      for (const w of ws) {
        const room = rooms[ws.indexOf(w) >> 1]!;
        seen.push(...w.seen.map((u) => ({ room, u })));
        w.ws.terminate();
      }
      expect(killed).toBe(true);
    }
    const srv = await child({ DATA_DIR: dataDir });
    for (const room of rooms) {
      const fresh = connectClient(srv.wsUrl, room, { params: { token } });
      clients.push(fresh);
      await whenSynced(fresh);
      const mine = seen.filter((s) => s.room === room).map((s) => s.u);
      expect(mine.length).toBeGreaterThan(20);
      expect(containsAll(Y.encodeStateAsUpdate(fresh.doc), mine)).toBe(true);
    }
  }, 180_000);

  it('DUR-4 offline edits merge after a server restart without duplicated content', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    // A fixed port, so the provider's automatic reconnect finds the restarted server.
    const s1 = await child({ DATA_DIR: dataDir, PORT: String(port) });
    const { token, rooms } = await provision(s1.url);
    const room = rooms.agreement;
    const a = connectClient(s1.wsUrl, room, { params: { token } });
    clients.push(a);
    await whenSynced(a);
    a.doc.getText('t').insert(0, 'voor ');
    await waitFor(() => rowsOf(dataDir, room).length > 0, 5000, 'stored');
    s1.kill('SIGTERM');
    await s1.exited;
    await waitFor(() => !a.provider.wsconnected, 5000, 'a offline');
    a.doc.getText('t').insert(5, 'tijdens ');
    const s2 = await child({ DATA_DIR: dataDir, PORT: String(port) });
    await waitFor(() => a.provider.synced, 15_000, 'a reconnected');
    const b = connectClient(s2.wsUrl, room, { params: { token } });
    clients.push(b);
    await whenSynced(b);
    await waitFor(() => b.text() === 'voor tijdens ', 5000, 'merged text at b');
    a.doc.getText('t').insert(13, 'na');
    await waitFor(() => b.text() === 'voor tijdens na', 5000, 'live again');
    expect(a.text()).toBe('voor tijdens na');
  }, 60_000);

  it('DUR-5 an unreadable log entry is skipped, the rest of the document loads', async () => {
    const s = await startTestServer();
    servers.push(s);
    const a = connectClient(s.wsUrl, 'd5');
    clients.push(a);
    await whenSynced(a);
    a.doc.getText('t').insert(0, 'goed');
    await waitFor(() => rowsOf(s.dataDir, 'd5').length === 1, 5000, 'stored');
    a.destroy();
    clients.pop();
    await waitFor(() => s.server.sync.registry.size === 0, 5000, 'unloaded');
    // Unload compacted; add a broken entry behind the snapshot by hand.
    const db = new Database(path.join(s.dataDir, 'akkoord.sqlite'));
    db.prepare('INSERT INTO doc_update (room, data) VALUES (?, ?)').run(
      'd5',
      Buffer.from([1, 2, 3, 250, 7]),
    );
    db.close();
    const b = connectClient(s.wsUrl, 'd5');
    clients.push(b);
    await waitFor(() => b.text() === 'goed', 5000, 'document loads');
  });
});
