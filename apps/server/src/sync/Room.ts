import * as Y from 'yjs';
import { CloseCode, DenialReason } from '@akkoord/protocol';
import type { SyncLimits } from '../config';
import { AppError, toCloseCode } from '../errors';
import type { Logger } from '../logger';
import type { Metrics } from '../Metrics';
import type { DocumentStore } from '../persistence/DocumentStore';
import type { WriteBatcher } from '../persistence/WriteBatcher';
import { Connection } from './Connection';
import { DocumentLog } from './DocumentLog';
import { HeldReplies } from './HeldReplies';
import { LockGuard } from './LockGuard';
import { MarkGuard } from './MarkGuard';
import { unguardedMarks } from './unguardedMarks';
import { Presence } from './Presence';
import { coversNothingOf } from './stateVectors';
import {
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  isEmptyUpdate,
  parseClientMessage,
} from './wire';

export type RoomState = 'loading' | 'active' | 'unloading' | 'destroyed';

export interface RoomDeps {
  /** Storage failed under this room: its memory can no longer be trusted to match storage. */
  onBroken: (room: Room) => void;
  store: DocumentStore;
  batcher: WriteBatcher;
  limits: SyncLimits;
  metrics: Metrics;
  log: Logger;
  /** Ids of the clauses locked in this room's document (LOCK-2), read when it loads. */
  lockedClauses: (room: string) => Promise<readonly string[]>;
}

/** The origin of the server's own changes: never guarded, never a connection's. */
export const SERVER_ORIGIN = Symbol('server');

type Write = {
  onStored?: () => void;
  onFailed?: (err: unknown) => void;
  /** Sent to `conn` just before the stored update: what it sent, as its acknowledgement. */
  ack?: { conn: Connection; update: Uint8Array };
};

type Frame = { conn: Connection; frame: Uint8Array; receivedAt: number };

/**
 * One document in memory and the connections editing it.
 *
 * An update is applied to the shared Y.Doc (which is how it is validated: Yjs can throw halfway
 * through a malformed update, and then the document is rebuilt from storage), appended to
 * storage, and only once durable sent to everyone, its sender included as acknowledgement.
 * State answers computed meanwhile are held until the writes before them are durable
 * (`HeldReplies`), so nobody ever sees an update that a crash could lose.
 */
export class Room {
  state: RoomState = 'loading';
  /** Set when the in-memory document can no longer be trusted; it is then never compacted. */
  broken = false;
  readonly conns = new Set<Connection>();
  readonly log: Logger;
  graceTimer: NodeJS.Timeout | null = null;
  private current = new Y.Doc();
  /** Presence outlives a rebuild of the document, so it stays bound to the first Y.Doc. */
  private readonly firstDoc = this.current;
  private readonly presence = new Presence(this.firstDoc, this.conns);
  private readonly stored: DocumentLog;
  private readonly held = new HeldReplies();
  private inFlight = 0;
  private settledWaiters: (() => void)[] = [];
  private fullStateMessage: Uint8Array | null = null;
  private rebuilding: Promise<void> | null = null;
  private paused: Frame[] = [];
  private locked: ReadonlySet<string> = new Set();
  private guard: LockGuard | null = null;
  private marks: MarkGuard | null = null;
  /** Server-side users (lock, unlock) holding the room loaded; see RoomRegistry.use. */
  leases = 0;

  constructor(
    readonly name: string,
    private readonly deps: RoomDeps,
  ) {
    this.log = deps.log.child({ room: name });
    this.stored = new DocumentLog(name, deps.store, deps.limits, deps.metrics, this.log);
  }

  get doc(): Y.Doc {
    return this.current;
  }

  get awareness() {
    return this.presence.awareness;
  }

  /** No connection and no lease: the room may be unloaded. */
  get idle(): boolean {
    return this.conns.size === 0 && this.leases === 0;
  }

  async load(): Promise<void> {
    // Locks are known before the first update is handled (LOCK-4): frames wait for `active`.
    const [, locked] = await Promise.all([
      this.stored.readInto(this.current),
      this.deps.lockedClauses(this.name),
    ]);
    if (this.state !== 'loading') return;
    this.setLockedClauses(new Set(locked));
    this.state = 'active';
    this.dropUnguardedMarks();
    this.maybeCompact();
  }

