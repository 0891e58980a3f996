import { useEditorState, type Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { runSlashItem, slashKey, type SlashItem } from './slashCommand';

/**
 * The `/` menu, drawn under the cursor. Focus stays in the text (the editor handles the keys),
 * so a live region tells screen reader users the menu is open and which item is chosen.
 */
export function SlashMenu({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const menu = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const state = slashKey.getState(e.state);
      if (state?.from == null) return null;
      const coords = e.view.coordsAtPos(state.from);
      return { items: state.items, index: state.index, left: coords.left, top: coords.bottom };
    },
    equalityFn: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  const labels: Record<SlashItem, string> = {
    clause: t('clauses.slash.clause'),
    counterpart: t('clauses.slash.counterpart'),
  };
  const current = menu === null ? undefined : menu.items[menu.index];
  return (
    <>
      <p className="sr-only" aria-live="polite">
        {current === undefined ? '' : `${labels[current]}. ${t('clauses.slash.help')}`}
      </p>
      {menu !== null && (
        <ul
          className="slash-menu"
          role="listbox"
          aria-label={t('clauses.slash.menuLabel')}
          style={{ left: menu.left, top: menu.top + 4 }}
        >
          {menu.items.map((item, index) => (
            <li
              key={item}
              role="option"
              aria-selected={index === menu.index}
              className="slash-menu__item"
              // Keep the cursor in the text; the click runs the item.
              onMouseDown={(event) => {
                event.preventDefault();
                runSlashItem(editor, item);
              }}
            >
              {labels[item]}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
