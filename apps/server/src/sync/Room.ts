import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CloseCode } from '@akkoord/protocol';
import type { SyncLimits } from '../config';
import { AppError, toCloseCode } from '../errors';
import type { Logger } from '../logger';
import type { Metrics } from '../Metrics';
import type { DocumentStore } from '../persistence/DocumentStore';
import type { WriteBatcher } from '../persistence/WriteBatcher';
import { Connection } from './Connection';
import { decodeAwarenessEntries, encodeAwarenessEntries } from './awarenessEntries';
import { coversNothingOf } from './stateVectors';
import {
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  isEmptyUpdate,
  parseClientMessage,
} from './wire';

export type RoomState = 'loading' | 'active' | 'unloading' | 'destroyed';

export interface RoomDeps {
  store: DocumentStore;
  batcher: WriteBatcher;
  limits: SyncLimits;
  metrics: Metrics;
  log: Logger;
}

/**
 * One document in memory and the connections editing it. An update is appended to storage
 * first; only once it is durable is it applied to the shared Y.Doc and sent to everyone (the
 * sender included, as its acknowledgement). Hence nobody ever sees an update that a crash could
 * lose.
 */
export class Room {
  state: RoomState = 'loading';
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly conns = new Set<Connection>();
  private readonly awarenessOwners = new Map<number, Connection>();
  readonly log: Logger;
  graceTimer: NodeJS.Timeout | null = null;
  /** Bytes held in storage for this room (snapshot + log); what the size limit is checked on. */
  private storedBytes = 0;
  private logCount = 0;
  private logBytes = 0;
  private lastSeq = 0;
  private inFlight = 0;
  private settledWaiters: (() => void)[] = [];
  private compacting: Promise<void> | null = null;
  private fullStateMessage: Uint8Array | null = null;

  constructor(
    readonly name: string,
    private readonly deps: RoomDeps,
  ) {
    this.log = deps.log.child({ room: name });
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  async load(): Promise<void> {
    const stored = await this.deps.store.load(this.name);
    if (this.state !== 'loading') return;
    if (stored.snapshot) {
      Y.applyUpdate(this.doc, stored.snapshot);
      this.storedBytes += stored.snapshot.length;
    }
    for (const u of stored.updates) {
      // A bad log entry must not make the whole document unloadable.
      try {
        Y.applyUpdate(this.doc, u.data);
      } catch (err) {
        this.log.error({ err, seq: u.seq }, 'skipping unreadable log entry');
      }
      this.storedBytes += u.data.length;
      this.logBytes += u.data.length;
      this.logCount += 1;
      this.lastSeq = u.seq;
    }
    this.state = 'active';
    this.maybeCompact();
  }

  /** Adds a connection; it is greeted (and its queued frames handled) once the room is active. */
  attach(conn: Connection): void {
    this.conns.add(conn);
    if (this.graceTimer) {
      clearTimeout(this.graceTimer);
      this.graceTimer = null;
    }
    if (this.state === 'active') this.greet(conn);
  }

  /** Called once after loading: greets everyone who joined while the document was loading. */
  greetAll(): void {
    for (const c of this.conns) this.greet(c);
  }

  detach(conn: Connection): void {
    if (!this.conns.delete(conn)) return;
    if (conn.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null);
    }
  }

