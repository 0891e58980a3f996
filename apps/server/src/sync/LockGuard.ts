import * as Y from 'yjs';
import { CONTENT_FRAGMENT } from '@akkoord/domain';
import { clauseElements } from './clauseElements';
import { isClientOrigin } from './clientOrigin';

/** Not exported by name from Yjs. */
type DeleteSet = ReturnType<typeof Y.createDeleteSet>;
type DeleteRanges = Map<number, { clock: number; len: number }[]>;

/**
 * Keeps the locked clauses of one Y.Doc as they were agreed (LOCK-2). After a client's update
 * has been applied, `compensate()` returns the update that undoes what it did to a locked clause
 * (text, counterparts, attributes, deletion, also of a parent section) and removes copies of
 * one, leaving the rest of that update alone. The caller stores and sends both as one update.
 *
 * Two Y.UndoManagers do the undoing, because Yjs already knows how to revert exactly one
 * transaction's effect on a subtree:
 * - `edits` is scoped to the locked clause elements: it captures changes inside them.
 * - `deletions` is scoped to the whole content and never deletes (deleteFilter): undoing with
 *   it only re-inserts what was deleted. It captures only transactions that deleted a locked
 *   clause, so deleted content elsewhere is not kept from garbage collection.
 * Both are emptied after every update, so they never grow.
 */
export class LockGuard {
  /** The agreed element of each locked id found in the document. */
  private readonly bound = new Map<string, Y.XmlElement>();
  private elements: Y.XmlElement[] = [];
  private edits: Y.UndoManager | null = null;
  private deletions: Y.UndoManager | null = null;
  /** Set when a client transaction added or removed elements somewhere (a copy may have come). */
  private structureChanged = false;
  private readonly noteStructure = (tr: Y.Transaction) => {
    if (this.structureChanged || !this.isClient(tr.origin)) return;
    for (const [type, keys] of tr.changed) {
      // `null` names a change to the children; typing only changes text nodes' children.
      if (keys.has(null) && !(type instanceof Y.XmlText)) {
        this.structureChanged = true;
        return;
      }
    }
  };

  /**
   * @param clientOrigins the transaction origins (or their classes) of client updates; anything
   *   else, the server's own changes included, is not guarded.
   */
  constructor(
    private readonly doc: Y.Doc,
    private readonly locked: ReadonlySet<string>,
    private readonly clientOrigins: readonly unknown[],
  ) {
    this.bind();
    doc.on('afterTransaction', this.noteStructure);
  }

  /** Clause ids this guard enforces. */
  get lockedIds(): ReadonlySet<string> {
    return this.locked;
  }

