import { isThemeId, UpdateParkingBody, type ParkingItemDto } from '@akkoord/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../apiClient';
import { Dialog } from '../Dialog';
import { ErrorNotice } from '../ErrorNotice';
import { fieldErrorsFromApi, validate } from '../fieldErrors';
import { useFormErrors } from '../useFormErrors';
import { meetingsApi } from './meetingsApi';
import { ParkingFields, type ParkingDraft } from './ParkingFields';
import { FormActions } from '../FormActions';

interface ParkingEditDialogProps {
  workspaceId: string;
  item: ParkingItemDto;
  onClose: () => void;
  onSaved: (item: ParkingItemDto) => void;
}

/**
 * The facilitator or the topic's creator corrects a parked topic: its words and its tag
 * against the scope of the process agreements (and theme). Closing returns focus to the
 * "edit" button that opened it.
 */
export function ParkingEditDialog({ workspaceId, item, onClose, onSaved }: ParkingEditDialogProps) {
  const { t } = useTranslation();
  const [value, setValue] = useState<ParkingDraft>({
    title: item.title,
    note: item.note,
    scope: item.scope,
    theme: item.theme ?? '',
  });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const { errors, show, clear, formRef } = useFormErrors();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    // "No theme" is sent as null, which clears a theme the topic had.
    const result = validate(UpdateParkingBody, {
      title: value.title,
      note: value.note,
      scope: value.scope,
      theme: isThemeId(value.theme) ? value.theme : null,
    });
    if (!result.ok) {
      show(result.errors);
      return;
    }
    clear();
    setBusy(true);
    try {
      const answer = await meetingsApi.updateParking(workspaceId, item.id, result.data);
      onSaved(answer.item);
    } catch (error) {
      setBusy(false);
      if (isApiError(error, 'validation_failed')) show(fieldErrorsFromApi(error));
      else setFailure(error);
    }
  };

  return (
    <Dialog title={t('meetings.parking.editTitle', { title: item.title })} onClose={onClose}>
      <form
        ref={formRef}
        className="form parking-edit"
        noValidate
        onSubmit={(event) => void submit(event)}
      >
        <ParkingFields value={value} onChange={setValue} errors={errors} autoFocusTitle />
        {failure !== null && <ErrorNotice error={failure} />}
        <FormActions submitLabel={t('meetings.parking.save')} busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
