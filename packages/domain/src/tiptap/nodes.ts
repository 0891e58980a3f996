import { mergeAttributes, Node } from '@tiptap/core';
import { isClauseStatus, isIsoDate, type ClauseStatus } from '../clause';
import { NODE } from '../schemaNames';
import type { CounterpartInit } from '../templates';
import { isThemeId } from '../themes';
import * as cmd from './commands';
import { clauseLockPlugin } from './lockPlugin';
import { clauseIdPlugin, clauseNumberingPlugin } from './plugins';

/*
 * The Akkoord document schema. Plain @tiptap/core nodes with parseHTML/renderHTML on data-
 * attributes; no node views (the web adds them with `.extend({ addNodeView })`).
 *
 *   doc        block+                      (StarterKit's, or HeadlessDocument)
 *   themeSection  heading themeGuidance clause*      attrs: theme
 *   clause        clauseText counterpart*            attrs: id, owner, status, locked, round
 *   clauseText    paragraph+
 *   counterpart   paragraph+                         attrs: party, due
 *
 * Every attribute has a default: y-prosemirror deletes an element it cannot turn into a node,
 * and a required attribute missing after a concurrent edit would make it do so.
 */

const str = (v: string | null): string | null => (v !== null && v.trim() !== '' ? v : null);

/** One data- attribute: parsed leniently (a bad value becomes the default), rendered when set. */
function attribute<T>(name: string, attr: string, fallback: T, valid: (v: string) => boolean) {
  return {
    default: fallback,
    parseHTML: (el: { getAttribute(name: string): string | null }): T | string => {
      const v = str(el.getAttribute(attr));
      return v !== null && valid(v) ? v : fallback;
    },
    // Tiptap passes the node's whole attribute object.
    renderHTML: (attrs: Record<string, unknown>) => {
      const v = attrs[name];
      return typeof v === 'string' && v !== '' ? { [attr]: v } : {};
    },
  };
}

const any = () => true;

