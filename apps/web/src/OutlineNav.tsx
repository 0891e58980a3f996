import type { DocumentOutline } from '@akkoord/domain';
import type { Editor } from '@tiptap/react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { scrollToSection } from './scrollToClause';

/** The theme sections with their clause counts; each entry moves the cursor to its section. */
export function OutlineNav({ editor, outline }: { editor: Editor; outline: DocumentOutline }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <nav className="side-panel__section" aria-labelledby={headingId}>
      <h3 id={headingId} className="side-panel__heading">
        {t('clauses.panel.outlineHeading')}
      </h3>
      <ul className="outline">
        {outline.sections.map((section, index) => (
          <li key={`${section.theme ?? 'none'}-${index}`}>
            <button
              type="button"
              className="outline__item"
              onClick={() => scrollToSection(editor, index)}
            >
              {t('clauses.panel.sectionCount', {
                title: section.title,
                count: section.clauses.length,
              })}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
