import { CreateInvitationBody, Role, type PartyDto, type WorkspaceDto } from '@akkoord/domain';
import { useId, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError, type CreatedInvitationDto } from './apiClient';
import { copyText } from './copyText';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';
import { fieldErrorsFromApi, problemText, validate, type FieldErrors } from './fieldErrors';
import { useFormatDate } from './formatDate';
import { RoleText } from './RoleText';
import { SelectField, TextField } from './TextField';
import { useFormErrors } from './useFormErrors';
import { FormActions } from './FormActions';

export const expiryChoices = [24, 72, 168, 720] as const;

export interface InviteForm {
  role: Role;
  partyId: string;
  expiresInHours: number;
  maxUses: string;
}

/** Checks the choices as the server will; a negotiator's party is asked for by name. */
export function validateInvite(form: InviteForm) {
  const body = {
    role: form.role,
    ...(form.role === 'negotiator' && form.partyId !== '' ? { partyId: form.partyId } : {}),
    expiresInHours: form.expiresInHours,
    maxUses: form.maxUses.trim() === '' ? Number.NaN : Number(form.maxUses),
  };
  const checked = validate(CreateInvitationBody, body);
  const errors: FieldErrors = checked.ok ? {} : { ...checked.errors };
  if (form.role === 'negotiator' && form.partyId === '')
    errors['partyId'] = { kind: 'partyRequired' };
  return checked.ok && errors['partyId'] === undefined
    ? ({ ok: true, data: checked.data } as const)
    : ({ ok: false, errors } as const);
}

interface InviteDialogProps {
  workspace: WorkspaceDto;
  onClose: () => void;
  /** A link was made: the open invitations list should show it. */
  onCreated: () => void;
}

/** The facilitator makes an invitation link for one role (and party) and copies it. */
export function InviteDialog({ workspace, onClose, onCreated }: InviteDialogProps) {
  const { t } = useTranslation();
  const [created, setCreated] = useState<CreatedInvitationDto | null>(null);
  return (
    <Dialog title={t('invite.title')} onClose={onClose} wide>
      {created === null ? (
        <InviteFormView
          workspace={workspace}
          onCancel={onClose}
          onCreated={(invitation) => {
            setCreated(invitation);
            onCreated();
          }}
        />
      ) : (
        <InviteLinkView
          invitation={created}
          party={workspace.parties.find((p) => p.id === created.partyId) ?? null}
          onAnother={() => setCreated(null)}
          onDone={onClose}
        />
      )}
    </Dialog>
  );
}

function InviteFormView({
  workspace,
  onCancel,
  onCreated,
}: {
  workspace: WorkspaceDto;
  onCancel: () => void;
  onCreated: (invitation: CreatedInvitationDto) => void;
}) {
  const { t } = useTranslation();
  const roleGroupId = useId();
  const [form, setForm] = useState<InviteForm>({
    role: 'negotiator',
    partyId: '',
    expiresInHours: 168,
    maxUses: '1',
  });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const { errors, show, formRef } = useFormErrors();

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setFailure(null);
    const checked = validateInvite(form);
    show(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    setBusy(true);
    try {
      const { invitation } = await api.createInvitation(workspace.id, checked.data);
      onCreated(invitation);
    } catch (error) {
      setBusy(false);
      if (isApiError(error, 'validation_failed')) show(fieldErrorsFromApi(error));
      else setFailure(error);
    }
  };

  return (
    <form ref={formRef} className="form" noValidate onSubmit={(event) => void submit(event)}>
      <p className="dialog__intro">{t('invite.intro', { title: workspace.title })}</p>
      {failure !== null && <ErrorNotice error={failure} />}
      <fieldset className="fieldset">
        <legend className="fieldset__legend">{t('invite.role')}</legend>
        <div className="choice-list">
          {Role.options.map((role) => (
            <label key={role} className="choice">
              <input
                type="radio"
                name={roleGroupId}
                value={role}
                checked={form.role === role}
                onChange={() => setForm({ ...form, role })}
                data-autofocus={form.role === role ? true : undefined}
              />
              <span className="choice__text">
                <span className="choice__label">{t(`role.${role}`)}</span>
                <span className="choice__hint">{t(`invite.roleHint.${role}`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {form.role === 'negotiator' && (
        <SelectField
          label={t('invite.party')}
          hint={t('invite.partyHint')}
          value={form.partyId}
          onChange={(event) => setForm({ ...form, partyId: event.target.value })}
          error={problemText(t, errors['partyId'])}
          required
        >
          <option value="">{t('invite.choosePartyOption')}</option>
          {workspace.parties.map((party) => (
            <option key={party.id} value={party.id}>
              {party.name}
            </option>
          ))}
        </SelectField>
      )}
      <div className="field-pair">
        <SelectField
          label={t('invite.expiry')}
          value={String(form.expiresInHours)}
          onChange={(event) => setForm({ ...form, expiresInHours: Number(event.target.value) })}
          error={problemText(t, errors['expiresInHours'])}
        >
          {expiryChoices.map((hours) => (
            <option key={hours} value={hours}>
              {t('invite.expiryDays', { count: hours / 24 })}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('invite.maxUses')}
          hint={t('invite.maxUsesHint')}
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          step={1}
          value={form.maxUses}
          onChange={(event) => setForm({ ...form, maxUses: event.target.value })}
          error={problemText(t, errors['maxUses'])}
        />
      </div>
      <FormActions
        submitLabel={busy ? t('invite.busy') : t('invite.submit')}
        busy={busy}
        onCancel={onCancel}
      />
    </form>
  );
}

function InviteLinkView({
  invitation,
  party,
  onAnother,
  onDone,
}: {
  invitation: CreatedInvitationDto;
  party: PartyDto | null;
  onAnother: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useLayoutEffect(() => {
    // The link is what the facilitator came for: put focus (and a selection) on it, in the same
    // commit that removed the button that had focus, so focus never falls back to the page.
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  const copy = async (): Promise<void> => {
    setCopyState((await copyText(invitation.url, inputRef.current)) ? 'copied' : 'failed');
  };

  return (
    <div className="form">
      <p className="notice notice--success">
        {t('invite.createdFor')} <RoleText role={invitation.role} party={party} />
      </p>
      <TextField
        ref={inputRef}
        label={t('invite.link')}
        hint={t('invite.linkHint', {
          date: formatDate(invitation.expiresAt),
          count: invitation.maxUses,
        })}
        value={invitation.url}
        readOnly
        spellCheck={false}
        onFocus={(event) => event.target.select()}
        fieldClassName="field--link"
      />
      <div className="copy-row">
        <button type="button" className="button button--primary" onClick={() => void copy()}>
          {t('invite.copy')}
        </button>
        {/* Always in the page, so screen readers notice when its text appears. */}
        <p className="copy-row__status" role="status">
          {copyState === 'copied' && t('invite.copied')}
          {copyState === 'failed' && t('invite.copyFailed')}
        </p>
      </div>
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={onAnother}>
          {t('invite.another')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('invite.done')}
        </button>
      </div>
    </div>
  );
}
