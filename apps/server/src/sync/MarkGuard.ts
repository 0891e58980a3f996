import * as Y from 'yjs';
import { NODE } from '@akkoord/domain';
import { isClientOrigin } from './clientOrigin';
import { SERVER_MARKS, unguardedMarks } from './unguardedMarks';

/**
 * Keeps the server's clause marks (`locked`, `round`) the server's (LOCK-5): after a client
 * update, marks on clauses the room does not guard — set on an open clause, or carried in by
 * a new element — are removed. Marks on guarded clauses are the LockGuard's (it restores them).
 * The walk only happens after a client transaction that touched a mark or added elements.
 */
export class MarkGuard {
  private touched = false;
  private readonly note = (tr: Y.Transaction) => {
    if (this.touched || !isClientOrigin(tr.origin, this.clientOrigins)) return;
    for (const [type, keys] of tr.changed) {
      const markChanged =
        type instanceof Y.XmlElement &&
        type.nodeName === NODE.clause &&
        SERVER_MARKS.some((m) => keys.has(m));
      // `null`: children changed; a new element may carry a mark (typing only changes text).
      if (markChanged || (keys.has(null) && !(type instanceof Y.XmlText))) {
        this.touched = true;
        return;
      }
    }
  };

  constructor(
    private readonly doc: Y.Doc,
    private readonly guarded: () => ReadonlySet<string>,
    private readonly clientOrigins: readonly unknown[],
  ) {
    doc.on('afterTransaction', this.note);
  }

  /** To call right after a client update was applied: the update removing forged marks, or null. */
  compensate(): Uint8Array | null {
    if (!this.touched) return null;
    this.touched = false;
    const forged = unguardedMarks(this.doc, this.guarded());
    if (forged.length === 0) return null;
    const parts: Uint8Array[] = [];
    const collect = (update: Uint8Array, origin: unknown) => {
      if (origin === this) parts.push(update);
    };
    this.doc.on('update', collect);
    try {
      this.doc.transact(() => {
        for (const { el, mark } of forged) el.removeAttribute(mark);
      }, this);
    } finally {
      this.doc.off('update', collect);
    }
    return parts.length === 0 ? null : Y.mergeUpdates(parts);
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.note);
  }
}
