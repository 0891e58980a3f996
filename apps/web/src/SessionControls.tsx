import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from './Link';
import { parseRoute, paths, usePathname, withNext } from './router';
import { logOut, useSession } from './useSession';

/** Who is logged in and the way out, on every page; a "log in" link for everyone else. */
export function SessionControls() {
  const { t } = useTranslation();
  const session = useSession();
  const pathname = usePathname();
  const [busy, setBusy] = useState(false);

  if (session.status === 'signed-out') {
    // On the login and sign-up pages a "log in" button would only point at the page itself.
    const page = parseRoute(pathname).page;
    if (page === 'login' || page === 'signup') return null;
    return (
      // Logging in from here comes back here (e.g. to an invitation).
      <Link
        href={withNext(paths.login, pathname)}
        className="button button--secondary button--small"
      >
        {t('session.logIn')}
      </Link>
    );
  }
  if (session.status !== 'signed-in') return null;

  const leave = async (): Promise<void> => {
    setBusy(true);
    await logOut();
    setBusy(false);
  };

  return (
    <div className="session">
      <p className="session__user">
        <span className="session__label">{t('session.signedInAs')}</span>{' '}
        <span className="session__name">{session.user.name}</span>
      </p>
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={busy}
        onClick={() => void leave()}
      >
        {t('session.logOut')}
      </button>
    </div>
  );
}
