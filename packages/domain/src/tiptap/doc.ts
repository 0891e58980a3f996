import type { Node as PMNode } from '@tiptap/pm/model';
import { clauseNumber, type Clause } from '../clause';
import { readOutlineWith, type DocumentOutline, type TreeAdapter } from '../read';
import { NODE } from '../schemaNames';
import { isThemeId, type ThemeId } from '../themes';

/** Reads ProseMirror nodes with the same walker as the Yjs reader. */
export const pmAdapter: TreeAdapter<PMNode> = {
  name: (n) => (n.isText ? null : n.type.name),
  attr: (n, key) => n.attrs[key] as unknown,
  children: (n) => {
    const out: PMNode[] = [];
    n.forEach((c) => out.push(c));
    return out;
  },
  text: (n) => n.text ?? '',
};

/** Sections and clauses of an editor document (`editor.state.doc`), same result as `readOutline`. */
export function readOutlineFromDoc(doc: PMNode): DocumentOutline {
  return readOutlineWith(pmAdapter.children(doc), pmAdapter);
}

/** Every clause of an editor document as plain data, in document order. */
export function readClausesFromDoc(doc: PMNode): Clause[] {
  return readOutlineFromDoc(doc).clauses;
}

export interface ClauseAt {
  node: PMNode;
  /** Position before the clause node. */
  pos: number;
  theme: ThemeId | null;
  /** Derived number, e.g. "B-03". */
  number: string;
}

/**
 * Visits every clause in document order with its position, theme and number (numbering as in
 * `readOutline`). Does not descend into clauses or textblocks, so it is cheap per transaction.
 */
export function forEachClause(doc: PMNode, fn: (clause: ClauseAt) => void): void {
  const counters = new Map<ThemeId | null, number>();
  const walk = (parent: PMNode, start: number, theme: ThemeId | null) => {
    parent.forEach((child, offset) => {
      const pos = start + offset;
      const name = child.type.name;
      if (name === NODE.clause) {
        const n = (counters.get(theme) ?? 0) + 1;
        counters.set(theme, n);
        fn({ node: child, pos, theme, number: clauseNumber(theme, n) });
      } else if (child.isTextblock || child.isLeaf) {
        return;
      } else if (name === NODE.themeSection) {
        const t: unknown = child.attrs.theme;
        walk(child, pos + 1, isThemeId(t) ? t : null);
      } else {
        walk(child, pos + 1, theme);
      }
    });
  };
  walk(doc, 0, null);
}

/** All clauses with positions; see `forEachClause`. */
export function clausesIn(doc: PMNode): ClauseAt[] {
  const out: ClauseAt[] = [];
  forEachClause(doc, (c) => out.push(c));
  return out;
}

/** The clause with this id (the first, should a concurrent edit have duplicated it), or null. */
export function findClause(doc: PMNode, id: string): ClauseAt | null {
  let found: ClauseAt | null = null;
  forEachClause(doc, (c) => {
    if (found === null && c.node.attrs.id === id) found = c;
  });
  return found;
}

/** The section with this theme (the first), with its position, or null. */
export function findThemeSection(
  doc: PMNode,
  theme: ThemeId,
): { node: PMNode; pos: number } | null {
  let found: { node: PMNode; pos: number } | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (node.type.name === NODE.themeSection && node.attrs.theme === theme) {
      found = { node, pos };
      return false;
    }
    return !node.isTextblock && node.type.name !== NODE.clause;
  });
  return found;
}
