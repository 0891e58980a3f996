import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentStore } from '../src/persistence/DocumentStore';
import { openDatabase } from '../src/persistence/openDatabase';
import { SqliteDocumentStore } from '../src/persistence/SqliteDocumentStore';
import { delegatingStore } from './helpers/delegatingStore';
import { connectClient, waitFor, whenSynced, type Client } from './helpers/clients';
import { connectRaw } from './helpers/rawClient';
import { startTestServer, tempDir, type TestServer } from './helpers/testServer';

let srv: TestServer | null = null;
const clients: Client[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await srv?.stop();
  srv = null;
});

/** The real SQLite store with a gate in front of `load`, so a test decides when loading ends. */
function gatedStore(dataDir: string) {
  const inner = new SqliteDocumentStore(openDatabase(dataDir, 'wal'));
  let loads = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const store: DocumentStore = delegatingStore(inner, {
    load: async (room) => {
      loads++;
      await gate;
      return inner.load(room);
    },
  });
  return { store, loads: () => loads, release };
}

async function counter(
  s: TestServer,
  name: 'documentLoads' | 'closes',
  label: string,
): Promise<number> {
  const values = (await s.server.metrics[name].get()).values;
  return values
    .filter((v) => Object.values(v.labels).includes(label))
    .reduce((a, v) => a + v.value, 0);
}

