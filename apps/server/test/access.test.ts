import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CloseCode } from '@akkoord/protocol';
import { AppError } from '../src/errors';
import type { Authorizer, Grant } from '../src/sync/Authorizer';
import { waitFor, whenSynced } from './helpers/clients';
import {
  bytesEqual,
  containsBytes,
  metricValue,
  readStoredUpdates,
  receivedUpdates,
  step2Frame,
  textUpdate,
  updateFrame,
  waitForAsync,
} from './helpers/frames';
import { serverFixture, within } from './helpers/fixture';
import type { TestServer } from './helpers/testServer';

const fixture = serverFixture();

/**
 * Decides from the query: `?deny=<code>` refuses with that AppError code, `?access=read` grants
 * read-only, anything else write. Records what it was asked.
 */
function queryAuthorizer(calls: { room: string; url: string }[]): Authorizer {
  return {
    authorize: (req: IncomingMessage, room: string): Promise<Grant> => {
      calls.push({ room, url: req.url ?? '' });
      const q = new URL(req.url ?? '/', 'http://localhost').searchParams;
      const deny = q.get('deny');
      if (deny === 'unauthenticated' || deny === 'forbidden' || deny === 'not_found') {
        return Promise.reject(new AppError(deny, `refused: ${deny}`));
      }
      return Promise.resolve({
        userId: q.get('user') ?? 'u1',
        access: q.get('access') === 'read' ? 'read' : 'write',
      });
    },
  };
}

async function serverWith(
  calls: { room: string; url: string }[],
  env: Record<string, string | number> = {},
) {
  return fixture.server(env, { authorizer: queryAuthorizer(calls) });
}

const { raw, client } = fixture;

async function documentLoads(s: TestServer): Promise<number> {
  return (
    (await metricValue(s.server.metrics, 'akkoord_document_loads_total', { outcome: 'ok' })) +
    (await metricValue(s.server.metrics, 'akkoord_document_loads_total', { outcome: 'error' }))
  );
}

