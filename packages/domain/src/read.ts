import * as Y from 'yjs';
import { clauseNumber, isClauseStatus, isIsoDate, type Clause, type Counterpart } from './clause';
import { CONTENT_FRAGMENT, NODE, TEXTBLOCKS } from './schemaNames';
import { isThemeId, type ThemeId } from './themes';

/**
 * How to look at one kind of document tree (Y.Xml*, ProseMirror nodes, ProseMirror JSON), so
 * one walker reads them all. `name` is null for a text leaf.
 */
export interface TreeAdapter<N> {
  name(node: N): string | null;
  attr(node: N, key: string): unknown;
  children(node: N): readonly N[];
  /** The text of a text leaf. */
  text(node: N): string;
}

/** A section of the document as plain data. */
export interface SectionOutline {
  /** Null when the section's `theme` attribute is missing or unknown. */
  theme: ThemeId | null;
  /** The section heading's text. */
  title: string;
  guidance: string;
  clauses: Clause[];
}

export interface DocumentOutline {
  /** Text of the first top-level level-1 heading, if any. */
  title: string | null;
  sections: SectionOutline[];
  /** Every clause in document order (those outside any section included). */
  clauses: Clause[];
}

/** Reads sections and clauses from any tree; see `readOutline`, `readClauses`. */
export function readOutlineWith<N>(roots: readonly N[], a: TreeAdapter<N>): DocumentOutline {
  const counters = new Map<ThemeId | null, number>();
  const outline: DocumentOutline = { title: null, sections: [], clauses: [] };

  const textOf = (node: N): string => {
    const name = a.name(node);
    if (name === null) return a.text(node);
    if (name === NODE.hardBreak) return '\n';
    const kids = a.children(node);
    const inline =
      TEXTBLOCKS.has(name) || kids.length === 0 || kids.some((k) => a.name(k) === null);
    if (inline) return kids.map(textOf).join('');
    return kids
      .map(textOf)
      .filter((s) => s.trim() !== '')
      .join('\n');
  };
  const blockText = (nodes: readonly N[]): string =>
    nodes
      .map(textOf)
      .filter((s) => s.trim() !== '')
      .join('\n')
      .trim();

  const readClause = (node: N, theme: ThemeId | null): Clause => {
    const position = (counters.get(theme) ?? 0) + 1;
    counters.set(theme, position);
    const number = clauseNumber(theme, position);
    const textParts: N[] = [];
    const counterparts: Counterpart[] = [];
    for (const child of a.children(node)) {
      const name = a.name(child);
      if (name === NODE.counterpart) {
        counterparts.push({
          party: nonEmpty(a.attr(child, 'party')),
          commitment: blockText(a.children(child)),
          due: isIsoDate(a.attr(child, 'due')) ? (a.attr(child, 'due') as string) : null,
        });
      } else if (name !== NODE.clause) {
        // The clauseText, or stray paragraphs a lenient merge left directly in the clause.
        textParts.push(child);
      }
    }
    const status = a.attr(node, 'status');
    const clause: Clause = {
      id: nonEmpty(a.attr(node, 'id')) ?? `nr:${number}`,
      number,
      theme,
      text: blockText(
        textParts.flatMap((p) => (a.name(p) === NODE.clauseText ? a.children(p) : [p])),
      ),
      owner: nonEmpty(a.attr(node, 'owner')),
      counterparts,
      status: isClauseStatus(status) ? status : 'draft',
    };
    outline.clauses.push(clause);
    return clause;
  };

  const walk = (nodes: readonly N[], section: SectionOutline | null, topLevel: boolean): void => {
    for (const node of nodes) {
      const name = a.name(node);
      if (name === null) continue;
      if (name === NODE.themeSection) {
        const theme = a.attr(node, 'theme');
        const s: SectionOutline = {
          theme: isThemeId(theme) ? theme : null,
          title: '',
          guidance: '',
          clauses: [],
        };
        outline.sections.push(s);
        for (const child of a.children(node)) {
          const childName = a.name(child);
          if (childName === NODE.heading && s.title === '') s.title = textOf(child).trim();
          else if (childName === NODE.themeGuidance) s.guidance = textOf(child).trim();
          else if (childName === NODE.clause) s.clauses.push(readClause(child, s.theme));
          else if (childName !== null) walk([child], s, false);
        }
      } else if (name === NODE.clause) {
        const clause = readClause(node, section?.theme ?? null);
        section?.clauses.push(clause);
      } else if (
        topLevel &&
        name === NODE.heading &&
        outline.title === null &&
        Number(a.attr(node, 'level') ?? 1) === 1
      ) {
        outline.title = textOf(node).trim();
      } else {
        walk(a.children(node), section, false);
      }
    }
  };
  walk(roots, null, true);
  return outline;
}

function nonEmpty(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

// ---------------------------------------------------------------------------------------------
// Yjs

type YNode = Y.XmlElement | Y.XmlText | Y.XmlHook;

/** Reads the Yjs XML types that Tiptap's Collaboration (y-prosemirror) writes. No DOM needed. */
export const yAdapter: TreeAdapter<YNode> = {
  name: (n) => (n instanceof Y.XmlText ? null : n instanceof Y.XmlElement ? n.nodeName : '#hook'),
  attr: (n, key) => (n instanceof Y.XmlElement ? n.getAttribute(key) : undefined),
  children: (n) => (n instanceof Y.XmlElement ? n.toArray() : []),
  text: (n) =>
    n instanceof Y.XmlText
      ? (n.toDelta() as { insert: unknown }[])
          .map((d) => (typeof d.insert === 'string' ? d.insert : ''))
          .join('')
      : '',
};

function fragmentOf(source: Y.Doc | Y.XmlFragment): Y.XmlFragment {
  return source instanceof Y.Doc ? source.getXmlFragment(CONTENT_FRAGMENT) : source;
}

/** Sections and clauses of a Y.Doc (its `default` fragment) or of a Y.XmlFragment. */
export function readOutline(source: Y.Doc | Y.XmlFragment): DocumentOutline {
  return readOutlineWith(fragmentOf(source).toArray() as YNode[], yAdapter);
}

/** Every clause of a Y.Doc (its `default` fragment) or of a Y.XmlFragment, in document order. */
export function readClauses(source: Y.Doc | Y.XmlFragment): Clause[] {
  return readOutline(source).clauses;
}

// ---------------------------------------------------------------------------------------------
// ProseMirror JSON (what `templateFor` builds and `editor.getJSON()` gives)

export interface PMJSON {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMJSON[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

export const jsonAdapter: TreeAdapter<PMJSON> = {
  name: (n) => (n.type === NODE.text ? null : n.type),
  attr: (n, key) => n.attrs?.[key],
  children: (n) => n.content ?? [],
  text: (n) => n.text ?? '',
};

export function readOutlineFromJSON(doc: PMJSON): DocumentOutline {
  return readOutlineWith(doc.content ?? [], jsonAdapter);
}

export function readClausesFromJSON(doc: PMJSON): Clause[] {
  return readOutlineFromJSON(doc).clauses;
}
