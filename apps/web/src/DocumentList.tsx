import type { DocumentDto, MemberDto, WorkspaceDto } from '@akkoord/domain';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from './Link';
import { isFacilitator, isReadOnly, openableDocuments, partyOf } from './membership';
import { paths } from './router';

/** The documents I may open, with what each is for and whether I can only read it. */
export function DocumentList({
  workspace,
  member,
}: {
  workspace: WorkspaceDto;
  member: MemberDto;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const readOnly = isReadOnly(member);
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('documents.heading')}</h2>
      {readOnly && <p className="section__intro">{t('documents.observerIntro')}</p>}
      <ul className="document-list">
        {openableDocuments(workspace, member).map((doc) => (
          <DocumentItem key={doc.id} workspace={workspace} doc={doc} readOnly={readOnly} />
        ))}
      </ul>
      {isFacilitator(member) && <p className="section__note">{t('documents.notesPrivate')}</p>}
    </section>
  );
}

function DocumentItem({
  workspace,
  doc,
  readOnly,
}: {
  workspace: WorkspaceDto;
  doc: DocumentDto;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const party = partyOf(workspace, doc.partyId ?? null);
  return (
    <li className="document-card">
      <h3 className="document-card__title">
        <Link href={paths.document(workspace.id, doc.id)}>{doc.title}</Link>
      </h3>
      <p className="document-card__text">
        {doc.kind === 'party-notes'
          ? t('documents.kind.party-notes', { party: party?.name ?? '' })
          : t(`documents.kind.${doc.kind}`)}
      </p>
      {(readOnly || doc.kind === 'party-notes') && (
        <p className="badges">
          {doc.kind === 'party-notes' && (
            <span className="badge badge--private">{t('documents.privateBadge')}</span>
          )}
          {readOnly && <span className="badge">{t('documents.readOnlyBadge')}</span>}
        </p>
      )}
    </li>
  );
}
