/**
 * A lightweight y-websocket client: one Y.Doc speaking y-protocols (sync + awareness) over
 * `ws` directly, as y-websocket's WebsocketProvider does, minus reconnects and timers.
 *
 * Every sync payload the server sends (sync step 2 or update) is handed to `onPayload`
 * together with its arrival time, before anything else is done with it. In `live` mode the
 * payload is then applied to the client's doc; in `capture` mode it is only kept (the join
 * storm verifies documents after the measurement so that 200 clients applying a 1 MB
 * document in one load-generator thread do not hide the server's own speed).
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { MessageType, SyncMessageType } from '@akkoord/protocol';

/** Transaction origin of everything received from the server (never sent back). */
export const REMOTE = Symbol('remote');

export interface ClientOptions {
  url: string;
  mode: 'live' | 'capture';
  /** Send one awareness state (a user name and colour) after connecting. */
  awareness: boolean;
  name: string;
  onPayload?: (payload: Uint8Array, kind: 'step2' | 'update', t: number) => void;
  onClose?: (code: number, reason: string) => void;
}

export class BenchClient {
  readonly doc = new Y.Doc();
  readonly ws: WebSocket;
  readonly createdAt = performance.now();
  openedAt = NaN;
  /** Arrival of the server's first sync step 2. */
  syncedAt = NaN;
  closed = false;
  closeCode = 0;
  closeReason = '';
  /** Auth messages (type 2) with permission-denied, with their reason. */
  readonly denied: string[] = [];
  errors: string[] = [];
  readonly captured: { t: number; payload: Uint8Array }[] = [];
  bytesIn = 0;
  messagesIn = 0;
  private readonly opts: ClientOptions;
  private syncWaiters: (() => void)[] = [];

  constructor(opts: ClientOptions) {
    this.opts = opts;
    this.ws = new WebSocket(opts.url);
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('open', () => this.handleOpen());
    this.ws.on('message', (data: Buffer) => this.handleMessage(data));
    this.ws.on('error', (err) => {
      if (this.errors.length < 5) this.errors.push(String(err.message));
    });
    this.ws.on('close', (code, reason) => {
      this.closed = true;
      this.closeCode = code;
      this.closeReason = reason.toString();
      opts.onClose?.(code, this.closeReason);
      this.flushWaiters();
    });
    if (opts.mode === 'live') {
      this.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== REMOTE) this.sendUpdate(update);
      });
    }
  }

  get synced(): boolean {
    return !Number.isNaN(this.syncedAt);
  }

  sendUpdate(update: Uint8Array): void {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.sync);
    syncProtocol.writeUpdate(enc, update);
    this.send(encoding.toUint8Array(enc));
  }

  send(msg: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(msg);
  }

  /** Resolves once synced or closed, or after timeoutMs (whichever first). */
  whenSynced(timeoutMs: number): Promise<boolean> {
    if (this.synced || this.closed) return Promise.resolve(this.synced);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(this.synced), timeoutMs);
      this.syncWaiters.push(() => {
        clearTimeout(timer);
        resolve(this.synced);
      });
    });
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.terminate();
    }
    this.doc.destroy();
  }

  private flushWaiters(): void {
    const w = this.syncWaiters;
    this.syncWaiters = [];
    for (const f of w) f();
  }

  private handleOpen(): void {
    this.openedAt = performance.now();
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.sync);
    syncProtocol.writeSyncStep1(enc, this.doc);
    this.send(encoding.toUint8Array(enc));
    if (this.opts.awareness) {
      // One awareness entry: clientID, clock 1, JSON state (what y-websocket sends on connect).
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, 1);
      encoding.writeVarUint(inner, this.doc.clientID);
      encoding.writeVarUint(inner, 1);
      encoding.writeVarString(
        inner,
        JSON.stringify({ user: { name: this.opts.name, color: '#3b82f6' } }),
      );
      const enc2 = encoding.createEncoder();
      encoding.writeVarUint(enc2, MessageType.awareness);
      encoding.writeVarUint8Array(enc2, encoding.toUint8Array(inner));
      this.send(encoding.toUint8Array(enc2));
    }
  }

  private handleMessage(data: Buffer): void {
    const t = performance.now();
    this.messagesIn++;
    this.bytesIn += data.byteLength;
    const buf = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    try {
      const dec = decoding.createDecoder(buf);
      const type = decoding.readVarUint(dec);
      if (type === MessageType.sync) {
        const sub = decoding.readVarUint(dec);
        if (sub === SyncMessageType.step1) {
          const enc = encoding.createEncoder();
          encoding.writeVarUint(enc, MessageType.sync);
          syncProtocol.writeSyncStep2(enc, this.doc, decoding.readVarUint8Array(dec));
          this.send(encoding.toUint8Array(enc));
        } else if (sub === SyncMessageType.step2 || sub === SyncMessageType.update) {
          const payload = decoding.readVarUint8Array(dec);
          const kind = sub === SyncMessageType.step2 ? 'step2' : 'update';
          this.opts.onPayload?.(payload, kind, t);
          if (this.opts.mode === 'live') {
            Y.applyUpdate(this.doc, payload, REMOTE);
          } else {
            this.captured.push({ t, payload });
          }
          if (kind === 'step2' && !this.synced) {
            this.syncedAt = t;
            this.flushWaiters();
          }
        }
      } else if (type === MessageType.auth) {
        const perm = decoding.readVarUint(dec);
        if (perm === 0) this.denied.push(decoding.readVarString(dec));
      }
      // awareness (1) and query-awareness (3) are ignored: a lightweight client.
    } catch (err) {
      if (this.errors.length < 5) this.errors.push(`bad message: ${String(err)}`);
    }
  }
}
