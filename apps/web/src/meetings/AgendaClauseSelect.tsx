import { useTranslation } from 'react-i18next';
import { SelectField } from '../TextField';
import { useDocumentClauses } from './useDocumentClauses';

interface AgendaClauseSelectProps {
  workspaceId: string;
  documentId: string;
  /** Only the clauses of this theme, when one is chosen. */
  theme: string;
  value: string;
  label: string;
  error?: string | undefined;
  onChange: (clauseId: string) => void;
}

/** Longest clause text shown in an option: enough to recognise it, short enough to scan. */
const previewLength = 60;

/**
 * Picks one clause of the agenda item's document, by number and its first words. Clauses come
 * from the document's JSON export, so the plan form needs no editor or Y.Doc. Nothing is shown
 * while they load or when the document has none; linking a clause is optional.
 */
export function AgendaClauseSelect({
  workspaceId,
  documentId,
  theme,
  value,
  label,
  error,
  onChange,
}: AgendaClauseSelectProps) {
  const { t } = useTranslation();
  const clauses = useDocumentClauses(workspaceId, documentId);
  if (clauses.status !== 'ready') return null;
  const shown = clauses.data.filter((c) => theme === '' || c.theme === theme);
  if (shown.length === 0) return null;
  return (
    <SelectField
      label={label}
      value={value}
      error={error}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">{t('meetings.plan.noClause')}</option>
      {shown.map((clause) => {
        const text = clause.text.replace(/\s+/g, ' ').trim();
        const preview = text.length > previewLength ? `${text.slice(0, previewLength - 1)}…` : text;
        return (
          <option key={clause.id} value={clause.id}>
            {preview === '' ? clause.number : `${clause.number} – ${preview}`}
          </option>
        );
      })}
    </SelectField>
  );
}
