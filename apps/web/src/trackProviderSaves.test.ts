import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DenialReason } from '@akkoord/protocol';
import { SaveTracker } from './SaveTracker';
import { readSyncFrame } from './syncMessages';
import { trackProviderSaves } from './trackProviderSaves';

/** Stands in for the browser WebSocket so the test plays the server's part byte by byte. */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static last: FakeSocket | null = null;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readyState = 0;
  binaryType = 'blob';
  sent: Uint8Array[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  send(data: Uint8Array): void {
    this.sent.push(new Uint8Array(data));
  }
  close(): void {
    this.readyState = 3;
  }
  // Test-side helpers.
  open(): void {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(frame: Uint8Array): void {
    this.onmessage?.({ data: frame.slice().buffer });
  }
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
  /** Sync frames sent by the client, as parsed payloads. */
  sentSync() {
    return this.sent.map(readSyncFrame).filter((p) => p.kind !== 'unknown');
  }
}

function syncFrame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function socket(): FakeSocket {
  const ws = FakeSocket.last;
  if (ws === null) throw new Error('provider opened no socket');
  return ws;
}

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
  FakeSocket.last = null;
});

function setup(options: { initiallyUnsaved?: boolean } = {}) {
  const doc = new Y.Doc();
  const server = new Y.Doc();
  const provider = new WebsocketProvider('ws://test/sync', 'room', doc, {
    connect: false,
    disableBc: true,
    WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
  });
  const tracker = new SaveTracker(options);
  const untrack = trackProviderSaves(provider, doc, tracker);
  cleanups.push(() => {
    untrack();
    provider.destroy();
  });
  provider.connect();
  return { doc, server, provider, tracker };
}

/** Plays a standard server handshake: its step 1, then step 2 in answer to the client's. */
function handshake(server: Y.Doc): void {
  const ws = socket();
  ws.open();
  ws.receive(syncFrame((e) => syncProtocol.writeSyncStep1(e, server)));
  ws.receive(syncFrame((e) => syncProtocol.writeSyncStep2(e, server)));
}

/** Lets the fake server store what the client sent and echo it, as the real server does. */
function echoSentSince(server: Y.Doc, from: number): void {
  const ws = socket();
  for (const payload of ws.sent.slice(from).map(readSyncFrame)) {
    if (payload.kind === 'step2' || payload.kind === 'update') {
      Y.applyUpdate(server, payload.update);
      ws.receive(syncFrame((e) => syncProtocol.writeUpdate(e, payload.update)));
    }
  }
}

describe('trackProviderSaves', () => {
  it('reaches saved after a handshake with nothing to send', () => {
    const { server, tracker } = setup();
    expect(tracker.getStatus()).toBe('connecting');
    handshake(server);
    expect(tracker.getStatus()).toBe('saved');
  });

  it('is saving after a local edit until the server echoes the same bytes', () => {
    const { doc, server, tracker } = setup();
    handshake(server);
    const before = socket().sent.length;
    doc.getText('t').insert(0, 'Huurverhoging');
    expect(tracker.getStatus()).toBe('saving');
    expect(tracker.pendingCount).toBe(1);
    echoSentSince(server, before);
    expect(tracker.getStatus()).toBe('saved');
    expect(server.getText('t').toJSON()).toBe('Huurverhoging');
  });

  it('ignores updates from other users', () => {
    const { doc, server, tracker } = setup();
    handshake(server);
    doc.getText('t').insert(0, 'a');
    const other = new Y.Doc();
    other.getText('t').insert(0, 'b');
    socket().receive(syncFrame((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(other))));
    expect(tracker.getStatus()).toBe('saving');
  });

  it('counts the step 2 reply and waits for its echo', () => {
    const { doc, server, tracker } = setup();
    doc.getText('t').insert(0, 'eerder getypt');
    expect(tracker.getStatus()).toBe('connecting');
    const ws = socket();
    ws.open();
    ws.receive(syncFrame((e) => syncProtocol.writeSyncStep1(e, server)));
    ws.receive(syncFrame((e) => syncProtocol.writeSyncStep2(e, server)));
    expect(tracker.getStatus()).toBe('saving');
    echoSentSince(server, 0);
    expect(tracker.getStatus()).toBe('saved');
  });

  it('does not wait for an echo of an empty step 2 reply', () => {
    const { server, tracker } = setup();
    handshake(server);
    const replies = socket()
      .sentSync()
      .filter((p) => p.kind === 'step2');
    expect(replies).toHaveLength(1);
    expect(tracker.pendingCount).toBe(0);
    expect(tracker.getStatus()).toBe('saved');
  });

  it('goes offline-unsaved on edits without a connection and saved after reconnecting', () => {
    const { doc, server, provider, tracker } = setup();
    handshake(server);
    socket().drop();
    expect(tracker.getStatus()).toBe('offline');
    doc.getText('t').insert(0, 'offline geschreven');
    expect(tracker.getStatus()).toBe('offline-unsaved');

    // Reconnect now instead of waiting for the provider's back-off timer.
    provider.disconnect();
    provider.connect();
    const ws = socket();
    ws.open();
    ws.receive(syncFrame((e) => syncProtocol.writeSyncStep1(e, server)));
    ws.receive(syncFrame((e) => syncProtocol.writeSyncStep2(e, server)));
    expect(tracker.getStatus()).toBe('saving');
    echoSentSince(server, 0);
    expect(tracker.getStatus()).toBe('saved');
    expect(server.getText('t').toJSON()).toBe('offline geschreven');
  });

  it('goes offline-unsaved when the connection drops before the echo', () => {
    const { doc, server, tracker } = setup();
    handshake(server);
    doc.getText('t').insert(0, 'x');
    socket().drop();
    expect(tracker.getStatus()).toBe('offline-unsaved');
    expect(tracker.pendingCount).toBe(0);
  });

  it('reports a final refusal and stops there', () => {
    const { provider, tracker } = setup();
    socket().open();
    socket().drop(4403);
    expect(tracker.getProblem()).toBe('forbidden');
    expect(tracker.getStatus()).toBe('offline');
    expect(provider.shouldConnect).toBe(false);
  });

  it('does not treat a transient close as a refusal', () => {
    const { server, tracker } = setup();
    handshake(server);
    socket().drop(1012);
    expect(tracker.getProblem()).toBeNull();
  });

  it('reports permission-denied for our writes', () => {
    const { doc, server, tracker } = setup();
    handshake(server);
    doc.getText('t').insert(0, 'niet toegestaan');
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 2);
    authProtocol.writePermissionDenied(encoder, 'read-only');
    socket().receive(encoding.toUint8Array(encoder));
    expect(tracker.getProblem()).toBe('read-only');
    expect(tracker.getStatus()).toBe('saving');
  });

  it('a change undone on a locked clause is no refusal: the echo of our bytes saves it', () => {
    const { doc, server, tracker } = setup();
    handshake(server);
    const before = socket().sent.length;
    doc.getText('t').insert(0, 'in een vastgestelde afspraak');
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 2);
    authProtocol.writePermissionDenied(encoder, DenialReason.lockedClause);
    socket().receive(encoding.toUint8Array(encoder));
    expect(tracker.getProblem()).toBeNull();
    // The server sends our own bytes back first (LOCK-2), then the undoing.
    echoSentSince(server, before);
    expect(tracker.getStatus()).toBe('saved');
    expect(tracker.getProblem()).toBeNull();
  });
});
