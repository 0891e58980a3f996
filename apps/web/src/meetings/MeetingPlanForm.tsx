import {
  CreateMeetingBody,
  type DocumentDto,
  type MeetingDto,
  type UpdateMeetingBody,
  type WorkspaceDto,
} from '@akkoord/domain';
import { useId, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../ErrorNotice';
import { fieldErrorsFromApi, problemText, validate, type FieldErrors } from '../fieldErrors';
import { isApiError } from '../apiClient';
import { TextField } from '../TextField';
import { useFormErrors } from '../useFormErrors';
import { agendaInput, draftOf, emptyItem, moved, sameAgenda, type ItemDraft } from './agendaDraft';
import { AgendaItemDraft } from './AgendaItemDraft';
import { meetingsApi } from './meetingsApi';
import { toInstant, toLocalInput } from './localDateTime';

/** The documents an agenda item can be about: the shared ones, never a party's notes. */
function linkableDocuments(workspace: WorkspaceDto): DocumentDto[] {
  return workspace.documents.filter((d) => d.kind !== 'party-notes');
}

interface MeetingPlanFormProps {
  workspace: WorkspaceDto;
  /**
   * A planned meeting to edit: the fields start from it and saving changes it instead of
   * planning a new one. The form then has no heading of its own (the dialog around it has one)
   * and keeps what was typed after saving.
   */
  meeting?: MeetingDto;
  /** After planning a meeting, or saving the edited one, with the server's answer. */
  onPlanned: (meeting: MeetingDto) => void;
  /** Edit mode: a "cancel" button beside "save". */
  onCancel?: () => void;
}

/**
 * The facilitator plans a meeting, or edits a planned one: title, date and time, agenda items
 * with a timebox each, in an order the move buttons change.
 */
export function MeetingPlanForm({ workspace, meeting, onPlanned, onCancel }: MeetingPlanFormProps) {
  const { t } = useTranslation();
  const headingId = useId();
  /** What the edited meeting was, to send only what changed (see `changes`). */
  const [initial] = useState(() => ({
    title: meeting?.title ?? '',
    when: meeting === undefined ? '' : toLocalInput(meeting.scheduledFor),
    items: meeting === undefined ? [emptyItem()] : meeting.items.map(draftOf),
  }));
  const [title, setTitle] = useState(initial.title);
  const [when, setWhen] = useState(initial.when);
  const [items, setItems] = useState<ItemDraft[]>(initial.items);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  /** Said to screen readers after a move or a removal, which they would not notice otherwise. */
  const [note, setNote] = useState('');
  const rows = useRef(new Map<number, HTMLLIElement>());
  const { errors, show, clear, formRef } = useFormErrors();
  const documents = linkableDocuments(workspace);

  const change = (key: number, patch: Partial<ItemDraft>): void =>
    setItems((all) => all.map((item) => (item.key === key ? { ...item, ...patch } : item)));

  /** Focus to a control of an item's row once React has put the row where it now belongs. */
  const focusIn = (key: number | undefined, control: string): void => {
    if (key === undefined) return;
    rows.current.get(key)?.querySelector<HTMLElement>(`[data-control="${control}"]`)?.focus();
  };

  // Moving a row re-inserts DOM nodes, which drops focus in browsers: it is put back on the
  // same button of the same item, so up/down can be pressed again and again.
  const move = (index: number, by: -1 | 1): void => {
    const item = items[index];
    if (item === undefined) return;
    flushSync(() => setItems(moved(items, index, by)));
    setNote(t('meetings.plan.moved', { n: index + by + 1, total: items.length }));
    focusIn(item.key, by === -1 ? 'up' : 'down');
  };

  // The removed row took the focused button with it: the title of the item now in its place
  // (or of the new last one) takes focus.
  const remove = (index: number): void => {
    const rest = items.filter((_, i) => i !== index);
    flushSync(() => setItems(rest));
    setNote(t('meetings.plan.removed', { n: index + 1 }));
    focusIn(rest[Math.min(index, rest.length - 1)]?.key, 'title');
  };

  /**
   * The edit as an update: only what changed, so renaming a meeting that started meanwhile
   * still works (the server refuses only a changed agenda once it runs).
   */
  const changes = (data: CreateMeetingBody): UpdateMeetingBody => ({
    title: data.title,
    ...(when === initial.when ? {} : { scheduledFor: data.scheduledFor }),
    ...(sameAgenda(items, initial.items) ? {} : { items: data.items }),
  });

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const result = validate(CreateMeetingBody, {
      title,
      scheduledFor: toInstant(when),
      items: agendaInput(items),
    });
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
      if (meeting !== undefined) {
        const answer = await meetingsApi.update(workspace.id, meeting.id, changes(result.data));
        onPlanned(answer.meeting);
        return;
      }
      const answer = await meetingsApi.create(workspace.id, result.data);
      setTitle('');
      setWhen('');
      setItems([emptyItem()]);
      onPlanned(answer.meeting);
    } catch (error) {
      // What was typed stays in the form: the facilitator can copy it or try again.
      if (isApiError(error, 'validation_failed')) show(fieldErrorsFromApi(error));
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const error = (key: string) => problemText(t, errors[key]);

  const form = (
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
        {...(meeting === undefined ? {} : { 'data-autofocus': true })}
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
        {items.length > 0 && (
          <ol className="agenda-draft">
            {items.map((item, index) => (
              <AgendaItemDraft
                key={item.key}
                workspaceId={workspace.id}
                documents={documents}
                item={item}
                index={index}
                count={items.length}
                error={(field) => error(`items.${index}.${field}`)}
                onChange={(patch) => change(item.key, patch)}
                onMove={(by) => move(index, by)}
                onRemove={() => remove(index)}
                rowRef={(row) => {
                  if (row === null) rows.current.delete(item.key);
                  else rows.current.set(item.key, row);
                }}
              />
            ))}
          </ol>
        )}
        <p role="status" className="sr-only">
          {note}
        </p>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setItems((all) => [...all, emptyItem()])}
        >
          {t('meetings.plan.addItem')}
        </button>
      </fieldset>
      {failure !== null && (
        <ErrorNotice
          error={failure}
          texts={
            meeting === undefined
              ? {}
              : { conflict: t('meetings.edit.conflict'), not_found: t('meetings.edit.notFound') }
          }
        />
      )}
      <div className="button-row">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={busy}
          data-testid="meeting-plan-submit"
        >
          {meeting === undefined ? t('meetings.plan.submit') : t('meetings.edit.submit')}
        </button>
        {onCancel !== undefined && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('dialog.cancel')}
          </button>
        )}
      </div>
    </form>
  );

  if (meeting !== undefined) return form;
  return (
    <section className="section meeting-plan" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('meetings.plan.heading')}</h2>
      {form}
    </section>
  );
}
