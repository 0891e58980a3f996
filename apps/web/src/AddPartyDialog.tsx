import { PartyInput, PartyKind, type WorkspaceDto } from '@akkoord/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from './apiClient';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';
import { fieldErrorsFromApi, problemText, validate } from './fieldErrors';
import { SelectField, TextField } from './TextField';
import { useFormErrors } from './useFormErrors';
import { FormActions } from './FormActions';

interface AddPartyDialogProps {
  workspace: WorkspaceDto;
  onClose: () => void;
  onAdded: (name: string) => void;
}

/** Another party joins the table, e.g. a care organisation; it gets its own internal notes. */
export function AddPartyDialog({ workspace, onClose, onAdded }: AddPartyDialogProps) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<PartyKind>('other');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const { errors, show, formRef } = useFormErrors();

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setFailure(null);
    const checked = validate(PartyInput, { name, kind });
    show(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    setBusy(true);
    try {
      const { party } = await api.addParty(workspace.id, checked.data);
      onAdded(party.name);
    } catch (error) {
      setBusy(false);
      if (isApiError(error, 'validation_failed')) show(fieldErrorsFromApi(error));
      else setFailure(error);
    }
  };

  return (
    <Dialog title={t('addParty.title')} onClose={onClose}>
      <form ref={formRef} className="form" noValidate onSubmit={(event) => void submit(event)}>
        <p className="dialog__intro">{t('addParty.intro')}</p>
        {failure !== null && (
          <ErrorNotice error={failure} texts={{ conflict: t('addParty.tooMany') }} />
        )}
        <TextField
          label={t('newWorkspace.partyName')}
          value={name}
          maxLength={100}
          onChange={(event) => setName(event.target.value)}
          error={problemText(t, errors['name'])}
          required
          data-autofocus
        />
        <SelectField
          label={t('newWorkspace.partyKind')}
          value={kind}
          onChange={(event) => {
            const parsed = PartyKind.safeParse(event.target.value);
            if (parsed.success) setKind(parsed.data);
          }}
        >
          {PartyKind.options.map((option) => (
            <option key={option} value={option}>
              {t(`partyKind.${option}`)}
            </option>
          ))}
        </SelectField>
        <FormActions submitLabel={t('addParty.submit')} busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
