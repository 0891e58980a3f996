import { akkoordExtensions, ClauseNode, CounterpartNode } from '@akkoord/domain/tiptap';
import type { AnyExtension } from '@tiptap/core';
import { ReactNodeViewRenderer } from '@tiptap/react';
import { focusClauseControls, insertClauseHere, insertClauseShortcut } from './clauseCommands';
import { ClauseView } from './ClauseView';
import { CounterpartView } from './CounterpartView';
import { SlashCommand } from './slashCommand';

// `.extend()` keeps the shared nodes' schema, commands and plugins; only the view and keys are
// the web's own.
const Clause = ClauseNode.extend({
  addNodeView() {
    return ReactNodeViewRenderer(ClauseView, { className: 'clause-node' });
  },
  addKeyboardShortcuts() {
    return {
      [insertClauseShortcut]: () => insertClauseHere(this.editor),
      Tab: () => focusClauseControls(this.editor),
    };
  },
});

const Counterpart = CounterpartNode.extend({
  addNodeView() {
    return ReactNodeViewRenderer(CounterpartView, { className: 'counterpart-node' });
  },
});

/** The document schema with the web's clause views, shortcut and `/` menu. */
export const clauseEditorExtensions: AnyExtension[] = [
  ...akkoordExtensions.map((extension): AnyExtension => {
    if (extension.name === Clause.name) return Clause;
    if (extension.name === Counterpart.name) return Counterpart;
    return extension;
  }),
  SlashCommand,
];
