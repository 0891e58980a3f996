import { CloseCode } from '@akkoord/protocol';
import { AppError } from '../errors';
import type { Connection } from './Connection';
import { Room, type RoomDeps } from './Room';

export type RegistryDeps = Omit<RoomDeps, 'onBroken' | 'lockedClauses'> & {
  /** Where a loading document learns its locked clauses (default: none are locked). */
  lockedClauses?: RoomDeps['lockedClauses'];
};

/**
 * Owns the lifecycle of every document in memory: loading → active → unloading → gone.
 * Concurrent joins share one load; the last leaver starts a grace period after which the
 * document is compacted and freed. Every path, failed loads included, ends in `destroy()`.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loads = new Map<Room, Promise<void>>();
  private readonly unloads = new Map<Room, Promise<void>>();

  private readonly deps: RoomDeps;

  constructor(deps: RegistryDeps) {
    this.deps = {
      ...deps,
      lockedClauses: deps.lockedClauses ?? (() => Promise.resolve([])),
      onBroken: (room) => this.reload(room),
    };
  }

  get size(): number {
    return this.rooms.size;
  }

  get(name: string): Room | undefined {
    return this.rooms.get(name);
  }

  /** Adds the connection to its room, loading the document if needed. */
  async join(conn: Connection): Promise<void> {
    let room = this.rooms.get(conn.room);
    while (room && room.state === 'unloading') {
      await this.unloads.get(room);
      room = this.rooms.get(conn.room);
    }
    if (!conn.isOpen) return;
    if (!room) room = this.startLoad(conn.room);
    room.attach(conn);
    conn.onClose(() => this.leave(room, conn));
    const loading = this.loads.get(room);
    if (loading) await loading;
  }

  /**
   * Runs `fn` on the loaded, active document `name` (loading it if needed) and keeps it from
   * being unloaded meanwhile, as a connection would; afterwards an unused document gets the
   * usual grace period. For server-side changes such as clause locks.
   */
  async use<T>(name: string, fn: (room: Room) => Promise<T>): Promise<T> {
    let room = this.rooms.get(name);
    while (room && room.state === 'unloading') {
      await this.unloads.get(room);
      room = this.rooms.get(name);
    }
    room ??= this.startLoad(name);
    room.leases += 1;
    if (room.graceTimer) {
      clearTimeout(room.graceTimer);
      room.graceTimer = null;
    }
    try {
      const loading = this.loads.get(room);
      if (loading) await loading;
      if (room.state !== 'active')
        throw new AppError('unavailable', 'document could not be loaded, try again');
      return await fn(room);
    } finally {
      room.leases -= 1;
      if (room.idle && room.state === 'active') this.scheduleUnload(room);
    }
  }

  private startLoad(name: string): Room {
    const room = new Room(name, this.deps);
    this.rooms.set(name, room);
    this.deps.metrics.loadedDocuments.set(this.rooms.size);
    const loading = room
      .load()
      .then(() => {
        this.deps.metrics.documentLoads.inc({ outcome: 'ok' });
        room.greetAll();
        if (room.idle) this.scheduleUnload(room);
      })
      .catch((err: unknown) => {
        this.deps.metrics.documentLoads.inc({ outcome: 'error' });
        room.log.error({ err }, 'document failed to load');
        for (const c of room.conns)
          c.close(CloseCode.internalError, 'document could not be loaded, try again');
        this.forget(room);
      })
      .finally(() => this.loads.delete(room));
    this.loads.set(room, loading);
    return room;
  }

  private leave(room: Room, conn: Connection): void {
    room.detach(conn);
    if (room.idle && room.state === 'active') this.scheduleUnload(room);
  }

  private scheduleUnload(room: Room): void {
    if (room.graceTimer) clearTimeout(room.graceTimer);
    room.graceTimer = setTimeout(() => {
      room.graceTimer = null;
      if (room.idle && room.state === 'active') void this.unload(room);
    }, this.deps.limits.unloadGraceMs);
    room.graceTimer.unref();
  }

  private unload(room: Room): Promise<void> {
    const existing = this.unloads.get(room);
    if (existing) return existing;
    room.state = 'unloading';
    const done = (async () => {
      try {
        await room.settled();
        await room.compact();
      } catch (err) {
        // The log still holds every update, so the document is intact without the snapshot.
        room.log.error({ err }, 'final compaction failed');
      } finally {
        for (const c of room.conns)
          c.close(CloseCode.tryAgainLater, 'document is being unloaded, reconnect');
        this.forget(room);
        this.unloads.delete(room);
      }
    })();
    this.unloads.set(room, done);
    return done;
  }

  private forget(room: Room): void {
    room.destroy();
    if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
    this.deps.metrics.loadedDocuments.set(this.rooms.size);
  }

  /**
   * Storage failed under a document: close its sockets (clients reconnect and resync, keeping
   * their own edits) and free it without compacting; the next join loads it from storage.
   */
  private reload(room: Room): void {
    if (room.state === 'unloading' || room.state === 'destroyed') return;
    room.state = 'unloading';
    const done = (async () => {
      try {
        await room.settled();
      } finally {
        for (const c of [...room.conns])
          c.close(CloseCode.internalError, 'could not save, reconnecting');
        this.forget(room);
        this.unloads.delete(room);
      }
    })();
    this.unloads.set(room, done);
  }

  /** Shutdown: compacts and frees every document, waiting for loads in progress. */
  async unloadAll(): Promise<void> {
    await Promise.allSettled([...this.loads.values()]);
    await Promise.all(
      [...this.rooms.values()].map((r) =>
        r.state === 'active' ? this.unload(r) : (this.unloads.get(r) ?? Promise.resolve()),
      ),
    );
  }
}
