import type * as Y from 'yjs';
import type { ClauseLockDto } from '@akkoord/domain';
import type { ClauseLocks } from '../consent/ClauseLocks';
import { AppError } from '../errors';
import { clauseElements } from '../sync/clauseElements';
import type { Room } from '../sync/Room';
import type { ClauseLockStore } from './ClauseLockStore';

/** The part of the room registry the locker needs: a document held loaded while in use. */
export interface LockableRooms {
  use<T>(room: string, fn: (room: Room) => Promise<T>): Promise<T>;
}

export interface ClauseRef {
  workspaceId: string;
  documentId: string;
  /** The document's sync room (`DocumentDto.room`); must be the room of `documentId`. */
  room: string;
  clauseId: string;
}

export interface ClauseLockerDeps {
  store: ClauseLockStore;
  /** A getter: the registry is created after the locker. */
  rooms: () => LockableRooms;
  now?: () => number;
}

/**
 * Locks and reopens clauses (LOCK-1, LOCK-3's document side): the SQL row, the clause's
 * `status`/`locked` attributes (one server transaction, stored and sent like any update) and the
 * room's guard (LOCK-2) change together. Who may lock or reopen, and why, is the caller's
 * business (consent rounds, the facilitator).
 *
 * Failure windows err on the side of guarding: a lock writes its row before the document
 * (a reload in between guards a clause whose attributes are not set yet, and a retry sets
 * them); a reopening changes the document before removing the row.
 */
export class ClauseLocker implements ClauseLocks {
  /** Lock and unlock of one room run one at a time, so their awaits cannot interleave. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly now: () => number;

  constructor(private readonly deps: ClauseLockerDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * Marks the clause agreed and locked by `decisionId`. Resolves once the change is stored and
   * sent. Locking a locked clause again replaces its decision id. 404 when the clause is not in
   * the document.
   */
  lock(ref: ClauseRef & { decisionId: string }): Promise<void> {
    return this.serialized(ref.room, () =>
      this.deps.rooms().use(ref.room, async (room) => {
        await room.settled();
        if (!findClause(room.doc, ref.clauseId)) throw clauseNotFound();
        const previous = await this.deps.store.get(ref.documentId, ref.clauseId);
        await this.deps.store.put({
          documentId: ref.documentId,
          clauseId: ref.clauseId,
          workspaceId: ref.workspaceId,
          decisionId: ref.decisionId,
          lockedAt: this.now(),
        });
        try {
          await room.settled();
          // From here to setLockedClauses nothing awaits: no update can slip in between.
          const el = findClause(room.doc, ref.clauseId);
          if (!el) throw clauseNotFound();
          const stored = room.applyServerChange(() => {
            el.setAttribute('status', 'agreed');
            el.setAttribute('locked', ref.decisionId);
            // The round that agreed it is over; the lock holds the clause from here on.
            el.removeAttribute('round');
          });
          room.setLockedClauses(new Set([...room.lockedClauses, ref.clauseId]));
          await stored;
        } catch (err) {
          if (previous) {
            await this.deps.store.put(previous).catch(() => undefined);
            throw err;
          }
          // Not in the document: the row must not guard it either.
          await this.deps.store.remove(ref.documentId, ref.clauseId).catch(() => false);
          if (room.lockedClauses.has(ref.clauseId))
            room.setLockedClauses(without(room.lockedClauses, ref.clauseId));
          throw err;
        }
      }),
    );
  }

  /**
   * Reopens a locked clause: `locked` removed, status `reopened`, editable again. 404 when it
   * is not locked. A locked clause missing from the document only loses its row. The reopening
   * decision's id (consent's `LockRequest`) is accepted but not stored: the decision log holds it.
   */
  unlock(ref: ClauseRef & { decisionId?: string }): Promise<void> {
    return this.serialized(ref.room, () =>
      this.deps.rooms().use(ref.room, async (room) => {
        if (!(await this.deps.store.get(ref.documentId, ref.clauseId)))
          throw new AppError('not_found', 'Clause is not locked');
        await room.settled();
        const el = findClause(room.doc, ref.clauseId);
        const stored = el
          ? room.applyServerChange(() => {
              el.removeAttribute('locked');
              el.setAttribute('status', 'reopened');
            })
          : Promise.resolve();
        room.setLockedClauses(without(room.lockedClauses, ref.clauseId));
        try {
          await stored;
        } catch (err) {
          // The document still says locked (or reloads from storage, which does): keep guarding.
          room.setLockedClauses(new Set([...room.lockedClauses, ref.clauseId]));
          throw err;
        }
        await this.deps.store.remove(ref.documentId, ref.clauseId);
      }),
    );
  }

