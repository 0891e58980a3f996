import { useTranslation } from 'react-i18next';
import { problemText, type FieldErrors } from './fieldErrors';
import { TextField } from './TextField';

export interface WorkspaceDetails {
  title: string;
  municipality: string;
  period: string;
}

interface WorkspaceDetailsFieldsProps {
  value: WorkspaceDetails;
  onChange: (next: WorkspaceDetails) => void;
  errors: FieldErrors;
  /** In a dialog the title field takes focus when it opens. */
  autoFocusTitle?: boolean;
}

/** Title, municipality and period of a negotiation: the same fields when creating and editing. */
export function WorkspaceDetailsFields({
  value,
  onChange,
  errors,
  autoFocusTitle = false,
}: WorkspaceDetailsFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('newWorkspace.title')}
        hint={t('newWorkspace.titleHint')}
        value={value.title}
        maxLength={200}
        onChange={(event) => onChange({ ...value, title: event.target.value })}
        error={problemText(t, errors['title'])}
        required
        {...(autoFocusTitle ? { 'data-autofocus': true } : {})}
      />
      <div className="field-pair">
        <TextField
          label={t('newWorkspace.municipality')}
          hint={t('newWorkspace.optional')}
          value={value.municipality}
          maxLength={100}
          autoComplete="address-level2"
          onChange={(event) => onChange({ ...value, municipality: event.target.value })}
          error={problemText(t, errors['municipality'])}
        />
        <TextField
          label={t('newWorkspace.period')}
          hint={t('newWorkspace.periodHint')}
          value={value.period}
          maxLength={50}
          onChange={(event) => onChange({ ...value, period: event.target.value })}
          error={problemText(t, errors['period'])}
        />
      </div>
    </>
  );
}