describe('document lifecycle', () => {
  it('LIFE-1 fifty simultaneous joins share one load and nobody gets state before it completed', async () => {
    const dataDir = tempDir();
    // Seed the document through a first server.
    const seed = await startTestServer({ DATA_DIR: dataDir });
    const w = connectClient(seed.wsUrl, 'big');
    await whenSynced(w);
    w.doc.getText('t').insert(0, 'x'.repeat(5000));
    await waitFor(
      () => seed.server.sync.registry.get('big')?.doc.getText('t').length === 5000,
      5000,
      'seeded',
    );
    w.destroy();
    await seed.stop();

    const gated = gatedStore(dataDir);
    srv = await startTestServer({ DATA_DIR: dataDir }, { store: gated.store });
    const raws = await Promise.all(Array.from({ length: 50 }, () => connectRaw(srv!.wsUrl, 'big')));
    await waitFor(
      () => gated.loads() === 1 && srv!.server.sync.connections.size === 50,
      5000,
      'all connected',
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(raws.every((r) => r.frames.length === 0)).toBe(true);
    const joiners = Array.from({ length: 50 }, () => connectClient(srv!.wsUrl, 'big'));
    clients.push(...joiners);
    gated.release();
    await Promise.all(joiners.map((c) => whenSynced(c, 15_000)));
    expect(joiners.every((c) => c.text().length === 5000)).toBe(true);
    expect(raws.every((r) => r.frames.length > 0)).toBe(true);
    expect(gated.loads()).toBe(1);
    for (const r of raws) r.ws.close();
  });

  it('LIFE-2 a document is unloaded after the grace period and a join in it cancels the unload', async () => {
    srv = await startTestServer({ UNLOAD_GRACE_MS: 300 });
    const a = connectClient(srv.wsUrl, 'g');
    await whenSynced(a);
    a.doc.getText('t').insert(0, 'blijft');
    await waitFor(
      () => srv!.server.sync.registry.get('g')?.doc.getText('t').length === 6,
      5000,
      'applied',
    );
    a.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const room = srv.server.sync.registry.get('g');
    expect(room?.state).toBe('active');
    const b = connectClient(srv.wsUrl, 'g');
    clients.push(b);
    await whenSynced(b);
    await new Promise((r) => setTimeout(r, 400));
    // Same in-memory document: the join cancelled the unload.
    expect(srv.server.sync.registry.get('g')).toBe(room);
    b.destroy();
    clients.pop();
    await waitFor(() => srv!.server.sync.registry.size === 0, 5000, 'unloaded');
    expect(room?.state).toBe('destroyed');
    const c = connectClient(srv.wsUrl, 'g');
    clients.push(c);
    await waitFor(() => c.text() === 'blijft', 5000, 'reloaded from storage');
  });

  it('LIFE-2 a thousand connect/disconnect cycles over a hundred rooms leave no document loaded', async () => {
    srv = await startTestServer({ UNLOAD_GRACE_MS: 0 });
    const loadsBefore = await counter(srv, 'documentLoads', 'ok');
    for (let batch = 0; batch < 10; batch++) {
      const cs = Array.from({ length: 100 }, (_, i) =>
        connectClient(srv!.wsUrl, `room-${(i * 7 + batch) % 100}`),
      );
      await Promise.all(cs.map((c) => whenSynced(c, 15_000)));
      cs[batch]!.doc.getText('t').insert(0, String(batch));
      for (const c of cs) c.destroy();
    }
    await waitFor(
      () => srv!.server.sync.registry.size === 0 && srv!.server.sync.connections.size === 0,
      10_000,
      'everything unloaded',
    );
    expect(await counter(srv, 'documentLoads', 'ok')).toBeGreaterThanOrEqual(100 + loadsBefore);
    expect((await srv.server.metrics.loadedDocuments.get()).values[0]?.value).toBe(0);
  });

  it('LIFE-3 a failed load frees the document, closes waiters with 1011 and the next join retries', async () => {
    const dataDir = tempDir();
    const inner = new SqliteDocumentStore(openDatabase(dataDir, 'wal'));
    let failNext = true;
    const store: DocumentStore = delegatingStore(inner, {
      load: (room) => {
        if (failNext) {
          failNext = false;
          return Promise.reject(new Error('disk on fire'));
        }
        return inner.load(room);
      },
    });
    srv = await startTestServer({ DATA_DIR: dataDir }, { store });
    const raw = await connectRaw(srv.wsUrl, 'f');
    expect((await raw.closed).code).toBe(1011);
    await waitFor(() => srv!.server.sync.registry.size === 0, 5000, 'failed room forgotten');
    expect(await counter(srv, 'documentLoads', 'error')).toBe(1);
    const ok = connectClient(srv.wsUrl, 'f');
    clients.push(ok);
    await whenSynced(ok);
    ok.doc.getText('t').insert(0, 'tweede poging');
    const other = connectClient(srv.wsUrl, 'f');
    clients.push(other);
    await waitFor(() => other.text() === 'tweede poging', 5000, 'works after retry');
  });
});

describe('compaction', () => {
  it('COMP-1 compaction folds the log into a snapshot and keeps the state byte-identical', async () => {
    srv = await startTestServer({ COMPACT_EVERY_UPDATES: 50, UNLOAD_GRACE_MS: 60_000 });
    const a = connectClient(srv.wsUrl, 'c');
    clients.push(a);
    await whenSynced(a);
    for (let i = 0; i < 49; i++) a.doc.getText('t').insert(0, String(i % 10));
    a.doc.getText('t').delete(3, 10);
    const room = srv.server.sync.registry.get('c')!;
    await waitFor(() => room.doc.getText('t').toString() === a.text(), 5000, 'server caught up');
    const compactions = async () =>
      (await srv!.server.metrics.compactions.get()).values.reduce((s, v) => s + v.value, 0);
    await waitForAsync(async () => (await compactions()) >= 1, 5000);
    const inMemory = Buffer.from(Y.encodeStateAsUpdate(room.doc));
    // Reload from storage alone: only the snapshot (and any later entries) remain.
    a.destroy();
    clients.pop();
    await srv.stop();
    srv = await startTestServer({ DATA_DIR: srv.dataDir });
    const reloaded = connectClient(srv.wsUrl, 'c');
    clients.push(reloaded);
    await whenSynced(reloaded);
    const room2 = srv.server.sync.registry.get('c')!;
    expect(Buffer.from(Y.encodeStateAsUpdate(room2.doc)).equals(inMemory)).toBe(true);
    expect(reloaded.text()).toBe(room2.doc.getText('t').toString());
  });
});

async function waitForAsync(cond: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!(await cond())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
