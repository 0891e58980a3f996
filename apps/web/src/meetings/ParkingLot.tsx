import {
  CreateParkingBody,
  isThemeId,
  themeInfo,
  type MemberDto,
  type ParkingItemDto,
} from '@akkoord/domain';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../ErrorNotice';
import { validate } from '../fieldErrors';
import { currentLanguage } from '../i18n/setupI18n';
import { isFacilitator, isReadOnly } from '../membership';
import { useFormErrors } from '../useFormErrors';
import { meetingsApi } from './meetingsApi';
import { ParkingEditDialog } from './ParkingEditDialog';
import { emptyParkingDraft, ParkingFields, type ParkingDraft } from './ParkingFields';
import { useParkingLot } from './useParkingLot';

interface ParkingLotProps {
  workspaceId: string;
  member: MemberDto;
  /** The running meeting, if any: new items are tagged with it. */
  meetingId?: string | null;
}

/**
 * Topics put aside for later (MEET-6), open ones first, each tagged against the scope of the
 * process agreements. Anyone but observers adds; the facilitator or the creator edits an open
 * topic (words, scope tag, theme) and marks it done.
 */
export function ParkingLot({ workspaceId, member, meetingId = null }: ParkingLotProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const items = useParkingLot(workspaceId);
  const [announcement, setAnnouncement] = useState('');

  return (
    <section className="section parking-lot" aria-labelledby={headingId} data-testid="parking-lot">
      <h2 id={headingId}>{t('meetings.parking.heading')}</h2>
      <p className="section__intro">{t('meetings.parking.intro')}</p>
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {items.status === 'failed' && <ErrorNotice error={items.error} />}
      {items.status === 'ready' &&
        (items.data.length === 0 ? (
          <p className="section__intro">{t('meetings.parking.empty')}</p>
        ) : (
          <ul className="parking-list">
            {items.data.map((item) => (
              <ParkingRow
                key={item.id}
                workspaceId={workspaceId}
                item={item}
                canChange={isFacilitator(member) || item.createdBy.userId === member.userId}
                onDone={() => {
                  setAnnouncement(t('meetings.parking.doneAnnounced', { title: item.title }));
                  items.reload();
                }}
                onSaved={(saved) => {
                  setAnnouncement(t('meetings.parking.saved', { title: saved.title }));
                  items.reload();
                }}
              />
            ))}
          </ul>
        ))}
      {!isReadOnly(member) && (
        <ParkingForm
          workspaceId={workspaceId}
          meetingId={meetingId}
          onAdded={(title) => {
            setAnnouncement(t('meetings.parking.added', { title }));
            items.reload();
          }}
        />
      )}
    </section>
  );
}

function ParkingRow({
  workspaceId,
  item,
  canChange,
  onDone,
  onSaved,
}: {
  workspaceId: string;
  item: ParkingItemDto;
  canChange: boolean;
  onDone: () => void;
  onSaved: (item: ParkingItemDto) => void;
}) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const lang = currentLanguage();
  const done = item.status === 'done';

  const close = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await meetingsApi.updateParking(workspaceId, item.id, { status: 'done' });
      onDone();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={done ? 'parking-item parking-item--done' : 'parking-item'}>
      <p className="parking-item__title">{item.title}</p>
      {item.note !== '' && <p className="parking-item__note">{item.note}</p>}
      <p className="badges">
        <span className={`badge scope-badge scope-badge--${item.scope}`}>
          {t(`meetings.parking.scope.${item.scope}`)}
        </span>
        {item.theme !== null && <span className="badge">{themeInfo(item.theme).label[lang]}</span>}
        {done && <span className="badge">{t('meetings.parking.done')}</span>}
      </p>
      <p className="parking-item__meta">
        {t('meetings.parking.by', { name: item.createdBy.name })}
      </p>
      {canChange && !done && (
        <div className="button-row parking-item__actions">
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setEditing(true)}
          >
            {t('meetings.parking.edit', { title: item.title })}
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            aria-disabled={busy}
            onClick={() => void close()}
          >
            {t('meetings.parking.markDone', { title: item.title })}
          </button>
        </div>
      )}
      {failure !== null && <ErrorNotice error={failure} />}
      {editing && (
        <ParkingEditDialog
          workspaceId={workspaceId}
          item={item}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            onSaved(saved);
          }}
        />
      )}
    </li>
  );
}

function ParkingForm({
  workspaceId,
  meetingId,
  onAdded,
}: {
  workspaceId: string;
  meetingId: string | null;
  onAdded: (title: string) => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState<ParkingDraft>(emptyParkingDraft);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const { errors, show, clear, formRef } = useFormErrors();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const result = validate(CreateParkingBody, {
      title: value.title,
      ...(value.note.trim() === '' ? {} : { note: value.note }),
      scope: value.scope,
      ...(isThemeId(value.theme) ? { theme: value.theme } : {}),
      ...(meetingId === null ? {} : { meetingId }),
    });
    if (!result.ok) {
      show(result.errors);
      return;
    }
    clear();
    setBusy(true);
    try {
      await meetingsApi.park(workspaceId, result.data);
      setValue(emptyParkingDraft);
      onAdded(result.data.title);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={formRef}
      className="form parking-form"
      noValidate
      data-testid="parking-form"
      onSubmit={(event) => void submit(event)}
    >
      <h3 className="parking-form__heading">{t('meetings.parking.addHeading')}</h3>
      <ParkingFields value={value} onChange={setValue} errors={errors} />
      {failure !== null && <ErrorNotice error={failure} />}
      <div className="button-row">
        <button type="submit" className="button button--primary" aria-disabled={busy}>
          {t('meetings.parking.add')}
        </button>
      </div>
    </form>
  );
}