  private greet(conn: Connection): void {
    if (!conn.isOpen) return;
    // Readers are never asked for their state: they could not contribute it anyway.
    if (!conn.readOnly) conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
    }
    conn.listen((frame, receivedAt) => this.handle(conn, frame, receivedAt));
  }

  private handle(conn: Connection, frame: Uint8Array, receivedAt: number): void {
    try {
      const msg = parseClientMessage(frame);
      switch (msg.kind) {
        case 'sync-step1':
          conn.send(this.stateFor(msg.stateVector));
          return;
        case 'sync-step2':
        case 'sync-update':
          this.write(conn, msg.update, receivedAt);
          return;
        case 'awareness':
          this.applyAwareness(conn, msg.update);
          return;
        case 'query-awareness':
          conn.send(
            encodeAwareness(
              awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]),
            ),
          );
          return;
        case 'auth':
          return;
        case 'unknown':
          conn.log.debug({ type: msg.type }, 'skipping unknown message type');
          return;
      }
    } catch (err) {
      const { code, reason } = err instanceof AppError ? toCloseCode(err) : { code: CloseCode.badMessage, reason: 'invalid message' };
      conn.log.warn({ err: (err as Error).message }, 'rejecting message');
      conn.close(code, reason);
    }
  }

  /**
   * A connection may only speak for the awareness clients it introduced, and its presence
   * (name, party, colour) is what the server knows of it, whatever the client claims.
   */
  private applyAwareness(conn: Connection, update: Uint8Array): void {
    let entries;
    try {
      entries = decodeAwarenessEntries(update);
    } catch {
      throw new AppError('bad_request', 'malformed awareness update');
    }
    for (const e of entries) {
      const owner = this.awarenessOwners.get(e.clientId);
      if (owner && owner !== conn) {
        conn.log.warn({ clientId: e.clientId }, 'awareness for another connection\'s client ignored');
        return;
      }
    }
    if (conn.presence) {
      const user = conn.presence;
      for (const e of entries) if (e.state) e.state = { ...e.state, user };
      update = encodeAwarenessEntries(entries);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
  }

  /** Sync step 2 for a client; new clients share one encoding of the whole document. */
  private stateFor(stateVector: Uint8Array): Uint8Array {
    if (coversNothingOf(stateVector, this.doc)) {
      if (!this.fullStateMessage) {
        this.deps.metrics.stateEncodings.inc({ kind: 'full' });
        this.fullStateMessage = encodeSyncStep2(Y.encodeStateAsUpdate(this.doc));
      }
      return this.fullStateMessage;
    }
    this.deps.metrics.stateEncodings.inc({ kind: 'diff' });
    return encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector));
  }

  private write(conn: Connection, update: Uint8Array, receivedAt: number): void {
    if (isEmptyUpdate(update)) return;
    if (conn.readOnly) {
      this.deps.metrics.updatesRefused.inc({ reason: 'read-only' });
      conn.send(encodePermissionDenied('read-only: your changes are not saved'));
      return;
    }
    if (this.storedBytes + update.length > this.deps.limits.maxDocBytes) {
      this.deps.metrics.updatesRefused.inc({ reason: 'document-size' });
      conn.send(encodePermissionDenied('document size limit reached: this change was not saved'));
      return;
    }
    try {
      // Structural validation before it reaches the log: a garbage update stored once would be
      // replayed on every load.
      Y.decodeUpdate(update);
    } catch {
      throw new AppError('bad_request', 'invalid document update');
    }
    // Copy: the frame's buffer belongs to ws and the bytes outlive this call.
    const bytes = update.slice();
    this.storedBytes += bytes.length;
    this.inFlight += 1;
    this.deps.batcher.submit({
      room: this.name,
      update: bytes,
      onStored: (seq) => this.applyStored(conn, bytes, seq, receivedAt),
      onFailed: (err) => this.writeFailed(conn, bytes, err),
    });
  }

  private applyStored(origin: Connection, update: Uint8Array, seq: number, receivedAt: number): void {
    this.lastSeq = seq;
    this.logCount += 1;
    this.logBytes += update.length;
    try {
      Y.applyUpdate(this.doc, update, origin);
      this.fullStateMessage = null;
      const msg = encodeUpdate(update);
      for (const c of this.conns) c.send(msg);
      this.deps.metrics.updatesIn.inc();
      this.deps.metrics.updatesOut.inc(this.conns.size);
      this.deps.metrics.fanoutLatency.observe((performance.now() - receivedAt) / 1000);
    } catch (err) {
      this.log.error({ err }, 'stored update could not be applied');
      origin.close(CloseCode.badMessage, 'invalid document update');
    } finally {
      this.finishWrite();
    }
    this.maybeCompact();
  }

  private writeFailed(origin: Connection, update: Uint8Array, err: unknown): void {
    this.storedBytes -= update.length;
    this.log.error({ err }, 'could not store update');
    // Nothing was applied or sent; the client still has the change and resends it on reconnect.
    origin.close(CloseCode.internalError, 'could not save your change, reconnecting');
    this.finishWrite();
  }

  private finishWrite(): void {
    this.inFlight -= 1;
    if (this.inFlight === 0) {
      const waiters = this.settledWaiters;
      this.settledWaiters = [];
      for (const w of waiters) w();
    }
  }

  /** Resolves when every write accepted so far is stored and applied. */
  settled(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  private maybeCompact(): void {
    const { compactEveryUpdates, compactEveryBytes } = this.deps.limits;
    if (this.compacting || this.state !== 'active') return;
    if (this.logCount < compactEveryUpdates && this.logBytes < compactEveryBytes) return;
    // Off the message path: let the current turn's sends go out first.
    setImmediate(() => {
      if (this.state === 'active') void this.compact();
    });
  }

  /** Folds the log into a snapshot; storage replaces both atomically. */
  compact(): Promise<void> {
    if (this.compacting) return this.compacting;
    if (this.logCount === 0) return Promise.resolve();
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    const upto = this.lastSeq;
    const countAtCapture = this.logCount;
    const bytesAtCapture = this.logBytes;
    this.compacting = this.deps.store
      .compact(this.name, snapshot, upto)
      .then(() => {
        this.logCount -= countAtCapture;
        this.logBytes -= bytesAtCapture;
        this.storedBytes = snapshot.length + this.logBytes;
        this.deps.metrics.compactions.inc({ outcome: 'ok' });
      })
      .catch((err: unknown) => {
        // The log is intact, so nothing is lost; the next trigger retries.
        this.deps.metrics.compactions.inc({ outcome: 'error' });
        this.log.error({ err }, 'compaction failed');
      })
      .finally(() => {
        this.compacting = null;
      });
    return this.compacting;
  }

  /** Frees everything the room holds. Safe to call on any path, more than once. */
  destroy(): void {
    if (this.state === 'destroyed') return;
    this.state = 'destroyed';
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = null;
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
    this.fullStateMessage = null;
  }

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin instanceof Connection) {
      for (const id of change.added) {
        origin.awarenessIds.add(id);
        this.awarenessOwners.set(id, origin);
      }
    }
    for (const id of change.removed) {
      this.awarenessOwners.get(id)?.awarenessIds.delete(id);
      this.awarenessOwners.delete(id);
    }
    const changed = change.added.concat(change.updated, change.removed);
    const msg = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const c of this.conns) c.send(msg);
  };
}
