import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CloseCode, MessageType, SyncMessageType } from '@akkoord/protocol';
import { waitFor, whenSynced } from './helpers/clients';
import {
  bytesEqual,
  containsBytes,
  countFrames,
  metricValue,
  queryAwarenessFrame,
  readStoredUpdates,
  receivedUpdates,
  step1Frame,
  textUpdate,
  updateFrame,
  waitForAsync,
} from './helpers/frames';
import type { RawClient } from './helpers/rawClient';
import { serverFixture, within } from './helpers/fixture';

const { server, client, raw } = serverFixture();

const isOpen = (r: RawClient) => r.ws.readyState === r.ws.OPEN;
const socketOf = (r: RawClient) => (r.ws as unknown as { _socket: Socket })._socket;

/** Sends an update and waits until the server echoed it back (i.e. stored, applied, broadcast). */
async function writeAndAwaitEcho(
  c: RawClient,
  update: Uint8Array,
  timeoutMs = 10_000,
): Promise<void> {
  c.send(updateFrame(update));
  await waitFor(
    () => receivedUpdates(c).some((u) => bytesEqual(u, update)),
    timeoutMs,
    'echo of own update',
  );
}

describe('limits', () => {
  it('LIM-1 a message over MAX_MESSAGE_BYTES closes with 1009; one under it is accepted', async () => {
    const s = await server({ MAX_MESSAGE_BYTES: 4096 });
    const observer = client(s, 'lim1');
    await whenSynced(observer);

    const ok = await raw(s, 'lim1');
    const small = textUpdate('s'.repeat(3000));
    expect(updateFrame(small).length).toBeLessThan(4096);
    await writeAndAwaitEcho(ok, small);
    expect(isOpen(ok)).toBe(true);

    const big = await raw(s, 'lim1');
    const bigUpdate = textUpdate('B'.repeat(5000));
    expect(updateFrame(bigUpdate).length).toBeGreaterThan(4096);
    big.send(updateFrame(bigUpdate));
    const closed = await within(big.closed, 5000, 'close after oversized message');
    expect(closed.code).toBe(CloseCode.messageTooBig);
    expect(await metricValue(s.server.metrics, 'akkoord_ws_closes_total', { code: '1009' })).toBe(
      1,
    );

    // Only that socket: the small writer is still open and the oversized content went nowhere.
    const after = textUpdate('after');
    await writeAndAwaitEcho(ok, after);
    await waitFor(() => observer.text().includes('after'), 5000, 'observer sees later write');
    expect(observer.text()).not.toContain('B');
    expect(s.server.sync.registry.get('lim1')!.doc.getText('t').toJSON()).not.toContain('B');
    expect(readStoredUpdates(s.dataDir, 'lim1').some((r) => containsBytes(r.data, bigUpdate))).toBe(
      false,
    );
  });

  it('LIM-2 a write past MAX_DOC_BYTES is refused with permission-denied and a reason; not applied, stored or broadcast; the connection stays open', async () => {
    const s = await server({ MAX_DOC_BYTES: 4096 });
    const other = client(s, 'lim2');
    await whenSynced(other);
    const w = await raw(s, 'lim2');

    const first = textUpdate('a'.repeat(2000));
    await writeAndAwaitEcho(w, first);

    // 2000 + 3000 bytes would pass 4096: refused.
    const tooMuch = textUpdate('X'.repeat(3000));
    w.send(updateFrame(tooMuch));
    await waitFor(
      () => w.authDenials().length === 1,
      5000,
      'permission-denied for oversized write',
    );
    expect(w.authDenials()[0]).toMatch(/size|limit|too (large|big)/i);

    // The connection stays open and still accepts writes that fit.
    const fits = textUpdate('fits');
    await writeAndAwaitEcho(w, fits);
    expect(isOpen(w)).toBe(true);
    await waitFor(
      () => other.text().includes('fits'),
      5000,
      'other client sees the write that fits',
    );

    // The refused content never reached anyone, the document or storage.
    expect(other.text()).not.toContain('X');
    expect(receivedUpdates(w).some((u) => bytesEqual(u, tooMuch))).toBe(false);
    expect(s.server.sync.registry.get('lim2')!.doc.getText('t').toJSON()).not.toContain('X');
    const rows = readStoredUpdates(s.dataDir, 'lim2');
    expect(rows.some((r) => containsBytes(r.data, tooMuch))).toBe(false);
    expect(rows.some((r) => containsBytes(r.data, fits))).toBe(true);
    expect(
      await metricValue(s.server.metrics, 'akkoord_updates_refused_total', {
        reason: 'document-size',
      }),
    ).toBe(1);
  });

  it('LIM-2 a provider whose edit would pass MAX_DOC_BYTES is refused; a second client never sees that content', async () => {
    const s = await server({ MAX_DOC_BYTES: 4096 });
    const a = client(s, 'lim2p');
    const b = client(s, 'lim2p');
    await Promise.all([whenSynced(a), whenSynced(b)]);
    let disconnects = 0;
    a.provider.on('status', (e: { status: string }) => {
      if (e.status === 'disconnected') disconnects++;
    });

    a.doc.getText('t').insert(0, 'hello ');
    await waitFor(() => b.text() === 'hello ', 5000, 'b sees first edit');

    a.doc.getText('t').insert(6, 'Z'.repeat(6000));
    await waitForAsync(
      async () =>
        (await metricValue(s.server.metrics, 'akkoord_updates_refused_total', {
          reason: 'document-size',
        })) === 1,
      5000,
      'the oversized edit refused',
    );
    // Then a small edit from b, which the server accepts: a barrier for anything sent before it.
    b.doc.getText('t').insert(0, '>');
    await waitFor(() => a.text().startsWith('>'), 5000, 'a sees b edit after the refused one');
    await waitFor(
      () => s.server.sync.registry.get('lim2p')!.doc.getText('t').toJSON() === '>hello ',
      5000,
      'server doc',
    );

    expect(b.text()).toBe('>hello ');
    expect(disconnects).toBe(0);
    expect(a.provider.wsconnected).toBe(true);
    expect(
      await metricValue(s.server.metrics, 'akkoord_updates_refused_total', {
        reason: 'document-size',
      }),
    ).toBe(1);
    expect(
      readStoredUpdates(s.dataDir, 'lim2p').some((r) => r.data.includes(Buffer.from('ZZZZZZZZ'))),
    ).toBe(false);
  });

  it('LIM-3 a burst past RATE_LIMIT_BURST closes with 4529; a client within the limit is untouched', async () => {
    const s = await server({ RATE_LIMIT_BURST: 10, RATE_LIMIT_PER_SEC: 5 });

    // Exactly the burst is fine.
    const within10 = await raw(s, 'lim3');
    for (let i = 0; i < 10; i++) within10.send(step1Frame());
    await waitFor(
      () =>
        countFrames(
          within10,
          (m) => m.type === MessageType.sync && m.sub === SyncMessageType.step2,
        ) === 10,
      5000,
      'ten step-2 answers',
    );
    expect(isOpen(within10)).toBe(true);

    const flooder = await raw(s, 'lim3');
    for (let i = 0; i < 50; i++) flooder.send(queryAwarenessFrame());
    const closed = await within(flooder.closed, 5000, 'rate-limit close');
    expect(closed.code).toBe(CloseCode.rateLimited);
    // It was served up to its burst, then cut off.
    expect(countFrames(flooder, (m) => m.type === MessageType.awareness)).toBeLessThanOrEqual(10);

    // A provider editing at ~4 messages/s (limit 5/s after a burst of 10) is never cut off.
    const a = client(s, 'lim3');
    const b = client(s, 'lim3');
    await Promise.all([whenSynced(a), whenSynced(b)]);
    let disconnects = 0;
    a.provider.on('status', (e: { status: string }) => {
      if (e.status === 'disconnected') disconnects++;
    });
    for (let i = 0; i < 12; i++) {
      a.doc.getText('t').insert(a.text().length, String(i % 10));
      await new Promise((r) => setTimeout(r, 250));
    }
    await waitFor(() => b.text() === '012345678901', 5000, 'b sees all edits');
    expect(disconnects).toBe(0);
    expect(a.provider.wsconnected).toBe(true);
    expect(isOpen(within10)).toBe(true);
    expect(await metricValue(s.server.metrics, 'akkoord_ws_closes_total', { code: '4529' })).toBe(
      1,
    );
  });

  it('LIM-4 a client that stops reading is closed with 1013; a reading client receives every update', async () => {
    const s = await server({
      SEND_BUFFER_LIMIT_BYTES: 256 * 1024,
      MAX_DOC_BYTES: 1024 * 1024 * 1024,
      COMPACT_EVERY_BYTES: 1e12,
      COMPACT_EVERY_UPDATES: 1e9,
    });
    const writer = await raw(s, 'lim4');
    const reader = await raw(s, 'lim4');
    const stalled = await raw(s, 'lim4');
    // Let the greeting through, then stop reading: the kernel buffers fill, then the server's.
    await waitFor(() => stalled.frames.length > 0, 5000, 'stalled client greeted');
    socketOf(stalled).pause();
    const stalledConn = [...s.server.sync.connections].at(-1)!;
    expect(stalledConn.isOpen).toBe(true);

    const sent: Uint8Array[] = [];
    // Each frame well under the limit: only a backlog can pass it.
    const chunk = 'x'.repeat(96 * 1024);
    const maxBytes = 64 * 1024 * 1024; // about 4 MB is needed on Linux loopback
    let pushed = 0;
    // Push until the stalled client is cut off (bounded, so a server that never cuts it fails).
    while (stalledConn.isOpen && pushed < maxBytes) {
      const u = textUpdate(chunk);
      sent.push(u);
      pushed += u.length;
      await writeAndAwaitEcho(writer, u, 20_000);
    }
    console.info(`LIM-4: stalled client cut off after ${(pushed / 1048576).toFixed(1)} MB`);
    expect(stalledConn.isOpen).toBe(false);
    expect(await metricValue(s.server.metrics, 'akkoord_ws_closes_total', { code: '1013' })).toBe(
      1,
    );
    // Needed several MB of buffering before the cut, so this really tested a stalled reader.
    expect(pushed).toBeGreaterThan(1024 * 1024);

    // A few more after the cut: the reader and writer are unaffected.
    for (let i = 0; i < 3; i++) {
      const u = textUpdate(chunk);
      sent.push(u);
      await writeAndAwaitEcho(writer, u, 20_000);
    }
    await waitFor(
      () => receivedUpdates(reader).length === sent.length,
      20_000,
      'reader received every update',
    );
    const got = receivedUpdates(reader);
    expect(got.every((u, i) => bytesEqual(u, sent[i]!))).toBe(true);
    expect(isOpen(reader) && isOpen(writer)).toBe(true);
    expect(s.server.sync.connections.size).toBe(2);

    // Once it reads again the stalled client finds the server's close frame behind the backlog.
    socketOf(stalled).resume();
    const closed = await within(stalled.closed, 10_000, 'stalled client sees the close');
    expect(closed.code).toBe(CloseCode.tryAgainLater);
  });

  it('LIM-4 a reading client is not cut off by one frame larger than SEND_BUFFER_LIMIT_BYTES (a big document can still be joined)', async () => {
    // The limit is about a backlog that a client does not read. A document within MAX_DOC_BYTES
    // whose encoding is bigger than the send buffer limit must still reach a joiner that reads.
    const s = await server({ SEND_BUFFER_LIMIT_BYTES: 64 * 1024, MAX_DOC_BYTES: 1024 * 1024 });
    const writer = await raw(s, 'lim4big');
    const big = textUpdate('y'.repeat(200 * 1024));
    writer.send(updateFrame(big));
    await waitFor(
      () => receivedUpdates(writer).length > 0 || !isOpen(writer),
      10_000,
      'echo or close',
    );
    // The writer reads everything it is sent; its echo alone must not count as a backlog.
    expect(isOpen(writer)).toBe(true);
    expect(receivedUpdates(writer).some((u) => bytesEqual(u, big))).toBe(true);
    const joiner = client(s, 'lim4big');
    let closeCode: number | null = null;
    joiner.provider.on('connection-close', (e: { code: number } | null) => {
      closeCode ??= e?.code ?? -1;
    });
    await waitFor(
      () => joiner.text().length === 200 * 1024 || closeCode !== null,
      10_000,
      'joiner synced or closed',
    );
    expect(closeCode).toBeNull();
    expect(joiner.text().length).toBe(200 * 1024);
    expect(await metricValue(s.server.metrics, 'akkoord_ws_closes_total', { code: '1013' })).toBe(
      0,
    );
  });

  it('LIM-5 a socket that does not answer pings is terminated within a few HEARTBEAT_MS; a live client stays', async () => {
    const s = await server({ HEARTBEAT_MS: 100 });
    const live = client(s, 'lim5');
    await whenSynced(live);
    let disconnects = 0;
    live.provider.on('status', (e: { status: string }) => {
      if (e.status === 'disconnected') disconnects++;
    });
    const liveConn = [...s.server.sync.connections][0]!;

    const deaf = await raw(s, 'lim5');
    await waitFor(() => deaf.frames.length > 0, 5000, 'deaf client greeted');
    socketOf(deaf).pause();
    const deafConn = [...s.server.sync.connections].at(-1)!;
    expect(deafConn).not.toBe(liveConn);
    const t0 = Date.now();
    await waitFor(() => !deafConn.isOpen, 2000, 'deaf socket terminated');
    // ping at the first tick, terminate at the next: 2 intervals (+ a tick of slack).
    expect(Date.now() - t0).toBeLessThan(800);
    expect(
      await metricValue(s.server.metrics, 'akkoord_ws_closes_total', { code: 'heartbeat' }),
    ).toBe(1);
    socketOf(deaf).resume();
    const closed = await within(deaf.closed, 5000, 'deaf client sees the connection end');
    expect(closed.code).toBe(1006); // terminated: no close frame

    // The live provider answered every ping through ~10 intervals.
    await new Promise((r) => setTimeout(r, 1000));
    expect(liveConn.isOpen).toBe(true);
    expect(live.provider.wsconnected).toBe(true);
    expect(disconnects).toBe(0);
    expect(s.server.sync.connections.size).toBe(1);
  });

  it('LIM-6 connections beyond MAX_CONNECTIONS are closed with 1013; a freed slot is usable again', async () => {
    const s = await server({ MAX_CONNECTIONS: 2 });
    const one = await raw(s, 'lim6');
    const two = await raw(s, 'lim6-other');
    const three = await raw(s, 'lim6');
    const closed = await within(three.closed, 5000, 'third connection closed');
    expect(closed.code).toBe(CloseCode.tryAgainLater);
    expect(isOpen(one) && isOpen(two)).toBe(true);
    expect(s.server.sync.connections.size).toBe(2);

    one.ws.close();
    await waitFor(() => s.server.sync.connections.size === 1, 5000, 'slot freed');
    const four = await raw(s, 'lim6');
    four.send(step1Frame());
    await waitFor(
      () =>
        countFrames(four, (m) => m.type === MessageType.sync && m.sub === SyncMessageType.step2) ===
        1,
      5000,
      'fourth served',
    );
    expect(isOpen(four)).toBe(true);
  });

  it('LIM-6 simultaneous connections cannot exceed MAX_CONNECTIONS while the authorizer is still deciding', async () => {
    const slowAuthorizer = {
      authorize: () =>
        new Promise<{ userId: string; access: 'write' }>((r) =>
          setTimeout(() => r({ userId: 'u', access: 'write' }), 100),
        ),
    };
    const s = await server({ MAX_CONNECTIONS: 2 }, { authorizer: slowAuthorizer });
    const all = await Promise.all([raw(s, 'lim6c'), raw(s, 'lim6c'), raw(s, 'lim6c')]);
    // Every connection is decided: either admitted by the server or closed.
    await waitFor(
      () => s.server.sync.connections.size + all.filter((c) => !isOpen(c)).length >= 3,
      5000,
      'all three connections decided',
    );
    const refused = all.filter((c) => !isOpen(c));
    expect(s.server.sync.connections.size).toBeLessThanOrEqual(2);
    expect(refused).toHaveLength(1);
    expect((await refused[0]!.closed).code).toBe(CloseCode.tryAgainLater);
  });
});