  /**
   * Holds the clause for an open consent round (CONS-5): its `round` attribute is set and the
   * room's guard keeps it as it is, as for a lock, until `release` or `lock`. 404 when the clause
   * is not in the document.
   */
  hold(ref: ClauseRef & { roundId: string }): Promise<void> {
    return this.serialized(ref.room, () =>
      this.deps.rooms().use(ref.room, async (room) => {
        await room.settled();
        const el = findClause(room.doc, ref.clauseId);
        if (!el) throw clauseNotFound();
        const stored = room.applyServerChange(() => el.setAttribute('round', ref.roundId));
        const wasGuarded = room.lockedClauses.has(ref.clauseId);
        room.setLockedClauses(new Set([...room.lockedClauses, ref.clauseId]));
        try {
          await stored;
        } catch (err) {
          if (!wasGuarded) room.setLockedClauses(without(room.lockedClauses, ref.clauseId));
          throw err;
        }
      }),
    );
  }

  /**
   * Ends the hold of round `roundId` on the clause: the attribute goes (only if it still names
   * that round) and the guard lets go unless the clause is locked. A failed document write is
   * healed when the room next loads or rebuilds (Room drops holds it does not guard).
   */
  release(ref: ClauseRef & { roundId: string }): Promise<void> {
    return this.serialized(ref.room, () =>
      this.deps.rooms().use(ref.room, async (room) => {
        await room.settled();
        const locked = (await this.deps.store.get(ref.documentId, ref.clauseId)) !== null;
        const el = findClause(room.doc, ref.clauseId);
        const mark: unknown = el?.getAttribute('round');
        // Held by another round (or locked since): that hold is not this round's to end.
        if (el && mark !== undefined && mark !== ref.roundId) return;
        if (!locked) room.setLockedClauses(without(room.lockedClauses, ref.clauseId));
        if (el && mark === ref.roundId)
          await room.applyServerChange(() => el.removeAttribute('round'));
      }),
    );
  }

  /** The clauses of the document marked as held by the round (loads the document if needed). */
  heldBy(doc: { documentId: string; room: string }, roundId: string): Promise<string[]> {
    return this.deps.rooms().use(doc.room, async (room) => {
      await room.settled();
      const ids: string[] = [];
      for (const el of clauseElements(room.doc)) {
        const id: unknown = el.getAttribute('id');
        if (typeof id === 'string' && el.getAttribute('round') === roundId) ids.push(id);
      }
      return ids;
    });
  }

  /** Every lock in the workspace, oldest first. */
  async list(workspaceId: string): Promise<ClauseLockDto[]> {
    const rows = await this.deps.store.listByWorkspace(workspaceId);
    return rows.map((r) => ({
      documentId: r.documentId,
      clauseId: r.clauseId,
      decisionId: r.decisionId,
      lockedAt: new Date(r.lockedAt).toISOString(),
    }));
  }

  async isLocked(documentId: string, clauseId: string): Promise<boolean> {
    return (await this.deps.store.get(documentId, clauseId)) !== null;
  }

  private serialized<T>(room: string, fn: () => Promise<T>): Promise<T> {
    const before = this.queues.get(room) ?? Promise.resolve();
    const run = before.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.queues.set(room, tail);
    void tail.then(() => {
      if (this.queues.get(room) === tail) this.queues.delete(room);
    });
    return run;
  }
}

function without(ids: ReadonlySet<string>, id: string): Set<string> {
  const rest = new Set(ids);
  rest.delete(id);
  return rest;
}

const clauseNotFound = () => new AppError('not_found', 'Clause not found in the document');

/** The clause element with this id; the first in document order, as the lock guard binds. */
export function findClause(doc: Y.Doc, clauseId: string): Y.XmlElement | null {
  for (const el of clauseElements(doc)) if (el.getAttribute('id') === clauseId) return el;
  return null;
}
