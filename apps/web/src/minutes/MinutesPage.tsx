import type { MemberDto, MinutesDto, UserDto, WorkspaceDto } from '@akkoord/domain';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../apiClient';
import { AppShell } from '../AppShell';
import { ErrorNotice } from '../ErrorNotice';
import { Link } from '../Link';
import { MemberWorkspace } from '../meetings/MeetingsPage';
import { isReadOnly } from '../membership';
import { paths } from '../router';
import { useFacilitationEvents } from '../useWorkspaceEvents';
import { useLoader } from '../useLoader';
import { usePageTitle } from '../usePageTitle';
import { ActionItemsEditor } from './ActionItemsEditor';
import { MinutesMarkdown } from './MinutesMarkdown';
import { minutesApi } from './minutesApi';

interface MinutesPageProps {
  workspaceId: string;
  meetingId: string;
  user: UserDto;
}

/**
 * `/w/:id/vergaderingen/:meetingId/verslag`: the minutes of an ended meeting (MIN-1..3) —
 * the text, amending it, approval per party, downloads and the action items. Live: any change
 * by someone else reloads the parts (facilitation events `minutes` and `actions`).
 */
export function MinutesPage({ workspaceId, meetingId, user }: MinutesPageProps) {
  return (
    <MemberWorkspace workspaceId={workspaceId} user={user}>
      {(workspace, member) => (
        <MinutesView workspace={workspace} member={member} meetingId={meetingId} />
      )}
    </MemberWorkspace>
  );
}

function MinutesView({
  workspace,
  member,
  meetingId,
}: {
  workspace: WorkspaceDto;
  member: MemberDto;
  meetingId: string;
}) {
  const { t } = useTranslation();
  usePageTitle(t('minutes.pageTitle', { title: workspace.title }));
  const minutes = useLoader(`minutes:${workspace.id}:${meetingId}`, () =>
    minutesApi.get(workspace.id, meetingId),
  );
  const actions = useLoader(`actions:${workspace.id}:${meetingId}`, () =>
    minutesApi.actions(workspace.id, meetingId),
  );
  const [announcement, setAnnouncement] = useState('');
  useFacilitationEvents(workspace.id, ['minutes', 'actions'], (changed) => {
    if (changed !== null && changed !== meetingId) return;
    minutes.reload();
    actions.reload();
  });

  const locked = minutes.status === 'ready' && minutes.data.status === 'locked';
  return (
    <AppShell mainClassName="page">
      <p className="back-link">
        <Link href={paths.meeting(workspace.id, meetingId)}>{t('minutes.back')}</Link>
      </p>
      <div className="page-heading">
        <div className="page-heading__text">
          <h1>{t('minutes.title')}</h1>
          <p className="page-heading__details">{workspace.title}</p>
        </div>
      </div>
      <div role="status" className="page-status">
        {announcement !== '' && <p className="notice notice--success">{announcement}</p>}
      </div>
      {minutes.status === 'loading' && <p className="loading">{t('loading.text')}</p>}
      {minutes.status === 'failed' &&
        (isApiError(minutes.error, 'not_found') ? (
          <p className="section__intro">{t('minutes.notYet')}</p>
        ) : (
          <ErrorNotice error={minutes.error} />
        ))}
      {minutes.status === 'ready' && (
        <div className="workspace-grid">
          <div className="workspace-grid__main">
            <MinutesBody
              workspaceId={workspace.id}
              meetingId={meetingId}
              minutes={minutes.data}
              canAmend={!isReadOnly(member) && !locked}
              onSaved={(fresh) => {
                minutes.replace(fresh);
                setAnnouncement(t('minutes.amend.saved', { version: fresh.version }));
              }}
              onFresh={(fresh) => minutes.replace(fresh)}
            />
            {actions.status === 'failed' && <ErrorNotice error={actions.error} />}
            {actions.status === 'ready' && (
              <ActionItemsEditor
                workspaceId={workspace.id}
                meetingId={meetingId}
                parties={workspace.parties}
                actions={actions.data.actions}
                canEdit={!isReadOnly(member) && !locked}
                onChanged={() => {
                  actions.reload();
                  minutes.reload();
                }}
              />
            )}
          </div>
          <div className="workspace-grid__side">
            <Approvals
              workspace={workspace}
              member={member}
              meetingId={meetingId}
              minutes={minutes.data}
              onApproved={(fresh, party) => {
                minutes.replace(fresh);
                setAnnouncement(t('minutes.approvals.approved', { version: fresh.version, party }));
              }}
              onFresh={(fresh) => minutes.replace(fresh)}
            />
            <Downloads workspaceId={workspace.id} meetingId={meetingId} />
          </div>
        </div>
      )}
    </AppShell>
  );
}

