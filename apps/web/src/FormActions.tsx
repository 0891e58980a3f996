import { useTranslation } from 'react-i18next';

interface FormActionsProps {
  submitLabel: string;
  /** While the form is being sent: the submit button is disabled. */
  busy: boolean;
  onCancel: () => void;
}

/** The end of a dialog's form: submit first, then "Annuleren". */
export function FormActions({ submitLabel, busy, onCancel }: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <div className="button-row">
      <button type="submit" className="button button--primary" disabled={busy}>
        {submitLabel}
      </button>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        {t('dialog.cancel')}
      </button>
    </div>
  );
}
