import type { WebSocket } from 'ws';
import { CloseCode } from '@akkoord/protocol';
import type { SyncLimits } from '../config';
import { truncateReason } from '../errors';
import type { Logger } from '../logger';
import type { Metrics } from '../Metrics';
import type { Access, Grant, Presence } from './Authorizer';
import { TokenBucket } from './TokenBucket';

let nextId = 1;

/**
 * One client socket: what it may do, the awareness client ids it controls, and the outgoing
 * side's limits. Frames received before its room is ready wait in `inbox`.
 */
export class Connection {
  readonly id = `c${nextId++}`;
  readonly awarenessIds = new Set<number>();
  readonly log: Logger;
  alive = true;
  private readonly bucket: TokenBucket;
  private handler: ((frame: Uint8Array, receivedAt: number) => void) | null = null;
  private inbox: { frame: Uint8Array; receivedAt: number }[] = [];
  private closed = false;
  private closeListeners: (() => void)[] = [];

  readonly userId: string;
  access: Access;
  presence: Presence | undefined;
  readonly session: Grant['session'];

  constructor(
    private readonly ws: WebSocket,
    readonly room: string,
    grant: Grant,
    private readonly limits: SyncLimits,
    private readonly metrics: Metrics,
    log: Logger,
  ) {
    this.userId = grant.userId;
    this.access = grant.access;
    this.presence = grant.presence;
    this.session = grant.session;
    this.log = log.child({ conn: this.id, room, userId: grant.userId });
    this.bucket = new TokenBucket(limits.ratePerSec, limits.rateBurst);
    ws.on('message', (data, isBinary) => this.receive(data, isBinary));
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('error', (err: Error & { code?: string }) => {
      // ws has already decided how to close (1009 for maxPayload, 1002 for bad framing).
      const code =
        err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? CloseCode.messageTooBig : 1002;
      this.metrics.closes.inc({ code: String(code) });
      this.log.warn({ err: err.message, code }, 'socket error');
    });
    ws.on('close', () => this.onClosed());
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  get readOnly(): boolean {
    return this.access === 'read';
  }

  /** Starts delivering frames (queued ones first, in order). */
  listen(handler: (frame: Uint8Array, receivedAt: number) => void): void {
    this.handler = handler;
    const queued = this.inbox;
    this.inbox = [];
    for (const m of queued) {
      if (this.closed) return;
      handler(m.frame, m.receivedAt);
    }
  }

  onClose(fn: () => void): void {
    if (this.closed) fn();
    else this.closeListeners.push(fn);
  }

  /**
   * Queues a frame for the client. A client that stops reading would make the server buffer
   * without bound, so past the cap it is closed (1013) instead of slowing everyone down.
   */
  send(frame: Uint8Array): void {
    if (this.closed) return;
    // Judged on what is already queued, so one frame larger than the cap (a big document's
    // state for a new joiner) still goes out to a client that reads.
    if (this.ws.bufferedAmount > this.limits.sendBufferLimitBytes) {
      this.close(CloseCode.tryAgainLater, 'client not reading fast enough');
      return;
    }
    this.ws.send(frame, { binary: true });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.metrics.closes.inc({ code: String(code) });
    this.log.info({ code, reason }, 'closing connection');
    this.closed = true;
    this.ws.close(code, truncateReason(reason));
    // A peer that never answers the close handshake must not hold the socket open.
    setTimeout(() => this.ws.terminate(), 2000).unref();
    this.onClosed();
  }

  /** Heartbeat: a socket that missed a whole interval is dead. */
  checkAlive(): void {
    if (this.closed) return;
    if (!this.alive) {
      this.metrics.closes.inc({ code: 'heartbeat' });
      this.log.info('heartbeat missed, terminating');
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  private receive(data: unknown, isBinary: boolean): void {
    if (this.closed) return;
    this.alive = true;
    if (!isBinary || !Buffer.isBuffer(data)) {
      this.close(CloseCode.badMessage, 'expected a binary y-websocket message');
      return;
    }
    if (!this.bucket.take()) {
      this.close(CloseCode.rateLimited, 'too many messages, slow down');
      return;
    }
    const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const receivedAt = performance.now();
    if (this.handler) this.handler(frame, receivedAt);
    else if (this.inbox.length >= 1000)
      this.close(CloseCode.tryAgainLater, 'too many messages before the document was loaded');
    else this.inbox.push({ frame, receivedAt });
  }

  private onClosed(): void {
    this.closed = true;
    this.handler = null;
    this.inbox = [];
    const listeners = this.closeListeners;
    this.closeListeners = [];
    for (const fn of listeners) fn();
  }
}
