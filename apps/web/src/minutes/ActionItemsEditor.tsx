import { ActionItemBody, type ActionItemDto, type PartyDto } from '@akkoord/domain';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../ErrorNotice';
import { fieldErrorsFromApi, problemText, validate } from '../fieldErrors';
import { isApiError } from '../apiClient';
import { SelectField, TextField } from '../TextField';
import { useFormErrors } from '../useFormErrors';
import { minutesApi } from './minutesApi';

interface ActionItemsEditorProps {
  workspaceId: string;
  meetingId: string;
  parties: readonly PartyDto[];
  actions: readonly ActionItemDto[];
  /** Observers, and everyone once the minutes are locked, only read. */
  canEdit: boolean;
  /** Something changed: reload the list (and the minutes' lock state). */
  onChanged: () => void;
}

/**
 * The action items of a meeting (MIN-1): description, owning party and due date. Members who
 * are not observers add, edit and delete them until the minutes are locked.
 */
export function ActionItemsEditor({
  workspaceId,
  meetingId,
  parties,
  actions,
  canEdit,
  onChanged,
}: ActionItemsEditorProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const partyName = (id: string | null) =>
    id === null ? null : (parties.find((p) => p.id === id)?.name ?? null);

  const remove = async (action: ActionItemDto): Promise<void> => {
    setFailure(null);
    try {
      await minutesApi.removeAction(workspaceId, meetingId, action.id);
      setAnnouncement(t('minutes.actions.deleted', { description: action.description }));
      onChanged();
    } catch (error) {
      setFailure(error);
      if (isApiError(error, 'conflict')) onChanged();
    }
  };

  return (
    <section className="section minutes-actions" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('minutes.actions.heading')}</h2>
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {failure !== null && (
        <ErrorNotice error={failure} texts={{ conflict: t('minutes.actions.locked') }} />
      )}
      {actions.length === 0 ? (
        <p className="section__intro">{t('minutes.actions.empty')}</p>
      ) : (
        <ul className="minutes-actions__list" data-testid="action-items">
          {actions.map((action) =>
            editing === action.id ? (
              <li key={action.id}>
                <ActionForm
                  workspaceId={workspaceId}
                  meetingId={meetingId}
                  parties={parties}
                  action={action}
                  onDone={(saved) => {
                    setEditing(null);
                    if (saved !== null) {
                      setAnnouncement(t('minutes.actions.saved', { description: saved }));
                      onChanged();
                    }
                  }}
                />
              </li>
            ) : (
              <li key={action.id} className="minutes-actions__item">
                <span className="minutes-actions__description">{action.description}</span>
                {' — '}
                <span>{partyName(action.ownerPartyId) ?? t('minutes.actions.noOwner')}</span>
                {action.due !== null && (
                  <span> ({t('minutes.actions.dueOn', { date: action.due })})</span>
                )}
                {canEdit && (
                  <span className="button-row">
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-label={t('minutes.actions.editLabel', {
                        description: action.description,
                      })}
                      onClick={() => setEditing(action.id)}
                    >
                      {t('minutes.actions.editButton')}
                    </button>
                    <button
                      type="button"
                      className="button button--danger-quiet button--small"
                      aria-label={t('minutes.actions.deleteLabel', {
                        description: action.description,
                      })}
                      onClick={() => void remove(action)}
                    >
                      {t('minutes.actions.deleteButton')}
                    </button>
                  </span>
                )}
              </li>
            ),
          )}
        </ul>
      )}
      {canEdit && (
        <ActionForm
          workspaceId={workspaceId}
          meetingId={meetingId}
          parties={parties}
          action={null}
          onDone={(saved) => {
            if (saved === null) return;
            setAnnouncement(t('minutes.actions.added', { description: saved }));
            onChanged();
          }}
        />
      )}
    </section>
  );
}

/** Adds an action item (`action` null) or edits one; `onDone(null)` is a cancel. */
function ActionForm({
  workspaceId,
  meetingId,
  parties,
  action,
  onDone,
}: {
  workspaceId: string;
  meetingId: string;
  parties: readonly PartyDto[];
  action: ActionItemDto | null;
  onDone: (savedDescription: string | null) => void;
}) {
  const { t } = useTranslation();
  const [description, setDescription] = useState(action?.description ?? '');
  const [owner, setOwner] = useState(action?.ownerPartyId ?? '');
  const [due, setDue] = useState(action?.due ?? '');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const { errors, show, clear, formRef } = useFormErrors();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const result = validate(ActionItemBody, {
      description,
      ownerPartyId: owner === '' ? null : owner,
      due: due === '' ? null : due,
    });
    if (!result.ok) {
      show(result.errors);
      return;
    }
    clear();
    setBusy(true);
    try {
      if (action === null) {
        await minutesApi.addAction(workspaceId, meetingId, result.data);
        setDescription('');
        setOwner('');
        setDue('');
      } else await minutesApi.updateAction(workspaceId, meetingId, action.id, result.data);
      onDone(result.data.description);
    } catch (error) {
      if (isApiError(error, 'validation_failed')) show(fieldErrorsFromApi(error));
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={formRef}
      className="form minutes-actions__form"
      noValidate
      data-testid={action === null ? 'action-add-form' : 'action-edit-form'}
      onSubmit={(event) => void submit(event)}
    >
      <h3>{t(action === null ? 'minutes.actions.addHeading' : 'minutes.actions.editHeading')}</h3>
      <TextField
        label={t('minutes.actions.description')}
        value={description}
        maxLength={500}
        required
        error={problemText(t, errors.description)}
        onChange={(event) => setDescription(event.target.value)}
      />
      <SelectField
        label={t('minutes.actions.owner')}
        value={owner}
        error={problemText(t, errors.ownerPartyId)}
        onChange={(event) => setOwner(event.target.value)}
      >
        <option value="">{t('minutes.actions.noOwner')}</option>
        {parties.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <TextField
        type="date"
        label={t('minutes.actions.due')}
        value={due}
        error={problemText(t, errors.due)}
        onChange={(event) => setDue(event.target.value)}
      />
      {failure !== null && (
        <ErrorNotice error={failure} texts={{ conflict: t('minutes.actions.locked') }} />
      )}
      <div className="button-row">
        <button type="submit" className="button button--primary" aria-disabled={busy}>
          {t(action === null ? 'minutes.actions.add' : 'minutes.actions.save')}
        </button>
        {action !== null && (
          <button type="button" className="button button--secondary" onClick={() => onDone(null)}>
            {t('minutes.actions.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