describe('access', () => {
  const refusals = [
    { deny: 'unauthenticated', code: CloseCode.notAuthenticated },
    { deny: 'forbidden', code: CloseCode.forbidden },
    { deny: 'not_found', code: CloseCode.unknownRoom },
  ] as const;

  for (const { deny, code } of refusals) {
    it(`ACC-1 an authorizer refusal (${deny}) closes with ${code} before any document work`, async () => {
      const calls: { room: string; url: string }[] = [];
      const s = await serverWith(calls);
      const c = await raw(s, 'acc1-room', `?deny=${deny}`);
      const closed = await within(c.closed, 5000, 'refusal close');
      expect(closed.code).toBe(code);
      expect(closed.reason).toBe(`refused: ${deny}`);
      // The authorizer was asked about this room, and nothing else happened: no greeting, no
      // document loaded, no connection counted.
      expect(calls).toEqual([{ room: 'acc1-room', url: `/sync/acc1-room?deny=${deny}` }]);
      expect(c.frames).toHaveLength(0);
      expect(s.server.sync.registry.size).toBe(0);
      expect(s.server.sync.registry.get('acc1-room')).toBeUndefined();
      expect(await documentLoads(s)).toBe(0);
      expect(s.server.sync.connections.size).toBe(0);
      expect(
        await metricValue(s.server.metrics, 'akkoord_ws_closes_total', { code: String(code) }),
      ).toBe(1);
    });
  }

  it('ACC-1 a refused provider is told the terminal close code and gets no document content', async () => {
    const calls: { room: string; url: string }[] = [];
    const s = await serverWith(calls);
    const writer = client(s, 'acc1-doc');
    await whenSynced(writer);
    writer.doc.getText('t').insert(0, 'secret');
    await waitFor(
      () => s.server.sync.registry.get('acc1-doc')?.doc.getText('t').toJSON() === 'secret',
      5000,
      'stored',
    );

    const refused = client(s, 'acc1-doc', { deny: 'forbidden' });
    const closes: number[] = [];
    refused.provider.on('connection-close', (e: { code: number } | null) =>
      closes.push(e?.code ?? -1),
    );
    await waitFor(() => closes.length > 0, 5000, 'provider closed');
    expect(closes[0]).toBe(CloseCode.forbidden);
    expect(refused.text()).toBe('');
    expect(refused.provider.synced).toBe(false);
  });

  it('ACC-1 an authorizer that fails unexpectedly closes with 1011 and admits nothing', async () => {
    const s = await fixture.server(
      {},
      { authorizer: { authorize: () => Promise.reject(new Error('database down')) } },
    );
    const c = await raw(s, 'acc1-broken');
    const closed = await within(c.closed, 5000, 'close');
    expect(closed.code).toBe(CloseCode.internalError);
    // The internal error's text is not leaked to the client.
    expect(closed.reason).not.toContain('database');
    expect(c.frames).toHaveLength(0);
    expect(s.server.sync.registry.size).toBe(0);
    expect(await documentLoads(s)).toBe(0);
  });

  it('ACC-1 a client that leaves while the authorizer is deciding leaves no connection and loads nothing', async () => {
    let grant!: () => void;
    const decided = new Promise<void>((r) => (grant = r));
    let asked = 0;
    const s = await fixture.server(
      {},
      {
        authorizer: {
          authorize: async () => {
            asked++;
            await decided;
            return { userId: 'u1', access: 'write' };
          },
        },
      },
    );
    const ws = new WebSocket(`${s.wsUrl}/acc1-gone`);
    ws.on('error', () => {});
    await waitFor(() => asked === 1, 5000, 'authorizer asked');
    ws.terminate();
    await new Promise((r) => setTimeout(r, 50));
    grant();
    await new Promise((r) => setTimeout(r, 100));
    expect(s.server.sync.connections.size).toBe(0);
    expect(s.server.sync.registry.size).toBe(0);
    expect(await documentLoads(s)).toBe(0);
  });

  const badRooms = [
    { name: 'a space and a bang', path: 'bad%20room!' },
    { name: 'a slash', path: 'a/b' },
    { name: 'an encoded path traversal', path: '..%2F..%2Fetc' },
    { name: 'malformed percent-encoding', path: '%E0%A4%A' },
    { name: 'more than 128 characters', path: 'r'.repeat(129) },
  ];
  for (const bad of badRooms) {
    it(`ACC-1 an invalid room name (${bad.name}) closes with 4404 and loads nothing`, async () => {
      const calls: { room: string; url: string }[] = [];
      const s = await serverWith(calls);
      const c = await raw(s, bad.path);
      const closed = await within(c.closed, 5000, 'close');
      expect(closed.code).toBe(CloseCode.unknownRoom);
      expect(c.frames).toHaveLength(0);
      expect(s.server.sync.registry.size).toBe(0);
      expect(await documentLoads(s)).toBe(0);
    });
  }

  it('ACC-1 an empty room name closes with 4404', async () => {
    const s = await serverWith([]);
    const c = await raw(s, ''); // ws://host/sync/
    expect((await within(c.closed, 5000, 'close')).code).toBe(CloseCode.unknownRoom);
    expect(s.server.sync.registry.size).toBe(0);
  });

  it('ACC-2 a reader receives the document and live updates', async () => {
    const s = await serverWith([]);
    const writer = client(s, 'acc2-live');
    await whenSynced(writer);
    writer.doc.getText('t').insert(0, 'before the reader');
    await waitFor(
      () =>
        s.server.sync.registry.get('acc2-live')?.doc.getText('t').toJSON() === 'before the reader',
      5000,
      'stored',
    );

    const reader = client(s, 'acc2-live', { access: 'read' });
    await whenSynced(reader);
    await waitFor(() => reader.text() === 'before the reader', 5000, 'reader has the document');
    writer.doc.getText('t').insert(0, 'live: ');
    await waitFor(
      () => reader.text() === 'live: before the reader',
      5000,
      'reader sees live update',
    );
    expect(reader.provider.wsconnected).toBe(true);
  });

  it("ACC-2 a read-only connection's update and sync step 2 are refused with permission-denied: never applied, broadcast or stored", async () => {
    const s = await serverWith([]);
    const room = 'acc2';
    const writer = client(s, room);
    const readerProvider = client(s, room, { access: 'read' });
    await Promise.all([whenSynced(writer), whenSynced(readerProvider)]);
    writer.doc.getText('t').insert(0, 'agreed text');
    await waitFor(() => readerProvider.text() === 'agreed text', 5000, 'reader has the text');
    const bystander = await raw(s, room);

    const rr = await raw(s, room, '?access=read');
    const viaUpdate = textUpdate('FORGED-UPDATE ');
    const viaStep2 = textUpdate('FORGED-STEP2 ');
    rr.send(updateFrame(viaUpdate));
    rr.send(step2Frame(viaStep2));
    await waitFor(() => rr.authDenials().length === 2, 5000, 'two permission-denied messages');
    for (const reason of rr.authDenials()) expect(reason).toMatch(/read|permission|not saved/i);

    // The reader's own provider edit is refused the same way.
    readerProvider.doc.getText('t').insert(0, 'READER-EDIT ');

    await waitForAsync(
      async () =>
        (await metricValue(s.server.metrics, 'akkoord_updates_refused_total', {
          reason: 'read-only',
        })) >= 3,
      5000,
      'the reader provider edit refused too',
    );
    // Barrier: a later write from the writer reaches everyone; anything accepted before it would
    // have been stored and broadcast before it (one ordered write path).
    writer.doc.getText('t').insert(11, '!');
    await waitFor(() => receivedUpdates(bystander).length >= 1, 5000, 'bystander sees the writer');
    await waitFor(() => receivedUpdates(rr).length >= 1, 5000, 'raw reader sees the writer');
    await waitFor(
      () => readerProvider.text().endsWith('agreed text!'),
      5000,
      'reader provider sees the writer',
    );

    const serverText = s.server.sync.registry.get(room)!.doc.getText('t').toJSON();
    expect(serverText).toBe('agreed text!');
    expect(writer.text()).toBe('agreed text!');
    for (const u of [...receivedUpdates(bystander), ...receivedUpdates(rr)]) {
      expect(bytesEqual(u, viaUpdate) || bytesEqual(u, viaStep2)).toBe(false);
    }
    const rows = readStoredUpdates(s.dataDir, room);
    expect(
      rows.some((r) => containsBytes(r.data, viaUpdate) || containsBytes(r.data, viaStep2)),
    ).toBe(false);
    expect(
      rows.some(
        (r) =>
          r.data.includes(Buffer.from('FORGED')) || r.data.includes(Buffer.from('READER-EDIT')),
      ),
    ).toBe(false);
    expect(
      await metricValue(s.server.metrics, 'akkoord_updates_refused_total', { reason: 'read-only' }),
    ).toBe(3);
    // Told, not thrown out.
    expect(rr.ws.readyState).toBe(WebSocket.OPEN);
    expect(readerProvider.provider.wsconnected).toBe(true);
  });
});
