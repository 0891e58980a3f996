import { UpdateWorkspaceBody, type WorkspaceDto } from '@akkoord/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from './apiClient';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';
import { fieldErrorsFromApi, validate } from './fieldErrors';
import { WorkspaceDetailsFields } from './WorkspaceDetailsFields';
import { useFormErrors } from './useFormErrors';
import { FormActions } from './FormActions';

interface WorkspaceDetailsDialogProps {
  workspace: WorkspaceDto;
  onClose: () => void;
  onSaved: (workspace: WorkspaceDto) => void;
}

/** The facilitator renames the negotiation or corrects its municipality and period. */
export function WorkspaceDetailsDialog({
  workspace,
  onClose,
  onSaved,
}: WorkspaceDetailsDialogProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    title: workspace.title,
    municipality: workspace.municipality,
    period: workspace.period,
  });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const { errors, show, formRef } = useFormErrors();

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setFailure(null);
    const checked = validate(UpdateWorkspaceBody, form);
    show(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    setBusy(true);
    try {
      const { workspace: saved } = await api.updateWorkspace(workspace.id, checked.data);
      onSaved(saved);
    } catch (error) {
      setBusy(false);
      if (isApiError(error, 'validation_failed')) show(fieldErrorsFromApi(error));
      else setFailure(error);
    }
  };

  return (
    <Dialog title={t('details.title')} onClose={onClose}>
      <form ref={formRef} className="form" noValidate onSubmit={(event) => void submit(event)}>
        {failure !== null && <ErrorNotice error={failure} />}
        <WorkspaceDetailsFields value={form} onChange={setForm} errors={errors} autoFocusTitle />
        <FormActions submitLabel={t('details.save')} busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
