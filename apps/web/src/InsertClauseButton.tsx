import { useEditorState, type Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { insertClauseHere, shortcutLabels } from './clauseCommands';

/** "Nieuwe afspraak" in the toolbar; names its keyboard shortcut in title and aria-keyshortcuts. */
export function InsertClauseButton({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const editable = useEditorState({ editor, selector: ({ editor: e }) => e.isEditable });
  const shortcut = shortcutLabels();
  return (
    <button
      type="button"
      className="toolbar__button toolbar__button--primary"
      title={t('clauses.insertTitle', { shortcut: shortcut.text })}
      aria-keyshortcuts={shortcut.aria}
      disabled={!editable}
      // Keep the text selection: the clause goes where the cursor is.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => insertClauseHere(editor)}
    >
      {t('clauses.insert')}
    </button>
  );
}