function MinutesBody({
  workspaceId,
  meetingId,
  minutes,
  canAmend,
  onSaved,
  onFresh,
}: {
  workspaceId: string;
  meetingId: string;
  minutes: MinutesDto;
  canAmend: boolean;
  onSaved: (fresh: MinutesDto) => void;
  onFresh: (fresh: MinutesDto) => void;
}) {
  const { t } = useTranslation();
  const textId = useId();
  const hintId = useId();
  // The text being amended and the version it started from (null: not amending).
  const [draft, setDraft] = useState<{ text: string; version: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (draft === null || busy) return;
    setBusy(true);
    setProblem(null);
    setFailure(null);
    try {
      const fresh = await minutesApi.amend(workspaceId, meetingId, {
        body: draft.text,
        version: draft.version,
      });
      setDraft(null);
      onSaved(fresh);
    } catch (error) {
      if (!isApiError(error, 'conflict')) {
        setFailure(error);
        return;
      }
      // Someone amended or the last party approved meanwhile: show what is there now, keep
      // the person's own text, and let them save again on top of the new version.
      try {
        const fresh = await minutesApi.get(workspaceId, meetingId);
        onFresh(fresh);
        if (fresh.status === 'locked') {
          setDraft(null);
          setProblem(t('minutes.amend.locked'));
        } else {
          setDraft({ text: draft.text, version: fresh.version });
          setProblem(t('minutes.amend.conflict'));
        }
      } catch (reloadError) {
        setFailure(reloadError);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="section minutes">
      <p className="badges">
        <span className={minutes.status === 'locked' ? 'badge badge--ended' : 'badge'}>
          {t(`minutes.status.${minutes.status}`)}
        </span>
        <span className="badge">{t('minutes.version', { version: minutes.version })}</span>
      </p>
      {minutes.status === 'locked' && <p className="section__intro">{t('minutes.lockedNote')}</p>}
      <MinutesMarkdown text={minutes.body} />
      {problem !== null && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
      {failure !== null && <ErrorNotice error={failure} />}
      {canAmend && draft === null && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setProblem(null);
            setDraft({ text: minutes.body, version: minutes.version });
          }}
        >
          {t('minutes.amend.button')}
        </button>
      )}
      {draft !== null && (
        <form className="form minutes__amend" noValidate onSubmit={(event) => void save(event)}>
          <h3>{t('minutes.amend.heading')}</h3>
          <div className="field">
            <label htmlFor={textId}>{t('minutes.amend.label')}</label>
            <p id={hintId} className="field__hint">
              {t('minutes.amend.hint')}
            </p>
            <textarea
              id={textId}
              aria-describedby={hintId}
              rows={20}
              value={draft.text}
              onChange={(event) => setDraft({ ...draft, text: event.target.value })}
            />
          </div>
          <div className="button-row">
            <button type="submit" className="button button--primary" aria-disabled={busy}>
              {t('minutes.amend.save')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setDraft(null);
                setProblem(null);
              }}
            >
              {t('minutes.amend.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

function Approvals({
  workspace,
  member,
  meetingId,
  minutes,
  onApproved,
  onFresh,
}: {
  workspace: WorkspaceDto;
  member: MemberDto;
  meetingId: string;
  minutes: MinutesDto;
  onApproved: (fresh: MinutesDto, party: string) => void;
  onFresh: (fresh: MinutesDto) => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const myParty =
    member.role === 'negotiator'
      ? (workspace.parties.find((p) => p.id === member.partyId) ?? null)
      : null;
  const approvalOf = (partyId: string) => minutes.approvals.find((a) => a.partyId === partyId);
  const canApprove =
    myParty !== null && minutes.status === 'draft' && approvalOf(myParty.id) === undefined;

  const approve = async (): Promise<void> => {
    if (myParty === null || busy) return;
    setBusy(true);
    setProblem(null);
    setFailure(null);
    try {
      onApproved(await minutesApi.approve(workspace.id, meetingId, minutes.version), myParty.name);
    } catch (error) {
      if (isApiError(error, 'conflict')) {
        setProblem(t('minutes.approvals.stale'));
        try {
          onFresh(await minutesApi.get(workspace.id, meetingId));
        } catch (reloadError) {
          setFailure(reloadError);
        }
      } else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="section minutes-approvals" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('minutes.approvals.heading')}</h2>
      <p className="section__intro">{t('minutes.approvals.intro')}</p>
      <ul data-testid="approvals">
        {workspace.parties.map((party) => {
          const approval = approvalOf(party.id);
          return (
            <li key={party.id}>
              <strong>{party.name}</strong>:{' '}
              {approval
                ? t('minutes.approvals.approvedBy', { name: approval.name })
                : t('minutes.approvals.pending')}
            </li>
          );
        })}
      </ul>
      {problem !== null && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
      {failure !== null && <ErrorNotice error={failure} />}
      {canApprove && (
        <button
          type="button"
          className="button button--primary"
          aria-disabled={busy}
          onClick={() => void approve()}
        >
          {t('minutes.approvals.approve', { party: myParty.name })}
        </button>
      )}
    </section>
  );
}

function Downloads({ workspaceId, meetingId }: { workspaceId: string; meetingId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('minutes.download.heading')}</h2>
      <ul>
        <li>
          <a href={minutesApi.exportUrl(workspaceId, meetingId, 'md')} download>
            {t('minutes.download.md')}
          </a>
        </li>
        <li>
          <a href={minutesApi.exportUrl(workspaceId, meetingId, 'pdf')} download>
            {t('minutes.download.pdf')}
          </a>
        </li>
      </ul>
    </section>
  );
}
