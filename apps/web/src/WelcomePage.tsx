import { useTranslation } from 'react-i18next';
import { AppShell } from './AppShell';
import { Link } from './Link';
import { paths, useNavigationState } from './router';
import { usePageTitle } from './usePageTitle';

export function WelcomePage() {
  const { t } = useTranslation();
  const notice = useNavigationState()?.notice;
  usePageTitle(t('welcome.pageTitle'));
  return (
    <AppShell mainClassName="start">
      <section className="card card--wide">
        {notice === 'signed-out' && (
          <p className="notice notice--info" role="status">
            {t('welcome.signedOut')}
          </p>
        )}
        <h1>{t('welcome.heading')}</h1>
        <p className="lead">{t('welcome.intro')}</p>
        <ul className="feature-list">
          <li>{t('welcome.point1')}</li>
          <li>{t('welcome.point2')}</li>
          <li>{t('welcome.point3')}</li>
        </ul>
        <div className="button-row">
          <Link href={paths.login} className="button button--primary">
            {t('welcome.logIn')}
          </Link>
          <Link href={paths.signup} className="button button--secondary">
            {t('welcome.signUp')}
          </Link>
        </div>
        <p className="card__footer">{t('welcome.invitationHint')}</p>
      </section>
    </AppShell>
  );
}
