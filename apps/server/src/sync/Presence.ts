import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { AppError } from '../errors';
import { Connection } from './Connection';
import { decodeAwarenessEntries, encodeAwarenessEntries } from './awarenessEntries';
import { encodeAwareness } from './wire';

/**
 * A room's awareness (who is here, cursors). A connection may only speak for the awareness
 * clients it introduced, and its `user` field is what the server knows of it, whatever the
 * client claims.
 */
export class Presence {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly owners = new Map<number, Connection>();

  constructor(
    doc: Y.Doc,
    private readonly conns: ReadonlySet<Connection>,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onUpdate);
  }

  /** Everything known, as one awareness frame (or null when nobody is here). */
  snapshotFrame(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    if (ids.length === 0) return null;
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
  }

  apply(conn: Connection, update: Uint8Array): void {
    let entries;
    try {
      entries = decodeAwarenessEntries(update);
    } catch {
      throw new AppError('bad_request', 'malformed awareness update');
    }
    for (const e of entries) {
      const owner = this.owners.get(e.clientId);
      if (owner && owner !== conn) {
        conn.log.warn(
          { clientId: e.clientId },
          "awareness for another connection's client ignored",
        );
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

  /** Re-applies the server-known identity to a connection's states and tells everyone. */
  restamp(conn: Connection): void {
    if (!conn.presence) return;
    const ids = [...conn.awarenessIds];
    const entries = ids.flatMap((id) => {
      const state = this.awareness.getStates().get(id);
      const meta = this.awareness.meta.get(id);
      // A higher clock makes every client (the owner included) take the new state.
      return state && meta
        ? [{ clientId: id, clock: meta.clock + 1, state: { ...state, user: conn.presence } }]
        : [];
    });
    if (entries.length > 0)
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(entries), conn);
  }

  /** A connection left: its clients disappear for everyone. */
  remove(conn: Connection): void {
    if (conn.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null);
    }
  }

  destroy(): void {
    this.awareness.off('update', this.onUpdate);
    this.awareness.destroy();
  }

  private readonly onUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin instanceof Connection) {
      for (const id of change.added) {
        origin.awarenessIds.add(id);
        this.owners.set(id, origin);
      }
    }
    for (const id of change.removed) {
      this.owners.get(id)?.awarenessIds.delete(id);
      this.owners.delete(id);
    }
    const changed = change.added.concat(change.updated, change.removed);
    const msg = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const c of this.conns) c.send(msg);
  };
}
