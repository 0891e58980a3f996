import { useEditorState, type ChainedCommands, type Editor } from '@tiptap/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { InsertClauseButton } from './InsertClauseButton';

interface ToolbarButtonProps {
  pressed?: boolean;
  disabled?: boolean;
  onClick: () => void;
  /** Visible text, which is also the accessible name: no icon-only buttons to guess at. */
  children: ReactNode;
}

function ToolbarButton({ pressed, disabled, onClick, children }: ToolbarButtonProps) {
  return (
    <button
      type="button"
      className="toolbar__button"
      aria-pressed={pressed}
      disabled={disabled}
      // Keep the text selection: a mouse press would otherwise take focus from the editor.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

export function EditorToolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      editable: e.isEditable,
      heading: e.isActive('heading', { level: 2 }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const run = (command: (chain: ChainedCommands) => ChainedCommands) => () => {
    command(editor.chain().focus()).run();
  };

  return (
    <div className="toolbar" role="group" aria-label={t('editor.toolbarLabel')}>
      <InsertClauseButton editor={editor} />
      <span className="toolbar__separator" aria-hidden="true" />
      <ToolbarButton
        pressed={state.heading}
        disabled={!state.editable}
        onClick={run((c) => c.toggleHeading({ level: 2 }))}
      >
        {t('editor.heading')}
      </ToolbarButton>
      <ToolbarButton
        pressed={state.bold}
        disabled={!state.editable}
        onClick={run((c) => c.toggleBold())}
      >
        <strong>{t('editor.bold')}</strong>
      </ToolbarButton>
      <ToolbarButton
        pressed={state.italic}
        disabled={!state.editable}
        onClick={run((c) => c.toggleItalic())}
      >
        <em>{t('editor.italic')}</em>
      </ToolbarButton>
      <ToolbarButton
        pressed={state.bulletList}
        disabled={!state.editable}
        onClick={run((c) => c.toggleBulletList())}
      >
        {t('editor.bulletList')}
      </ToolbarButton>
      <ToolbarButton
        pressed={state.orderedList}
        disabled={!state.editable}
        onClick={run((c) => c.toggleOrderedList())}
      >
        {t('editor.orderedList')}
      </ToolbarButton>
      <span className="toolbar__separator" aria-hidden="true" />
      <ToolbarButton disabled={!state.editable || !state.canUndo} onClick={run((c) => c.undo())}>
        {t('editor.undo')}
      </ToolbarButton>
      <ToolbarButton disabled={!state.editable || !state.canRedo} onClick={run((c) => c.redo())}>
        {t('editor.redo')}
      </ToolbarButton>
    </div>
  );
}
