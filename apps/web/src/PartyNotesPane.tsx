import type { PartyDto } from '@akkoord/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DocumentEditor } from './DocumentEditor';
import type { CaretUser } from './membership';
import { useSharedDocument } from './useSharedDocument';

export interface PartyNotesPaneProps {
  room: string;
  title: string;
  user: CaretUser;
  parties: readonly PartyDto[];
}

/**
 * A party's own notes in a second editor beside the agreement. It opens its room with its own
 * Y.Doc, cache and provider (useSharedDocument), independent of the agreement's.
 */
export function PartyNotesPane({ room, title, user, parties }: PartyNotesPaneProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const shared = useSharedDocument(room);
  return (
    <section className="notes-pane" aria-labelledby={headingId}>
      <h2 id={headingId} className="notes-pane__heading">
        {t('partyNotes.heading', { title })}
      </h2>
      {shared === null ? (
        <p className="loading">{t('editor.loading')}</p>
      ) : (
        <DocumentEditor
          title={title}
          shared={shared}
          user={user}
          parties={parties}
          readOnly={false}
        />
      )}
    </section>
  );
}