  /**
   * To call right after a client update was applied. Returns the compensating update, or null
   * when the update left every locked clause alone.
   */
  compensate(): Uint8Array | null {
    if (this.elements.length === 0) return null;
    const fixes: Uint8Array[] = [];
    const collect = (update: Uint8Array, origin: unknown) => {
      if (origin === this || origin === this.edits || origin === this.deletions) fixes.push(update);
    };
    this.doc.on('update', collect);
    try {
      let restored = false;
      const roots = this.deletedRoots();
      if (roots.length > 0 && this.deletions?.canUndo()) {
        // Only what went with the locked clauses: deletions elsewhere in the update are kept.
        const item = this.deletions.undoStack[this.deletions.undoStack.length - 1]!;
        item.deletions = this.onlyUnder(roots, item.deletions);
        this.deletions.undo();
        restored = true;
      }
      if (this.edits?.canUndo()) this.edits.undo();
      this.edits?.clear();
      this.deletions?.clear();
      // Restored clauses are new objects: guard those from now on.
      if (restored) this.bind(this.elements.map((el) => this.successor(el)));
      // Walking the document for copies only pays when elements came or went.
      if (this.structureChanged || restored) this.removeCopies();
    } finally {
      this.structureChanged = false;
      this.doc.off('update', collect);
    }
    if (fixes.length === 0) return null;
    return fixes.length === 1 ? fixes[0]! : Y.mergeUpdates(fixes);
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.noteStructure);
    this.unbind();
  }

  private isClient(origin: unknown): boolean {
    return isClientOrigin(origin, this.clientOrigins);
  }

  private unbind(): void {
    this.edits?.destroy();
    this.deletions?.destroy();
    this.edits = null;
    this.deletions = null;
    this.elements = [];
    this.bound.clear();
  }

  /**
   * @param agreed the elements known to be the agreed ones; for other locked ids the first in
   *   document order is taken, any other element with the id is a copy (see removeCopies).
   */
  private bind(agreed: readonly Y.XmlElement[] = []): void {
    this.unbind();
    if (this.locked.size === 0) return;
    for (const [id, els] of this.lockedElements())
      this.bound.set(id, els.find((el) => agreed.includes(el)) ?? els[0]!);
    this.elements = [...this.bound.values()];
    if (this.elements.length === 0) return;
    const origins = () => new Set<unknown>(this.clientOrigins);
    this.edits = new Y.UndoManager(this.elements, {
      captureTimeout: 0,
      trackedOrigins: origins(),
      doc: this.doc,
    });
    const bound = this.elements;
    this.deletions = new Y.UndoManager(this.doc.getXmlFragment(CONTENT_FRAGMENT), {
      captureTimeout: 0,
      trackedOrigins: origins(),
      deleteFilter: () => false,
      captureTransaction: () => bound.some((el) => el._item?.deleted === true),
    });
  }

  /** What a restored element became (an undo re-inserts a new element in its place). */
  private successor(el: Y.XmlElement): Y.XmlElement {
    let item = el._item;
    while (item?.redone) item = Y.getItem(this.doc.store, item.redone);
    return item ? ((item.content as Y.ContentType).type as Y.XmlElement) : el;
  }

  /** The topmost deleted item above (or at) each deleted locked clause. */
  private deletedRoots(): Y.Item[] {
    const roots: Y.Item[] = [];
    for (const el of this.elements) {
      let item = el._item;
      if (!item?.deleted) continue;
      // Its ancestors were all alive before this update, so a deleted one went with it.
      for (let up = item.parent as Y.AbstractType<unknown>; up._item?.deleted;) {
        item = up._item;
        up = item.parent as Y.AbstractType<unknown>;
      }
      if (!roots.includes(item)) roots.push(item);
    }
    return roots;
  }

  /** The part of `ds` that is one of `roots` or inside one. */
  private onlyUnder(roots: Y.Item[], ds: DeleteSet): DeleteSet {
    const types = roots.map((r) => (r.content as Y.ContentType).type);
    const keep = (s: Y.Item) => roots.includes(s) || types.some((t) => Y.isParentOf(t, s));
    const ranges: DeleteRanges = new Map();
    for (const [client, dels] of ds.clients) {
      const structs = this.doc.store.clients.get(client) ?? [];
      for (const del of dels) {
        let i = Y.findIndexSS(structs, del.clock);
        for (; i < structs.length && structs[i]!.id.clock < del.clock + del.len; i++) {
          const s = structs[i]!;
          if (!(s instanceof Y.Item) || !keep(s)) continue;
          const list = ranges.get(client) ?? [];
          list.push({ clock: s.id.clock, len: s.length });
          ranges.set(client, list);
        }
      }
    }
    const out = Y.createDeleteSet();
    out.clients = ranges;
    // Sorts and joins the ranges, as Yjs' lookups expect.
    return Y.mergeDeleteSets([out]);
  }

  /**
   * A client can insert a copy of a locked clause (same id) elsewhere; the agreed one is the
   * bound element, every other element carrying its id is deleted.
   */
  private removeCopies(): void {
    const copies: Y.XmlElement[] = [];
    for (const [id, els] of this.lockedElements()) {
      // A lock whose clause is not in the document has no agreed element to tell copies from.
      const agreed = this.bound.get(id);
      if (agreed) for (const el of els) if (el !== agreed) copies.push(el);
    }
    if (copies.length === 0) return;
    this.doc.transact(() => {
      for (const el of copies) {
        const parent = el.parent as Y.XmlElement | Y.XmlFragment;
        const index = parent.toArray().indexOf(el);
        if (index >= 0) parent.delete(index, 1);
      }
    }, this);
  }

  /** Clause elements by id, in document order, for the ids that are locked. */
  private lockedElements(): Map<string, Y.XmlElement[]> {
    const found = new Map<string, Y.XmlElement[]>();
    // A clause inside a locked clause is a copy too, but nothing inside it is guarded
    // separately: the whole subtree already is.
    for (const el of clauseElements(this.doc)) {
      const id: unknown = el.getAttribute('id');
      if (typeof id !== 'string' || !this.locked.has(id)) continue;
      const list = found.get(id) ?? [];
      list.push(el);
      found.set(id, list);
    }
    return found;
  }
}
