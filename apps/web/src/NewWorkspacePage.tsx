import { CreateWorkspaceBody, DEFAULT_PARTIES } from '@akkoord/domain';
import { useId, useRef, useState, type FormEvent } from 'react';
import { WorkspaceDetailsFields } from './WorkspaceDetailsFields';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from './apiClient';
import { AppShell } from './AppShell';
import { ErrorNotice } from './ErrorNotice';
import { fieldErrorsFromApi, validate, type FieldErrors } from './fieldErrors';
import { Link } from './Link';
import { minParties, PartyRows, type PartyRow } from './PartyRows';
import { navigate, paths } from './router';
import { useFormErrors } from './useFormErrors';
import { usePageTitle } from './usePageTitle';

export interface NewWorkspaceForm {
  title: string;
  municipality: string;
  period: string;
  parties: PartyRow[];
  /** Process first (GATE-1): the agreement is read-only for negotiators until the gate opens. */
  processFirst: boolean;
}

/** Checks the form as the server will, plus the rule of this form: at least two parties. */
export function validateNewWorkspace(form: NewWorkspaceForm) {
  const body = {
    title: form.title,
    municipality: form.municipality,
    period: form.period,
    parties: form.parties.map(({ name, kind }) => ({ name, kind })),
    processFirst: form.processFirst,
  };
  const checked = validate(CreateWorkspaceBody, body);
  const errors: FieldErrors = checked.ok ? {} : { ...checked.errors };
  if (form.parties.length < minParties) errors['parties'] = { kind: 'tooFewParties' };
  return checked.ok && form.parties.length >= minParties
    ? ({ ok: true, data: checked.data } as const)
    : ({ ok: false, errors } as const);
}

export function NewWorkspacePage() {
  const { t } = useTranslation();
  usePageTitle(t('newWorkspace.pageTitle'));
  const nextKey = useRef(DEFAULT_PARTIES.length);
  const [form, setForm] = useState<NewWorkspaceForm>(() => ({
    title: '',
    municipality: '',
    period: '',
    parties: DEFAULT_PARTIES.map((party, key) => ({ key, ...party })),
    // The usual order of a trajectory: first agree how to negotiate, then negotiate.
    processFirst: true,
  }));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const { errors, show, formRef } = useFormErrors();
  const processFirstHint = useId();

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    setFailure(null);
    const checked = validateNewWorkspace(form);
    show(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    setBusy(true);
    try {
      const { workspace } = await api.createWorkspace(checked.data);
      navigate(paths.workspace(workspace.id), { state: { notice: 'created' } });
    } catch (error) {
      setBusy(false);
      if (isApiError(error, 'validation_failed')) show(fieldErrorsFromApi(error));
      else setFailure(error);
    }
  };

  return (
    <AppShell mainClassName="page page--narrow">
      <p className="back-link">
        <Link href={paths.home}>{t('newWorkspace.back')}</Link>
      </p>
      <h1>{t('newWorkspace.heading')}</h1>
      <p className="lead">{t('newWorkspace.intro')}</p>
      <form
        ref={formRef}
        className="form panel"
        noValidate
        onSubmit={(event) => void submit(event)}
      >
        {failure !== null && <ErrorNotice error={failure} />}
        <WorkspaceDetailsFields
          value={form}
          onChange={(details) => setForm({ ...form, ...details })}
          errors={errors}
        />
        <PartyRows
          rows={form.parties}
          onChange={(parties) => setForm({ ...form, parties })}
          errors={errors}
          newKey={() => nextKey.current++}
        />
        <div className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={form.processFirst}
              aria-describedby={processFirstHint}
              onChange={(event) => setForm({ ...form, processFirst: event.target.checked })}
            />
            {t('consent.newWorkspace.processFirst')}
          </label>
          <p id={processFirstHint} className="field__hint">
            {t('consent.newWorkspace.processFirstHint')}
          </p>
        </div>
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('newWorkspace.busy') : t('newWorkspace.submit')}
          </button>
          <Link href={paths.home} className="button button--secondary">
            {t('dialog.cancel')}
          </Link>
        </div>
      </form>
    </AppShell>
  );
}