export const ThemeSectionNode = Node.create({
  name: NODE.themeSection,
  group: 'block',
  content: `${NODE.heading} ${NODE.themeGuidance} ${NODE.clause}*`,
  defining: true,
  isolating: true,
  addAttributes: () => ({ theme: attribute('theme', 'data-theme', null, isThemeId) }),
  parseHTML: () => [{ tag: 'section[data-type="theme-section"]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'section',
    mergeAttributes({ 'data-type': 'theme-section' }, HTMLAttributes),
    0,
  ],
});

export const ThemeGuidanceNode = Node.create({
  name: NODE.themeGuidance,
  content: 'inline*',
  defining: true,
  // Must win over the paragraph's plain `p` rule.
  parseHTML: () => [{ tag: 'p[data-type="theme-guidance"]', priority: 60 }],
  renderHTML: ({ HTMLAttributes }) => [
    'p',
    mergeAttributes({ 'data-type': 'theme-guidance' }, HTMLAttributes),
    0,
  ],
});

export const ClauseTextNode = Node.create({
  name: NODE.clauseText,
  content: `${NODE.paragraph}+`,
  defining: true,
  parseHTML: () => [{ tag: 'div[data-type="clause-text"]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'div',
    mergeAttributes({ 'data-type': 'clause-text' }, HTMLAttributes),
    0,
  ],
});

export const CounterpartNode = Node.create({
  name: NODE.counterpart,
  content: `${NODE.paragraph}+`,
  defining: true,
  isolating: true,
  addAttributes: () => ({
    party: attribute('party', 'data-party', null, any),
    due: attribute('due', 'data-due', null, isIsoDate),
  }),
  parseHTML: () => [{ tag: 'div[data-type="counterpart"]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'div',
    mergeAttributes({ 'data-type': 'counterpart' }, HTMLAttributes),
    0,
  ],
});

export interface ClauseOptions {
  /** Id generator for new, pasted-copy and id-less clauses. */
  generateId?: () => string;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    clause: {
      /** New clause after the clause the cursor is in, else at the end of the cursor's section, else at the end of `theme`'s section. */
      insertClause: (options?: cmd.InsertClauseOptions) => ReturnType;
      setClauseOwner: (clauseId: string, owner: string | null) => ReturnType;
      /** Refuses transitions `STATUS_TRANSITIONS` does not allow, unless `force`. */
      setClauseStatus: (
        clauseId: string,
        status: ClauseStatus,
        options?: { force?: boolean },
      ) => ReturnType;
      removeClause: (clauseId: string) => ReturnType;
      addCounterpart: (clauseId: string, init?: CounterpartInit) => ReturnType;
      /** `index` counts the clause's counterparts from 0. */
      updateCounterpart: (
        clauseId: string,
        index: number,
        attrs: { party?: string | null; due?: string | null },
      ) => ReturnType;
      removeCounterpart: (clauseId: string, index: number) => ReturnType;
    };
  }
}

export const ClauseNode = Node.create<ClauseOptions>({
  name: NODE.clause,
  content: `${NODE.clauseText} ${NODE.counterpart}*`,
  defining: true,
  isolating: true,
  draggable: true,
  selectable: true,
  addOptions: () => ({}),
  addAttributes: () => ({
    id: { ...attribute('id', 'data-clause-id', null, any), keepOnSplit: false },
    owner: attribute('owner', 'data-owner', null, any),
    status: attribute('status', 'data-status', 'draft', isClauseStatus),
    /**
     * The decision id of the lock (LOCK-1), or null. Only the server sets it (a Y attribute on
     * the clause element); the lock plugin refuses local changes to a locked clause. Rendered as
     * data-locked but never parsed from HTML: a pasted copy of an agreed clause is a new,
     * unlocked clause, not a second lock nobody decided.
     */
    locked: {
      default: null,
      parseHTML: () => null,
      renderHTML: (attrs: Record<string, unknown>) => {
        const v = attrs.locked;
        return typeof v === 'string' && v !== '' ? { 'data-locked': v } : {};
      },
    },
    /**
     * The id of the consent round open on this clause, or null (CONS-5). The parties are asked
     * to consent to one text, so the server holds the clause as it holds a locked one until the
     * round closes. Server-set and never parsed from HTML, like `locked`.
     */
    round: {
      default: null,
      parseHTML: () => null,
      renderHTML: (attrs: Record<string, unknown>) => {
        const v = attrs.round;
        return typeof v === 'string' && v !== '' ? { 'data-round': v } : {};
      },
    },
  }),
  parseHTML: () => [{ tag: 'div[data-type="clause"]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'div',
    mergeAttributes({ 'data-type': 'clause' }, HTMLAttributes),
    0,
  ],
  addCommands: () => ({
    insertClause:
      (options = {}) =>
      ({ tr, dispatch }) =>
        cmd.insertClause(tr, options, dispatch !== undefined),
    setClauseOwner:
      (clauseId, owner) =>
      ({ tr, dispatch }) =>
        cmd.setClauseOwner(tr, clauseId, owner, dispatch !== undefined),
    setClauseStatus:
      (clauseId, status, options = {}) =>
      ({ tr, dispatch }) =>
        cmd.setClauseStatus(tr, clauseId, status, options, dispatch !== undefined),
    removeClause:
      (clauseId) =>
      ({ tr, dispatch }) =>
        cmd.removeClause(tr, clauseId, dispatch !== undefined),
    addCounterpart:
      (clauseId, init = {}) =>
      ({ tr, dispatch }) =>
        cmd.addCounterpart(tr, clauseId, init, dispatch !== undefined),
    updateCounterpart:
      (clauseId, index, attrs) =>
      ({ tr, dispatch }) =>
        cmd.updateCounterpart(tr, clauseId, index, attrs, dispatch !== undefined),
    removeCounterpart:
      (clauseId, index) =>
      ({ tr, dispatch }) =>
        cmd.removeCounterpart(tr, clauseId, index, dispatch !== undefined),
  }),
  addProseMirrorPlugins() {
    const generateId = this.options.generateId;
    return [
      clauseIdPlugin(generateId ? { generateId } : {}),
      clauseNumberingPlugin(),
      clauseLockPlugin(),
    ];
  },
});

/** The five Akkoord nodes (commands and plugins included): add them to StarterKit in the web. */
export const akkoordExtensions = [
  ThemeSectionNode,
  ThemeGuidanceNode,
  ClauseNode,
  ClauseTextNode,
  CounterpartNode,
];
