import { NODE } from '@akkoord/domain';
import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { clauseAtSelection, insertClauseHere } from './clauseCommands';

export type SlashItem = 'clause' | 'counterpart';

export interface SlashState {
  /** Position of the "/" while the menu is open, else null. */
  from: number | null;
  items: SlashItem[];
  index: number;
  /** The "/" the user closed the menu for with Escape: it stays closed for that one. */
  dismissed: number | null;
}

type SlashMeta = { type: 'move'; delta: number } | { type: 'dismiss' };

export const slashKey = new PluginKey<SlashState>('akkoordSlashMenu');

const closed: SlashState = { from: null, items: [], index: 0, dismissed: null };

/**
 * A paragraph holding just "/" with the cursor after it, inside a theme section: that is where
 * a new clause can go. Returns the position of the "/" or null.
 */
function slashPosition(state: EditorState): number | null {
  const { selection } = state;
  const $from = selection.$from;
  if (!selection.empty || $from.parent.type.name !== NODE.paragraph) return null;
  if ($from.parent.textContent !== '/' || $from.parentOffset !== 1) return null;
  for (let depth = $from.depth; depth > 0; depth--) {
    if ($from.node(depth).type.name === NODE.themeSection) return $from.start();
  }
  return null;
}

function itemsAt(state: EditorState): SlashItem[] {
  const $from = state.selection.$from;
  for (let depth = $from.depth; depth > 0; depth--) {
    if ($from.node(depth).type.name === NODE.clause) return ['clause', 'counterpart'];
  }
  return ['clause'];
}

/** Removes the "/" (its whole paragraph when the text has others), then runs the item. */
export function runSlashItem(editor: Editor, item: SlashItem): boolean {
  const from = slashKey.getState(editor.state)?.from ?? null;
  if (from === null) return false;
  const $slash = editor.state.doc.resolve(from);
  const alone = $slash.node($slash.depth - 1).childCount === 1;
  const range = alone ? { from, to: from + 1 } : { from: $slash.before(), to: $slash.after() };
  editor.chain().focus().deleteRange(range).run();
  if (item === 'clause') return insertClauseHere(editor);
  const clause = clauseAtSelection(editor);
  return clause?.id != null && editor.chain().focus().addCounterpart(clause.id, {}).run();
}

/**
 * "/" at the start of an empty paragraph in a theme section opens a small menu (SlashMenu
 * shows it); arrows choose, Enter runs, Escape closes. Keys are handled here, in the editor,
 * so focus never leaves the text and typing on simply closes the menu.
 */
export const SlashCommand = Extension.create({
  name: 'akkoordSlashCommand',
  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin<SlashState>({
        key: slashKey,
        state: {
          init: () => closed,
          apply(tr, previous, _old, state) {
            const from = slashPosition(state);
            if (from === null) return closed;
            const meta = tr.getMeta(slashKey) as SlashMeta | undefined;
            if (meta?.type === 'dismiss' || previous.dismissed === from) {
              return { ...closed, dismissed: from };
            }
            const items = itemsAt(state);
            const index = previous.from === from ? previous.index : 0;
            const delta = meta?.type === 'move' ? meta.delta : 0;
            return {
              from,
              items,
              index: (index + delta + items.length) % items.length,
              dismissed: null,
            };
          },
        },
        props: {
          handleKeyDown(view, event) {
            const state = slashKey.getState(view.state);
            if (state?.from == null || !editor.isEditable) return false;
            const move = (delta: number) => {
              view.dispatch(view.state.tr.setMeta(slashKey, { type: 'move', delta }));
              return true;
            };
            if (event.key === 'ArrowDown') return move(1);
            if (event.key === 'ArrowUp') return move(-1);
            if (event.key === 'Escape') {
              view.dispatch(view.state.tr.setMeta(slashKey, { type: 'dismiss' }));
              return true;
            }
            const item = state.items[state.index];
            if (event.key === 'Enter' && item !== undefined) return runSlashItem(editor, item);
            return false;
          },
        },
      }),
    ];
  },
});
