import { CloseCode } from '@akkoord/protocol';
import { sameBytes } from './syncMessages';

export type SyncStatus = 'connecting' | 'saved' | 'saving' | 'offline' | 'offline-unsaved';

/**
 * Why the server will not take our changes, next to (not instead of) the status: the status
 * still tells whether local changes are confirmed, the problem tells the user what to do.
 */
export type SyncProblem =
  'not-authenticated' | 'forbidden' | 'unknown-room' | 'refused' | 'read-only';

/** Close codes the server uses for a final "no" (see @akkoord/protocol CloseCode). */
function problemForCloseCode(code: number): SyncProblem {
  switch (code) {
    case CloseCode.notAuthenticated:
      return 'not-authenticated';
    case CloseCode.forbidden:
      return 'forbidden';
    case CloseCode.unknownRoom:
      return 'unknown-room';
    default:
      return 'refused';
  }
}

export interface SaveTrackerOptions {
  /**
   * True when an earlier visit left changes the server never confirmed. They live in the
   * IndexedDB cache, and the user must not see "saved" before the server has them.
   */
  initiallyUnsaved?: boolean;
  /** Called whenever "there are unconfirmed local changes" flips, so it can outlive a reload. */
  onUnsavedChange?: (unsaved: boolean) => void;
}

/**
 * Decides the save status from facts the provider wiring reports. It knows nothing about
 * WebSockets or Yjs so every transition can be unit-tested with plain byte arrays.
 *
 * The server sends an update to anyone, its sender included, only after storing it durably, and
 * echoes each accepted update with the exact same bytes. So a local change counts as saved once
 * its own bytes come back; until then it waits in `pending`, in sending order.
 */
export class SaveTracker {
  private pending: Uint8Array[] = [];
  private open = false;
  private synced = false;
  /** Whether the server's step 1 has been answered on the current connection. */
  private answeredStep1 = false;
  /** Changes that were lost in flight or made offline; only a full resync can clear this. */
  private unsentChanges: boolean;
  /** Until the first connection fails we say "connecting", not "offline". */
  private everClosed = false;
  private lastUnsaved: boolean;
  private status: SyncStatus = 'connecting';
  private problem: SyncProblem | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly onUnsavedChange: ((unsaved: boolean) => void) | undefined;

  constructor(options: SaveTrackerOptions = {}) {
    this.unsentChanges = options.initiallyUnsaved ?? false;
    this.lastUnsaved = this.unsentChanges;
    this.onUnsavedChange = options.onUnsavedChange;
  }

  getStatus = (): SyncStatus => this.status;

  getProblem = (): SyncProblem | null => this.problem;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Number of sent updates still waiting for the server's echo. */
  get pendingCount(): number {
    return this.pending.length;
  }

  connectionOpened(): void {
    this.open = true;
    this.synced = false;
    this.answeredStep1 = false;
    this.update();
  }

  /** Any close, including a connection attempt that never opened. */
  connectionClosed(): void {
    // Whatever was in flight may or may not have arrived; after reconnecting, the reply to the
    // server's step 1 carries everything it lacks, so we only remember that something is open.
    if (this.pending.length > 0) this.unsentChanges = true;
    this.pending = [];
    this.open = false;
    this.synced = false;
    this.answeredStep1 = false;
    this.everClosed = true;
    this.update();
  }

  syncedChanged(synced: boolean): void {
    this.synced = synced;
    this.update();
  }

  /** A local update went out over the open connection. */
  updateSent(update: Uint8Array): void {
    this.pending.push(update);
    this.update();
  }

  /** A local change happened that could not be sent (no open connection). */
  changeNotSent(): void {
    this.unsentChanges = true;
    this.update();
  }

  /**
   * We answered the server's step 1. `reply` is the update in our step 2, or null when it was
   * empty: the server then already has everything and nothing will be echoed.
   */
  step1Answered(reply: Uint8Array | null): void {
    if (this.problem === 'read-only') {
      // The server asks again once we may write (a new connection, or ACC-6 on this one). The
      // refused updates will never be echoed; the reply carries them again. If we still may not
      // write, the reply is refused in turn and the problem comes back.
      this.pending = [];
      this.problem = null;
      this.notify();
    }
    if (reply !== null) this.pending.push(reply);
    this.answeredStep1 = true;
    this.update();
  }

  /** The server closed the connection for good (4400–4499); the provider stops retrying. */
  connectionRefused(code: number): void {
    this.setProblem(problemForCloseCode(code));
  }

  /**
   * The server answered a write with permission-denied: it stores nothing from us, so the
   * pending updates will never be echoed. They stay counted: they really are not saved.
   */
  writeRefused(): void {
    this.setProblem('read-only');
  }

  private setProblem(problem: SyncProblem): void {
    if (this.problem === problem) return;
    this.problem = problem;
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** An update (sync step 2 or update) arrived from the server. */
  updateReceived(update: Uint8Array): void {
    const head = this.pending[0];
    if (head !== undefined && sameBytes(head, update)) {
      this.pending.shift();
      this.update();
    }
  }

  private update(): void {
    if (this.open && this.synced && this.answeredStep1 && this.pending.length === 0) {
      this.unsentChanges = false;
    }
    const unsaved = this.unsentChanges || this.pending.length > 0;
    const next = this.computeStatus(unsaved);
    if (unsaved !== this.lastUnsaved) {
      this.lastUnsaved = unsaved;
      this.onUnsavedChange?.(unsaved);
    }
    if (next !== this.status) {
      this.status = next;
      this.notify();
    }
  }

  private computeStatus(unsaved: boolean): SyncStatus {
    if (this.open) {
      if (unsaved) return 'saving';
      return this.synced ? 'saved' : 'connecting';
    }
    if (!this.everClosed) return 'connecting';
    return unsaved ? 'offline-unsaved' : 'offline';
  }
}
