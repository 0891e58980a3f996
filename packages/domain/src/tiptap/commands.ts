import type { Node as PMNode } from '@tiptap/pm/model';
import { NodeSelection, TextSelection, type Transaction } from '@tiptap/pm/state';
import { canTransition, isClauseStatus, isIsoDate, type ClauseStatus } from '../clause';
import { NODE } from '../schemaNames';
import { clauseJSON, counterpartJSON, type ClauseInit, type CounterpartInit } from '../templates';
import type { ThemeId } from '../themes';
import { findClause, findThemeSection } from './doc';

/**
 * The clause commands as plain transaction functions: each checks whether it can run and, when
 * `dispatch` is true, changes `tr`. The Tiptap extension wraps them as editor commands
 * (`editor.commands.insertClause(…)`, `editor.can().insertClause(…)`); tests run them on a bare
 * EditorState.
 */

export interface InsertClauseOptions extends ClauseInit {
  /**
   * Where to insert when the selection is in no section: the end of this theme's section.
   * Ignored when the selection is inside a clause (→ right after it) or a section (→ its end).
   */
  theme?: ThemeId;
  /** An exact position (must be where a clause may go); overrides selection and theme. */
  at?: number;
}

/** Where a new clause goes for this transaction's selection, or null. */
function insertPosition(tr: Transaction, opts: InsertClauseOptions): number | null {
  if (opts.at !== undefined) return opts.at;
  const sel = tr.selection;
  if (sel instanceof NodeSelection && sel.node.type.name === NODE.clause) return sel.to;
  if (sel instanceof NodeSelection && sel.node.type.name === NODE.themeSection) return sel.to - 1;
  const $from = sel.$from;
  for (let d = $from.depth; d > 0; d--) {
    const name = $from.node(d).type.name;
    if (name === NODE.clause) return $from.after(d);
    if (name === NODE.themeSection) return $from.end(d);
  }
  if (opts.theme) {
    const section = findThemeSection(tr.doc, opts.theme);
    if (section) return section.pos + section.node.nodeSize - 1;
  }
  return null;
}

function fits(doc: PMNode, pos: number, node: PMNode): boolean {
  if (pos < 0 || pos > doc.content.size) return false;
  const $pos = doc.resolve(pos);
  return $pos.parent.canReplaceWith($pos.index(), $pos.index(), node.type);
}

/** Inserts a new clause (fresh id unless given) and puts the cursor in its text. */
export function insertClause(
  tr: Transaction,
  opts: InsertClauseOptions = {},
  dispatch = true,
): boolean {
  const pos = insertPosition(tr, opts);
  if (pos === null) return false;
  const { theme: _theme, at: _at, ...init } = opts;
  const node = tr.doc.type.schema.nodeFromJSON(clauseJSON(init));
  if (!fits(tr.doc, pos, node)) return false;
  if (!dispatch) return true;
  tr.insert(pos, node);
  // clause > clauseText > paragraph: the first text position is 3 inside.
  tr.setSelection(TextSelection.create(tr.doc, pos + 3));
  tr.scrollIntoView();
  return true;
}

export function setClauseOwner(
  tr: Transaction,
  clauseId: string,
  owner: string | null,
  dispatch = true,
): boolean {
  const c = findClause(tr.doc, clauseId);
  if (!c || (owner !== null && (typeof owner !== 'string' || owner === ''))) return false;
  if (dispatch) tr.setNodeAttribute(c.pos, 'owner', owner);
  return true;
}

/** Changes the status; refuses a move that `STATUS_TRANSITIONS` does not allow unless `force`. */
export function setClauseStatus(
  tr: Transaction,
  clauseId: string,
  status: ClauseStatus,
  opts: { force?: boolean } = {},
  dispatch = true,
): boolean {
  const c = findClause(tr.doc, clauseId);
  if (!c || !isClauseStatus(status)) return false;
  const current: unknown = c.node.attrs.status;
  if (!opts.force && isClauseStatus(current) && !canTransition(current, status)) return false;
  if (dispatch) tr.setNodeAttribute(c.pos, 'status', status);
  return true;
}

export function removeClause(tr: Transaction, clauseId: string, dispatch = true): boolean {
  const c = findClause(tr.doc, clauseId);
  if (!c) return false;
  if (dispatch) tr.delete(c.pos, c.pos + c.node.nodeSize);
  return true;
}

/** Appends a counterpart commitment to the clause and puts the cursor in its text. */
export function addCounterpart(
  tr: Transaction,
  clauseId: string,
  init: CounterpartInit = {},
  dispatch = true,
): boolean {
  const c = findClause(tr.doc, clauseId);
  if (!c) return false;
  if (init.due != null && !isIsoDate(init.due)) return false;
  const node = tr.doc.type.schema.nodeFromJSON(counterpartJSON(init));
  const end = c.pos + c.node.nodeSize - 1;
  if (!fits(tr.doc, end, node)) return false;
  if (!dispatch) return true;
  tr.insert(end, node);
  tr.setSelection(TextSelection.create(tr.doc, end + 2));
  tr.scrollIntoView();
  return true;
}

/** Position of the clause's `index`-th counterpart (0-based, counting counterparts only). */
function counterpartAt(
  doc: PMNode,
  clauseId: string,
  index: number,
): { node: PMNode; pos: number } | null {
  const c = findClause(doc, clauseId);
  if (!c) return null;
  let found: { node: PMNode; pos: number } | null = null;
  let i = 0;
  c.node.forEach((child, offset) => {
    if (child.type.name !== NODE.counterpart) return;
    if (i === index) found = { node: child, pos: c.pos + 1 + offset };
    i += 1;
  });
  return found;
}

export function updateCounterpart(
  tr: Transaction,
  clauseId: string,
  index: number,
  attrs: { party?: string | null; due?: string | null },
  dispatch = true,
): boolean {
  const cp = counterpartAt(tr.doc, clauseId, index);
  if (!cp) return false;
  if (attrs.due != null && !isIsoDate(attrs.due)) return false;
  if (
    attrs.party !== undefined &&
    attrs.party !== null &&
    (typeof attrs.party !== 'string' || attrs.party === '')
  )
    return false;
  if (!dispatch) return true;
  if (attrs.party !== undefined) tr.setNodeAttribute(cp.pos, 'party', attrs.party);
  if (attrs.due !== undefined) tr.setNodeAttribute(cp.pos, 'due', attrs.due);
  return true;
}

export function removeCounterpart(
  tr: Transaction,
  clauseId: string,
  index: number,
  dispatch = true,
): boolean {
  const cp = counterpartAt(tr.doc, clauseId, index);
  if (!cp) return false;
  if (dispatch) tr.delete(cp.pos, cp.pos + cp.node.nodeSize);
  return true;
}
