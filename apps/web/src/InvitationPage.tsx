import type { UserDto } from '@akkoord/domain';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError, type InvitationPreviewDto } from './apiClient';
import { AppShell } from './AppShell';
import { ErrorNotice } from './ErrorNotice';
import { useFormatDate } from './formatDate';
import { Link } from './Link';
import { RoleText } from './RoleText';
import { navigate, paths, useNavigationState, withNext } from './router';
import { LoadFailedPage, LoadingPage, ProblemPage } from './StatusPages';
import { useLoader } from './useLoader';
import { usePageTitle } from './usePageTitle';
import { logOut, useSession } from './useSession';

/**
 * `/invite/:token`: what the invitation offers, then joining. Logged out, people log in or sign
 * up and come back here, and the invitation is accepted right away: they already chose to
 * join by following the link and creating an account for it.
 */
export function InvitationPage({ token }: { token: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const preview = useLoader(`invitation:${token}`, () =>
    api.previewInvitation(token).then((r) => r.invitation),
  );

  if (preview.status === 'loading' || session.status === 'loading') return <LoadingPage />;
  if (preview.status === 'failed') {
    if (isApiError(preview.error, 'not_found')) {
      return (
        <ProblemPage
          heading={t('invitation.invalidHeading')}
          body={<p>{t('invitation.invalidBody')}</p>}
        />
      );
    }
    return <LoadFailedPage error={preview.error} retry={preview.reload} />;
  }
  return (
    <InvitationView
      token={token}
      invitation={preview.data}
      user={session.status === 'signed-in' ? session.user : null}
    />
  );
}

interface InvitationViewProps {
  token: string;
  invitation: InvitationPreviewDto;
  user: UserDto | null;
}

function InvitationView({ token, invitation, user }: InvitationViewProps) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  usePageTitle(t('invitation.pageTitle', { title: invitation.workspace.title }));
  const afterSignIn = useNavigationState()?.afterSignIn === true;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const here = paths.invitation(token);
  const workspacePath = paths.workspace(invitation.workspace.id);

  const accept = async (): Promise<void> => {
    setBusy(true);
    setFailure(null);
    try {
      await api.acceptInvitation(token);
      navigate(workspacePath, { replace: true, state: { notice: 'joined' } });
    } catch (error) {
      if (isApiError(error, 'conflict')) {
        navigate(workspacePath, { replace: true, state: { notice: 'already-member' } });
        return;
      }
      setBusy(false);
      setFailure(error);
    }
  };

  // Back from logging in or signing up for this invitation: join without another click.
  const acceptOnce = useEffectEvent(() => void accept());
  const started = useRef(false);
  useEffect(() => {
    if (user === null || !afterSignIn || started.current) return;
    started.current = true;
    acceptOnce();
  }, [user, afterSignIn]);

  return (
    <AppShell mainClassName="start">
      <section className="card">
        <p className="card__eyebrow">{t('invitation.eyebrow')}</p>
        <h1>{invitation.workspace.title}</h1>
        <dl className="facts">
          <div className="facts__row">
            <dt>{t('invitation.role')}</dt>
            <dd>
              <RoleText role={invitation.role} party={invitation.party} />
            </dd>
          </div>
          <div className="facts__row">
            <dt>{t('invitation.validUntil')}</dt>
            <dd>{formatDate(invitation.expiresAt)}</dd>
          </div>
        </dl>
        <p className="lead">{t(`invitation.roleExplained.${invitation.role}`)}</p>
        {failure !== null && (
          <ErrorNotice error={failure} texts={{ not_found: t('invitation.invalidBody') }} />
        )}
        {user === null ? (
          <>
            <p>{t('invitation.signInFirst')}</p>
            <div className="button-row">
              <Link href={withNext(paths.signup, here)} className="button button--primary">
                {t('invitation.signUp')}
              </Link>
              <Link href={withNext(paths.login, here)} className="button button--secondary">
                {t('invitation.logIn')}
              </Link>
            </div>
          </>
        ) : (
          <>
            <p>{t('invitation.joinAs', { name: user.name })}</p>
            <div className="button-row">
              <button
                type="button"
                className="button button--primary"
                disabled={busy}
                onClick={() => void accept()}
              >
                {busy ? t('invitation.joining') : t('invitation.join')}
              </button>
            </div>
            <p className="card__footer">
              {t('invitation.notYou', { name: user.name })}{' '}
              <button type="button" className="link-button" onClick={() => void logOut(here)}>
                {t('session.logOut')}
              </button>
            </p>
          </>
        )}
      </section>
    </AppShell>
  );
}
