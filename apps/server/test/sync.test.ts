import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import Database from 'better-sqlite3';
import path from 'node:path';
import { MessageType } from '@akkoord/protocol';
import { connectClient, waitFor, whenSynced, type Client } from './helpers/clients';
import { connectRaw } from './helpers/rawClient';
import { startTestServer, type TestServer } from './helpers/testServer';

let srv: TestServer | null = null;
const clients: Client[] = [];
const client = (room: string, doc?: Y.Doc) => {
  const c = connectClient(srv!.wsUrl, room, { doc });
  clients.push(c);
  return c;
};

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await srv?.stop();
  srv = null;
});

function updateRows(dataDir: string): number {
  const db = new Database(path.join(dataDir, 'akkoord.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM doc_update').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** mulberry32: a small seeded PRNG so a failing run can be replayed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('sync', () => {
  it('SYNC-1 two providers converge', async () => {
    srv = await startTestServer();
    const a = client('r1');
    const b = client('r1');
    await Promise.all([whenSynced(a), whenSynced(b)]);
    a.doc.getText('t').insert(0, 'hallo ');
    b.doc.getText('t').insert(0, 'wereld');
    await waitFor(() => a.text() === b.text() && a.text().length === 12, 5000, 'convergence');
    expect(a.text()).toContain('hallo ');
    expect(a.text()).toContain('wereld');
  });

  it('SYNC-2 a late joiner receives the whole document', async () => {
    srv = await startTestServer();
    const a = client('r2');
    await whenSynced(a);
    for (let i = 0; i < 100; i++) a.doc.getText('t').insert(i, String(i % 10));
    a.doc.getMap('m').set('k', 'v');
    const expected = a.text();
    const late = client('r2');
    await waitFor(() => late.text() === expected, 5000, 'late joiner state');
    expect(late.doc.getMap('m').get('k')).toBe('v');
  });

  it('SYNC-3 seeded random concurrent edits from three providers converge', async () => {
    srv = await startTestServer();
    const cs = [client('r3'), client('r3'), client('r3')];
    await Promise.all(cs.map((c) => whenSynced(c)));
    const rand = prng(20261127);
    for (let round = 0; round < 300; round++) {
      const c = cs[Math.floor(rand() * cs.length)]!;
      const t = c.doc.getText('t');
      const pos = Math.floor(rand() * (t.length + 1));
      if (rand() < 0.3 && t.length > 0) t.delete(Math.min(pos, t.length - 1), 1);
      else t.insert(pos, String.fromCharCode(97 + Math.floor(rand() * 26)));
      if (round % 25 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await waitFor(
      () => {
        const s = Y.encodeStateVector(cs[0]!.doc);
        return cs.every(
          (c) => Buffer.compare(Y.encodeStateVector(c.doc), s) === 0 && c.text() === cs[0]!.text(),
        );
      },
      10_000,
      'three-way convergence',
    );
    const states = cs.map((c) => Buffer.from(Y.encodeStateAsUpdate(c.doc)));
    expect(states[1]!.equals(states[0]!)).toBe(true);
    expect(states[2]!.equals(states[0]!)).toBe(true);
    // The server holds the same document.
    const room = srv.server.sync.registry.get('r3')!;
    expect(room.doc.getText('t').toString()).toBe(cs[0]!.text());
  });

  it('SYNC-5 query-awareness is answered with every known awareness state', async () => {
    srv = await startTestServer();
    const a = client('r5');
    a.provider.awareness.setLocalStateField('user', { name: 'Anna' });
    await whenSynced(a);
    await waitFor(
      () => srv!.server.sync.registry.get('r5')!.awareness.getStates().size === 1,
      5000,
      'awareness at server',
    );
    const raw = await connectRaw(srv.wsUrl, 'r5');
    raw.frames.length = 0;
    raw.send(new Uint8Array([MessageType.queryAwareness]));
    await waitFor(
      () => raw.frames.some((f) => f[0] === MessageType.awareness),
      5000,
      'awareness answer',
    );
    const f = raw.frames.find((x) => x[0] === MessageType.awareness)!;
    const d = decoding.createDecoder(f);
    decoding.readVarUint(d);
    const json = new TextDecoder().decode(decoding.readVarUint8Array(d));
    expect(json).toContain('Anna');
    raw.ws.close();
  });

  it('SYNC-6 awareness is removed for everyone when its connection closes', async () => {
    srv = await startTestServer();
    const a = client('r6');
    const b = client('r6');
    a.provider.awareness.setLocalStateField('user', { name: 'Anna' });
    await Promise.all([whenSynced(a), whenSynced(b)]);
    const aId = a.doc.clientID;
    await waitFor(() => b.provider.awareness.getStates().has(aId), 5000, 'b sees a');
    // Simulate a crashed tab: the socket drops without a goodbye message.
    a.provider.shouldConnect = false;
    a.provider.ws?.close();
    await waitFor(() => !b.provider.awareness.getStates().has(aId), 5000, 'b no longer sees a');
    expect(srv.server.sync.registry.get('r6')!.awareness.getStates().has(aId)).toBe(false);
  });

  it('SYNC-7 awareness-only traffic never writes to storage', async () => {
    srv = await startTestServer();
    const a = client('r7');
    const b = client('r7');
    await Promise.all([whenSynced(a), whenSynced(b)]);
    const before = updateRows(srv.dataDir);
    for (let i = 0; i < 50; i++) a.provider.awareness.setLocalStateField('cursor', { i });
    await waitFor(
      () =>
        (b.provider.awareness.getStates().get(a.doc.clientID)?.cursor as { i: number } | undefined)
          ?.i === 49,
      5000,
      'cursor 49 at b',
    );
    expect(updateRows(srv.dataDir)).toBe(before);
    a.doc.getText('t').insert(0, 'x');
    await waitFor(() => b.text() === 'x', 5000, 'edit');
    expect(updateRows(srv.dataDir)).toBe(before + 1);
  });

  it('SYNC-8 new joiners share one encoding of the document', async () => {
    srv = await startTestServer();
    const a = client('r8');
    await whenSynced(a);
    a.doc.getText('t').insert(0, 'gedeeld');
    await waitFor(
      () => srv!.server.sync.registry.get('r8')?.doc.getText('t').toString() === 'gedeeld',
      5000,
      'stored',
    );
    const fullEncodings = async () =>
      (await srv!.server.metrics.stateEncodings.get()).values.find((v) => v.labels.kind === 'full')
        ?.value ?? 0;
    const before = await fullEncodings();
    const joiners = await Promise.all([1, 2, 3, 4].map(() => connectRaw(srv!.wsUrl, 'r8')));
    // Each raw joiner asks with an empty state vector; all must get identical step-2 bytes.
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MessageType.sync);
    encoding.writeVarUint(step1, 0);
    encoding.writeVarUint8Array(step1, Y.encodeStateVector(new Y.Doc()));
    for (const j of joiners) j.send(encoding.toUint8Array(step1));
    await waitFor(() => joiners.every((j) => j.updates().length > 0), 5000, 'joiners answered');
    const payloads = joiners.map((j) => Buffer.from(j.updates()[0]!));
    for (const p of payloads) expect(p.equals(payloads[0]!)).toBe(true);
    const check = new Y.Doc();
    Y.applyUpdate(check, payloads[0]!);
    expect(check.getText('t').toString()).toBe('gedeeld');
    expect((await fullEncodings()) - before).toBe(1);
    for (const j of joiners) j.ws.close();
  });
});
