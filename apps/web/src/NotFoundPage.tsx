import { useTranslation } from 'react-i18next';
import { AppShell } from './AppShell';
import { Link } from './Link';
import { usePageTitle } from './usePageTitle';

export function NotFoundPage({ reason }: { reason: 'not-found' | 'invalid-room' }) {
  const { t } = useTranslation();
  usePageTitle(t('notFound.pageTitle'));
  return (
    <AppShell mainClassName="start">
      <section className="card">
        <h1>{t('notFound.heading')}</h1>
        <p className="lead">
          {reason === 'invalid-room' ? t('notFound.invalidRoom') : t('notFound.body')}
        </p>
        <Link href="/" className="button button--primary">
          {t('notFound.back')}
        </Link>
      </section>
    </AppShell>
  );
}
