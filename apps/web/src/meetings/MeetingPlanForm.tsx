import {
  CreateMeetingBody,
  isThemeId,
  themesOf,
  type DocumentDto,
  type MeetingDto,
  type WorkspaceDto,
} from '@akkoord/domain';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../ErrorNotice';
import { fieldErrorsFromApi, problemText, validate, type FieldErrors } from '../fieldErrors';
import { currentLanguage } from '../i18n/setupI18n';
import { isApiError } from '../apiClient';
import { SelectField, TextField } from '../TextField';
import { useFormErrors } from '../useFormErrors';
import { AgendaClauseSelect } from './AgendaClauseSelect';
import { meetingsApi } from './meetingsApi';

interface ItemDraft {
  /** React key only; the server gives items their ids. */
  key: number;
  title: string;
  minutes: string;
  documentId: string;
  theme: string;
  clauseId: string;
}

let nextKey = 1;
const emptyItem = (): ItemDraft => ({
  key: nextKey++,
  title: '',
  minutes: '15',
  documentId: '',
  theme: '',
  clauseId: '',
});

/** The documents an agenda item can be about: the shared ones, never a party's notes. */
function linkableDocuments(workspace: WorkspaceDto): DocumentDto[] {
  return workspace.documents.filter((d) => d.kind !== 'party-notes');
}

/** `datetime-local` gives local wall time without a zone; the API wants an instant. */
function toInstant(local: string): string {
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? local : at.toISOString();
}

interface MeetingPlanFormProps {
  workspace: WorkspaceDto;
  onPlanned: (meeting: MeetingDto) => void;
}

/** The facilitator plans a meeting: title, date and time, agenda items with a timebox each. */
export function MeetingPlanForm({ workspace, onPlanned }: MeetingPlanFormProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [title, setTitle] = useState('');
  const [when, setWhen] = useState('');
  const [items, setItems] = useState<ItemDraft[]>(() => [emptyItem()]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const { errors, show, clear, formRef } = useFormErrors();
  const documents = linkableDocuments(workspace);
  const lang = currentLanguage();

  const change = (key: number, patch: Partial<ItemDraft>): void =>
    setItems((all) => all.map((item) => (item.key === key ? { ...item, ...patch } : item)));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const input = {
      title,
      scheduledFor: toInstant(when),
      items: items.map((item) => ({
        title: item.title,
        timeboxMinutes: item.minutes.trim() === '' ? Number.NaN : Number(item.minutes),
        ...(item.documentId === '' ? {} : { documentId: item.documentId }),
        ...(item.documentId === '' || item.clauseId === '' ? {} : { clauseId: item.clauseId }),
        ...(isThemeId(item.theme) ? { theme: item.theme } : {}),
      })),
    };
    const result = validate(CreateMeetingBody, input);
    const found: FieldErrors = result.ok ? {} : { ...result.errors };
    // An empty date is "fill this in", not zod's "not a date".
    if (when === '') found.scheduledFor = { kind: 'required' };
    if (!result.ok || when === '') {
      show(found);
      return;
    }
    clear();
    setBusy(true);
    try {
      const { meeting } = await meetingsApi.create(workspace.id, result.data);
      setTitle('');
      setWhen('');
      setItems([emptyItem()]);
      onPlanned(meeting);
    } catch (error) {
      if (isApiError(error, 'validation_failed')) show(fieldErrorsFromApi(error));
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const error = (key: string) => problemText(t, errors[key]);

  return (
    <section className="section meeting-plan" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('meetings.plan.heading')}</h2>
      <form
        ref={formRef}
        className="form meeting-plan__form"
        noValidate
        data-testid="meeting-plan-form"
        onSubmit={(event) => void submit(event)}
      >
        <TextField
          label={t('meetings.plan.title')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={error('title')}
          maxLength={200}
          data-testid="meeting-title"
        />
        <TextField
          label={t('meetings.plan.when')}
          type="datetime-local"
          value={when}
          onChange={(e) => setWhen(e.target.value)}
          error={error('scheduledFor')}
          data-testid="meeting-when"
        />
        <fieldset className="fieldset meeting-plan__agenda">
          <legend className="fieldset__legend">{t('meetings.plan.agenda')}</legend>
          <p className="section__intro">{t('meetings.plan.agendaHint')}</p>
          <ol className="agenda-draft">
            {items.map((item, index) => {
              const doc = documents.find((d) => d.id === item.documentId);
              const themes =
                doc === undefined || doc.kind === 'party-notes' ? [] : themesOf(doc.kind);
              const n = index + 1;
              return (
                <li key={item.key} className="agenda-draft__item" data-testid="agenda-item-draft">
                  <TextField
                    label={t('meetings.plan.itemTitle', { n })}
                    value={item.title}
                    onChange={(e) => change(item.key, { title: e.target.value })}
                    error={error(`items.${index}.title`)}
                    maxLength={200}
                  />
                  <TextField
                    label={t('meetings.plan.itemMinutes', { n })}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={480}
                    value={item.minutes}
                    onChange={(e) => change(item.key, { minutes: e.target.value })}
                    error={error(`items.${index}.timeboxMinutes`)}
                    fieldClassName="field--short"
                  />
                  <SelectField
                    label={t('meetings.plan.itemDocument', { n })}
                    value={item.documentId}
                    onChange={(e) =>
                      change(item.key, { documentId: e.target.value, theme: '', clauseId: '' })
                    }
                    error={error(`items.${index}.documentId`)}
                  >
                    <option value="">{t('meetings.plan.noDocument')}</option>
                    {documents.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.title}
                      </option>
                    ))}
                  </SelectField>
                  {themes.length > 0 && (
                    <SelectField
                      label={t('meetings.plan.itemTheme', { n })}
                      value={item.theme}
                      onChange={(e) => change(item.key, { theme: e.target.value, clauseId: '' })}
                      error={error(`items.${index}.theme`)}
                    >
                      <option value="">{t('meetings.plan.noTheme')}</option>
                      {themes.map((theme) => (
                        <option key={theme.id} value={theme.id}>
                          {theme.label[lang]}
                        </option>
                      ))}
                    </SelectField>
                  )}
                  {item.documentId !== '' && (
                    <AgendaClauseSelect
                      workspaceId={workspace.id}
                      documentId={item.documentId}
                      theme={item.theme}
                      value={item.clauseId}
                      label={t('meetings.plan.itemClause', { n })}
                      error={error(`items.${index}.clauseId`)}
                      onChange={(clauseId) => change(item.key, { clauseId })}
                    />
                  )}
                  {items.length > 1 && (
                    <button
                      type="button"
                      className="button button--danger-quiet button--small"
                      onClick={() => setItems((all) => all.filter((i) => i.key !== item.key))}
                    >
                      {t('meetings.plan.removeItem', { n })}
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setItems((all) => [...all, emptyItem()])}
          >
            {t('meetings.plan.addItem')}
          </button>
        </fieldset>
        {failure !== null && <ErrorNotice error={failure} />}
        <div className="button-row">
          <button
            type="submit"
            className="button button--primary"
            aria-disabled={busy}
            data-testid="meeting-plan-submit"
          >
            {t('meetings.plan.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
