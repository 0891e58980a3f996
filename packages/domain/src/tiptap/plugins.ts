import { Fragment, Slice, type Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { newClauseId } from '../clause';
import { NODE } from '../schemaNames';
import { forEachClause } from './doc';

/**
 * True for a transaction that replays someone else's change from Yjs. Checked by key object and
 * by key name, in case the editor's Collaboration extension loaded its own copy of y-tiptap.
 */
export function isRemoteTransaction(tr: Transaction): boolean {
  const meta = (tr.getMeta(ySyncPluginKey) ?? tr.getMeta('y-sync$')) as
    { isChangeOrigin?: boolean } | undefined;
  return meta?.isChangeOrigin === true;
}

// ---------------------------------------------------------------------------------------------
// Stable ids

export const clauseIdPluginKey = new PluginKey('akkoordClauseIds');

function mapFragment(fragment: Fragment, f: (node: PMNode) => PMNode): Fragment {
  const out: PMNode[] = [];
  fragment.forEach((child) => {
    out.push(child.isLeaf || child.isText ? child : f(child.copy(mapFragment(child.content, f))));
  });
  return Fragment.fromArray(out);
}

/** Ids of clauses in a document. */
function clauseIds(doc: PMNode): Set<string> {
  const ids = new Set<string>();
  forEachClause(doc, ({ node }) => {
    if (typeof node.attrs.id === 'string') ids.add(node.attrs.id);
  });
  return ids;
}

/**
 * Gives pasted copies of clauses that are still in the document a new id (a cut-and-paste or a
 * drag that moves keeps the id). Exported for tests; the plugin uses it as `transformPasted`.
 */
export function renewPastedClauseIds(
  slice: Slice,
  view: Pick<EditorView, 'state' | 'dragging'>,
  generateId: () => string = newClauseId,
): Slice {
  if (view.dragging?.move) return slice;
  const taken = clauseIds(view.state.doc);
  let changed = false;
  const content = mapFragment(slice.content, (node) => {
    if (node.type.name !== NODE.clause) return node;
    const id: unknown = node.attrs.id;
    if (typeof id === 'string' && id !== '' && !taken.has(id)) {
      taken.add(id);
      return node;
    }
    changed = true;
    const fresh = generateId();
    taken.add(fresh);
    return node.type.create({ ...node.attrs, id: fresh }, node.content, node.marks);
  });
  return changed ? new Slice(content, slice.openStart, slice.openEnd) : slice;
}

/**
 * After any local change, a clause without an id or with an id an earlier clause already has
 * gets a fresh one. Remote changes are left to the client that made them, so two clients never
 * race to name the same clause.
 */
export function fixClauseIds(
  state: EditorState,
  generateId: () => string = newClauseId,
): Transaction | null {
  const seen = new Set<string>();
  let tr: Transaction | null = null;
  forEachClause(state.doc, ({ node, pos }) => {
    const id: unknown = node.attrs.id;
    if (typeof id === 'string' && id !== '' && !seen.has(id)) {
      seen.add(id);
      return;
    }
    const fresh = generateId();
    seen.add(fresh);
    tr = (tr ?? state.tr).setNodeAttribute(pos, 'id', fresh);
  });
  return tr;
}

export function clauseIdPlugin(opts: { generateId?: () => string } = {}): Plugin {
  const generateId = opts.generateId ?? newClauseId;
  return new Plugin({
    key: clauseIdPluginKey,
    appendTransaction: (transactions, _old, state) =>
      transactions.some((tr) => tr.docChanged && !isRemoteTransaction(tr))
        ? fixClauseIds(state, generateId)
        : null,
    props: {
      transformPasted: (slice, view) => renewPastedClauseIds(slice, view, generateId),
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Numbers

export interface ClauseNumbering {
  /** Clause id → number, e.g. "B-03". */
  byId: ReadonlyMap<string, string>;
  /**
   * One node decoration per clause: DOM attribute `data-clause-number`, and
   * `spec.clauseNumber` / `spec.clauseId` for node views (see `clauseNumberFromDecorations`).
   */
  decorations: DecorationSet;
}

export const clauseNumberingKey = new PluginKey<ClauseNumbering>('akkoordClauseNumbers');

function computeNumbering(doc: PMNode): ClauseNumbering {
  const byId = new Map<string, string>();
  const decos: Decoration[] = [];
  forEachClause(doc, ({ node, pos, number }) => {
    const id = typeof node.attrs.id === 'string' ? node.attrs.id : '';
    if (id && !byId.has(id)) byId.set(id, number);
    decos.push(
      Decoration.node(
        pos,
        pos + node.nodeSize,
        { 'data-clause-number': number },
        { clauseNumber: number, clauseId: id },
      ),
    );
    // Counterparts name their clause in their controls' labels; a decoration of their own
    // redraws exactly those whose clause number changed.
    node.forEach((child, offset) => {
      if (child.type.name !== NODE.counterpart) return;
      const from = pos + 1 + offset;
      decos.push(Decoration.node(from, from + child.nodeSize, {}, { parentClauseNumber: number }));
    });
  });
  // Rebuilt on every change (cheap: one level into clauses). Equal decorations compare equal,
  // so node views whose number did not change are not redrawn.
  return { byId, decorations: DecorationSet.create(doc, decos) };
}

/** Derives clause numbers from theme and position after every change; never stores them. */
export function clauseNumberingPlugin(): Plugin<ClauseNumbering> {
  return new Plugin<ClauseNumbering>({
    key: clauseNumberingKey,
    state: {
      init: (_config, state) => computeNumbering(state.doc),
      apply: (tr, value) => (tr.docChanged ? computeNumbering(tr.doc) : value),
    },
    props: {
      decorations(state) {
        return clauseNumberingKey.getState(state)?.decorations;
      },
    },
  });
}

/** Clause id → number in an editor state that has the numbering plugin (empty otherwise). */
export function getClauseNumbers(state: EditorState): ReadonlyMap<string, string> {
  return clauseNumberingKey.getState(state)?.byId ?? new Map();
}

/** The number a node view's decorations carry (`NodeView.update(node, decorations)`), or null. */
export function clauseNumberFromDecorations(decorations: readonly Decoration[]): string | null {
  for (const d of decorations) {
    const n = (d.spec as { clauseNumber?: unknown }).clauseNumber;
    if (typeof n === 'string') return n;
  }
  return null;
}

/** The number of the clause a counterpart belongs to, from the counterpart's decorations. */
export function parentClauseNumberFromDecorations(
  decorations: readonly Decoration[],
): string | null {
  for (const d of decorations) {
    const n = (d.spec as { parentClauseNumber?: unknown }).parentClauseNumber;
    if (typeof n === 'string') return n;
  }
  return null;
}
