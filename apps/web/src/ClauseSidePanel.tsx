import type { DocumentOutline, PartyDto } from '@akkoord/domain';
import type { Editor } from '@tiptap/react';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LedgerView } from './LedgerView';
import { OutlineNav } from './OutlineNav';

/**
 * The complementary landmark next to the text: outline by theme and the reciprocity ledger.
 * It can be folded away (the button keeps its place, so focus is never lost).
 *
 * The panel stays in view (sticky) and is never taller than the window; its body scrolls on its
 * own. The body is a named, focusable region so the ledger's tables, which hold nothing else to
 * focus, can also be scrolled with the arrow keys, Page Down and End.
 */
export function ClauseSidePanel({
  editor,
  outline,
  parties,
  threads,
  consent,
  revealKey = 0,
}: {
  editor: Editor;
  /** The document's sections and clauses (`useDocumentOutline`, read once for the page). */
  outline: DocumentOutline;
  parties: readonly PartyDto[];
  /** The comment threads section (issue #5), above the outline. */
  threads?: ReactNode;
  /** The consent section for the clause at the caret (issue #6), above the threads. */
  consent?: ReactNode;
  /** Unfolds the panel whenever this changes (a clause's thread badge, a permalink). */
  revealKey?: number;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const bodyId = useId();
  const [open, setOpen] = useState(true);
  const [revealed, setRevealed] = useState(revealKey);
  if (revealed !== revealKey) {
    setRevealed(revealKey);
    setOpen(true);
  }
  return (
    <aside className="side-panel" aria-labelledby={headingId} data-open={open}>
      <div className="side-panel__top">
        <h2 id={headingId} className="side-panel__title">
          {t('clauses.panel.heading')}
        </h2>
        <button
          type="button"
          className="clause__button"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen((value) => !value)}
        >
          {open ? t('clauses.panel.hide') : t('clauses.panel.show')}
        </button>
      </div>
      <div
        id={bodyId}
        className="side-panel__body"
        role="region"
        aria-label={t('clauses.panel.body')}
        tabIndex={0}
        hidden={!open}
      >
        {consent}
        {threads}
        <OutlineNav editor={editor} outline={outline} />
        <LedgerView editor={editor} outline={outline} parties={parties} />
      </div>
    </aside>
  );
}
