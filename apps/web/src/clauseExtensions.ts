import { akkoordExtensions, ClauseNode, CounterpartNode } from '@akkoord/domain/tiptap';
import type { AnyExtension, NodeViewRendererProps } from '@tiptap/core';
import { focusClauseControls, insertClauseHere, insertClauseShortcut } from './clauseCommands';
import { ClauseNodeView } from './ClauseNodeView';
import type { ClauseViewSettings } from './clauseViewSettings';
import { CounterpartNodeView } from './CounterpartNodeView';
import { SlashCommand } from './slashCommand';

function cardProps(props: NodeViewRendererProps, settings: ClauseViewSettings) {
  return {
    editor: props.editor,
    node: props.node,
    getPos: props.getPos,
    decorations: props.decorations,
    settings,
  };
}

/**
 * The document schema with the web's clause cards, shortcut and `/` menu. `.extend()` keeps the
 * shared nodes' schema, commands and plugins; only the views and keys are the web's own. The
 * cards are plain DOM node views: a React root per card made a 300-clause agreement take
 * seconds to open (apps/web/README.md, "Clause editor benchmark").
 */
export function clauseEditorExtensions(settings: ClauseViewSettings): AnyExtension[] {
  const Clause = ClauseNode.extend({
    addNodeView() {
      return (props) => new ClauseNodeView(cardProps(props, settings));
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
      return (props) => new CounterpartNodeView(cardProps(props, settings));
    },
  });
  return [
    ...akkoordExtensions.map((extension): AnyExtension => {
      if (extension.name === Clause.name) return Clause;
      if (extension.name === Counterpart.name) return Counterpart;
      return extension;
    }),
    SlashCommand,
  ];
}