  /** See unguardedMarks: marks nobody guards (a round closed meanwhile) go, as a server change. */
  private dropUnguardedMarks(): void {
    const stale = unguardedMarks(this.doc, this.locked);
    if (stale.length === 0) return;
    this.applyServerChange(() => {
      for (const { el, mark } of stale) el.removeAttribute(mark);
    }).catch((err: unknown) => this.log.warn({ err }, 'dropping unguarded clause marks failed'));
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

  restampPresence(conn: Connection): void {
    this.presence.restamp(conn);
  }

  /**
   * A reader became a writer (ACC-6): it is asked for its state now, as a writer is when it
   * joins, so whatever it typed while refused arrives in its answer and is stored.
   */
  becameWritable(conn: Connection): void {
    if (this.state !== 'active' || !conn.isOpen || conn.readOnly) return;
    conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
  }

  detach(conn: Connection): void {
    if (!this.conns.delete(conn)) return;
    this.presence.remove(conn);
  }

  private greet(conn: Connection): void {
    if (!conn.isOpen) return;
    // Readers are never asked for their state: they could not contribute it anyway.
    if (!conn.readOnly) conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const who = this.presence.snapshotFrame();
    if (who) conn.send(who);
    conn.listen((frame, receivedAt) => this.handle({ conn, frame, receivedAt }));
  }

  private handle(f: Frame): void {
    if (this.rebuilding) {
      this.paused.push(f);
      return;
    }
    const { conn } = f;
    try {
      const msg = parseClientMessage(f.frame);
      switch (msg.kind) {
        case 'sync-step1':
          this.held.send(conn, this.stateFor(msg.stateVector));
          return;
        case 'sync-step2':
        case 'sync-update':
          this.write(conn, msg.update, f.receivedAt);
          return;
        case 'awareness':
          this.presence.apply(conn, msg.update);
          return;
        case 'query-awareness': {
          const who = this.presence.snapshotFrame();
          if (who) conn.send(who);
          return;
        }
        case 'auth':
          return;
        case 'unknown':
          conn.log.debug({ type: msg.type }, 'skipping unknown message type');
          return;
      }
    } catch (err) {
      const { code, reason } =
        err instanceof AppError
          ? toCloseCode(err)
          : { code: CloseCode.badMessage, reason: 'invalid message' };
      conn.log.warn({ err: (err as Error).message }, 'rejecting message');
      conn.close(code, reason);
    }
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

  /**
   * Replaces the set of locked clause ids; the guard is rebuilt at once, so a caller that
   * changed the document in the same turn leaves no moment in which the two disagree.
   */
  setLockedClauses(ids: ReadonlySet<string>): void {
    this.locked = new Set(ids);
    this.rebindGuard();
  }

  get lockedClauses(): ReadonlySet<string> {
    return this.locked;
  }

  private rebindGuard(): void {
    this.guard?.destroy();
    this.guard = this.locked.size > 0 ? new LockGuard(this.doc, this.locked, [Connection]) : null;
    this.marks?.destroy();
    this.marks = new MarkGuard(this.doc, () => this.locked, [Connection]);
  }

  /**
   * Runs `change` on the document as one transaction of the server's own (not guarded) and
   * submits the result like any update. The change happens synchronously, before this returns;
   * the promise resolves once it is stored (and sent to everyone).
   */
  applyServerChange(change: (doc: Y.Doc) => void): Promise<void> {
    if (this.state !== 'active' || this.broken || this.rebuilding)
      return Promise.reject(new AppError('unavailable', 'document is busy, try again'));
    const parts: Uint8Array[] = [];
    const collect = (u: Uint8Array, origin: unknown) => {
      if (origin === SERVER_ORIGIN) parts.push(u);
    };
    this.doc.on('update', collect);
    try {
      this.doc.transact(() => change(this.doc), SERVER_ORIGIN);
    } catch (err) {
      // The change may have stopped halfway; storage still holds the last good state.
      this.rebuild();
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    } finally {
      this.doc.off('update', collect);
    }
    if (parts.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) =>
      this.submit(Y.mergeUpdates(parts), performance.now(), {
        onStored: resolve,
        onFailed: reject,
      }),
    );
  }

  private write(conn: Connection, update: Uint8Array, receivedAt: number): void {
    if (isEmptyUpdate(update)) return;
    if (conn.readOnly) {
      this.deps.metrics.updatesRefused.inc({ reason: 'read-only' });
      conn.send(encodePermissionDenied(DenialReason.readOnly));
      return;
    }
    if (this.stored.wouldExceedLimit(update.length)) {
      this.deps.metrics.updatesRefused.inc({ reason: 'document-size' });
      conn.send(encodePermissionDenied(DenialReason.documentFull));
      return;
    }
    // Copy: the frame's buffer belongs to ws and the bytes outlive this call.
    const bytes = update.slice();
    try {
      Y.applyUpdate(this.doc, bytes, conn);
    } catch {
      this.deps.metrics.updatesRefused.inc({ reason: 'invalid' });
      // Nothing of it was stored, but the memory copy may be half-changed: rebuild it.
      this.rebuild();
      throw new AppError('bad_request', 'invalid document update');
    }
    // A change to a locked clause is stored and sent together with its undoing, as one
    // update: nobody, the sender included, ever holds the violating state alone.
    let fix: Uint8Array | null;
    try {
      // Locked and held clauses first (their marks included), then marks nobody guards.
      const fixes = [this.guard?.compensate(), this.marks?.compensate()].filter(
        (f): f is Uint8Array => f != null,
      );
      fix = fixes.length === 0 ? null : fixes.length === 1 ? fixes[0]! : Y.mergeUpdates(fixes);
    } catch (err) {
      // Could not tell what to undo: store nothing of it and start over from storage, as for
      // an invalid update. Failing open here would let a locked clause change.
      this.log.error({ err }, 'lock guard failed; dropping the update');
      this.deps.metrics.updatesRefused.inc({ reason: 'locked' });
      this.rebuild();
      conn.send(encodePermissionDenied(DenialReason.lockGuardFailed));
      return;
    }
    if (!fix) {
      this.submit(bytes, receivedAt);
      return;
    }
    this.deps.metrics.updatesRefused.inc({ reason: 'locked' });
    conn.send(encodePermissionDenied(DenialReason.lockedClause));
    // The sender also gets its own bytes back first: clients acknowledge a save by the echo of
    // exactly what they sent, and the merged update alone would leave them "saving" forever.
    this.submit(Y.mergeUpdates([bytes, fix]), receivedAt, { ack: { conn, update: bytes } });
  }

  /** Stores an update already applied to the document, then sends it to everyone. */
  private submit(bytes: Uint8Array, receivedAt: number, w: Write = {}): void {
    this.fullStateMessage = null;
    this.stored.reserve(bytes.length);
    this.inFlight += 1;
    const n = this.held.nextWrite();
    this.deps.batcher.submit({
      room: this.name,
      update: bytes,
      onStored: (seq) => {
        if (w.ack && this.conns.has(w.ack.conn) && this.state !== 'destroyed' && !this.broken)
          w.ack.conn.send(encodeUpdate(w.ack.update));
        this.onStored(bytes, seq, n, receivedAt);
        w.onStored?.();
      },
      onFailed: (err) => {
        this.onWriteFailed(bytes, err);
        w.onFailed?.(err);
      },
    });
  }

  private onStored(update: Uint8Array, seq: number, n: number, receivedAt: number): void {
    this.stored.appended(seq, update.length);
    if (this.state !== 'destroyed' && !this.broken) {
      const msg = encodeUpdate(update);
      for (const c of this.conns) c.send(msg);
      this.deps.metrics.updatesIn.inc();
      this.deps.metrics.updatesOut.inc(this.conns.size);
      this.deps.metrics.fanoutLatency.observe((performance.now() - receivedAt) / 1000);
      this.held.markStored(n);
    }
    this.finishWrite();
    this.maybeCompact();
  }

  private onWriteFailed(update: Uint8Array, err: unknown): void {
    this.stored.release(update.length);
    this.log.error({ err }, 'could not store update');
    this.finishWrite();
    // Memory already holds the change but storage does not; nobody was sent it. Start over
    // from storage: clients keep their edits and send them again on reconnect.
    if (!this.broken) {
      this.broken = true;
      this.held.clear();
      this.deps.onBroken(this);
    }
  }

  private finishWrite(): void {
    this.inFlight -= 1;
    if (this.inFlight === 0) {
      const waiters = this.settledWaiters;
      this.settledWaiters = [];
      for (const w of waiters) w();
    }
  }

  /**
   * Replaces the memory copy with what storage holds once the writes before it are stored,
   * holding incoming frames meanwhile. Connections stay open: they never saw the bad update.
   */
  private rebuild(): void {
    if (this.rebuilding) return;
    this.rebuilding = (async () => {
      await this.writesSettled();
      const fresh = new Y.Doc();
      await this.stored.readInto(fresh);
      if (this.state === 'destroyed') {
        fresh.destroy();
        return;
      }
      if (this.current !== this.firstDoc) this.current.destroy();
      this.current = fresh;
      // The guard is bound to the old document's elements.
      this.rebindGuard();
      this.fullStateMessage = null;
    })()
      .catch((err: unknown) => {
        this.log.error({ err }, 'rebuild failed; unloading document');
        this.broken = true;
        this.deps.onBroken(this);
      })
      .finally(() => {
        this.rebuilding = null;
        const paused = this.paused;
        this.paused = [];
        for (const f of paused) if (f.conn.isOpen && !this.broken) this.handle(f);
        if (!this.broken && this.state === 'active') this.dropUnguardedMarks();
      });
  }

  /** Resolves when every write accepted so far is stored, and any rebuild is done. */
  async settled(): Promise<void> {
    await this.writesSettled();
    if (this.rebuilding) await this.rebuilding;
  }

  private writesSettled(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  private maybeCompact(): void {
    if (this.state !== 'active' || this.broken || !this.stored.dueForCompaction) return;
    // Off the message path: let the current turn's sends go out first.
    setImmediate(() => {
      if (this.state === 'active' && !this.rebuilding && !this.broken)
        void this.stored.compact(this.doc);
    });
  }

  compact(): Promise<void> {
    if (this.broken || this.rebuilding) return Promise.resolve();
    return this.stored.compact(this.doc);
  }

  /** Frees everything the room holds. Safe to call on any path, more than once. */
  destroy(): void {
    if (this.state === 'destroyed') return;
    this.state = 'destroyed';
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = null;
    this.presence.destroy();
    this.guard?.destroy();
    this.guard = null;
    this.marks?.destroy();
    this.marks = null;
    this.current.destroy();
    this.firstDoc.destroy();
    this.paused = [];
    this.held.clear();
  }
}
