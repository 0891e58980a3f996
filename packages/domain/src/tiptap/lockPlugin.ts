import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { forEachClause } from './doc';
import { isRemoteTransaction } from './plugins';

/*
 * Clause locks (LOCK-1..3) and clauses held for an open consent round (CONS-5) on the editor
 * side; both are "locked" below. The server is the guard that counts: it undoes
 * any change inside a locked clause from any client (LOCK-2). This plugin only spares people
 * the flicker of typing into an agreed clause and seeing their words vanish a moment later:
 * local transactions that would change a locked clause are refused before they reach Yjs.
 */

export const clauseLockPluginKey = new PluginKey('akkoordClauseLocks');

/** The lock of a clause node (its decision id), or null. */
export function clauseLock(node: PMNode): string | null {
  const v: unknown = node.attrs.locked;
  return typeof v === 'string' && v !== '' ? v : null;
}

/** The consent round open on a clause (its id), or null (CONS-5). */
export function clauseRound(node: PMNode): string | null {
  const v: unknown = node.attrs.round;
  return typeof v === 'string' && v !== '' ? v : null;
}

/** Locked, or held for an open consent round: either way nobody may change it. */
export function clauseHeld(node: PMNode): boolean {
  return clauseLock(node) !== null || clauseRound(node) !== null;
}

function lockedClauses(doc: PMNode): { pos: number; node: PMNode }[] {
  const out: { pos: number; node: PMNode }[] = [];
  forEachClause(doc, ({ node, pos }) => {
    if (clauseHeld(node)) out.push({ pos, node });
  });
  return out;
}

/** The ids of the clauses nobody may change now: locked, or held for an open round. */
export function heldClauseIds(doc: PMNode): string[] {
  const ids: string[] = [];
  for (const { node } of lockedClauses(doc)) {
    const id: unknown = node.attrs.id;
    if (typeof id === 'string' && id !== '') ids.push(id);
  }
  return ids;
}

/** Rendering a history snapshot is y-sync's own view of the past, not an edit. */
function isSnapshotRender(tr: Transaction): boolean {
  const meta: unknown = tr.getMeta(ySyncPluginKey) ?? tr.getMeta('y-sync$');
  return typeof meta === 'object' && meta !== null && 'snapshot' in meta;
}

/**
 * True when a transaction changes, moves or deletes a locked clause, or locks one itself.
 *
 * Rather than knowing every step type (mark and attribute steps have empty step maps), each
 * locked clause must come out of every step identical, at the position the step maps it to.
 * Unchanged nodes keep their identity through steps elsewhere, so the comparison is cheap.
 */
export function touchesLockedClause(tr: Transaction): boolean {
  if (!tr.docChanged) return false;
  const before = lockedClauses(tr.before);
  if (before.length > 0) {
    let locked = before;
    for (let i = 0; i < tr.steps.length; i++) {
      const step = tr.steps[i];
      const after = i + 1 < tr.docs.length ? tr.docs[i + 1] : tr.doc;
      if (step === undefined || after === undefined) continue;
      const map = step.getMap();
      for (const { pos, node } of locked) {
        // assoc 1: something inserted right before the clause pushes it on, untouched.
        const mapped = map.map(pos, 1);
        if (after.nodeAt(mapped)?.eq(node) !== true) return true;
      }
      if (i + 1 < tr.steps.length) locked = lockedClauses(after);
    }
  }
  // Every lock survived; more locks than before means this client made one, and locks are
  // the server's to set.
  return lockedClauses(tr.doc).length > before.length;
}

/**
 * Refuses local transactions that touch a locked clause (text, counterparts, attributes,
 * deletion, moving). Remote changes from y-sync pass: the server sets and lifts locks, and
 * what it sends is the agreed truth.
 */
export function clauseLockPlugin(): Plugin {
  return new Plugin({
    key: clauseLockPluginKey,
    filterTransaction: (tr) =>
      isRemoteTransaction(tr) || isSnapshotRender(tr) || !touchesLockedClause(tr),
  });
}
