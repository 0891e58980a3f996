import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from './apiClient';
import { AppShell } from './AppShell';
import { Link } from './Link';
import { usePageTitle } from './usePageTitle';

export function LoadingPage() {
  const { t } = useTranslation();
  usePageTitle(t('loading.pageTitle'));
  return (
    <AppShell mainClassName="page">
      <p className="loading" role="status">
        {t('loading.text')}
      </p>
    </AppShell>
  );
}

interface ProblemPageProps {
  heading: string;
  body: ReactNode;
  action?: ReactNode;
}

/** A page that only explains why there is nothing to show, and where to go instead. */
export function ProblemPage({ heading, body, action }: ProblemPageProps) {
  const { t } = useTranslation();
  usePageTitle(heading);
  return (
    <AppShell mainClassName="start">
      <section className="card">
        <h1>{heading}</h1>
        <div className="lead">{body}</div>
        {action ?? (
          <Link href="/" className="button button--primary">
            {t('notFound.back')}
          </Link>
        )}
      </section>
    </AppShell>
  );
}

/** The server was unreachable or failed: say so, and offer a retry that may well help. */
export function LoadFailedPage({ error, retry }: { error: unknown; retry: () => void }) {
  const { t } = useTranslation();
  const offline = isApiError(error, 'network');
  return (
    <ProblemPage
      heading={offline ? t('loadFailed.offlineHeading') : t('loadFailed.heading')}
      body={<p>{offline ? t('loadFailed.offlineBody') : t('loadFailed.body')}</p>}
      action={
        <button type="button" className="button button--primary" onClick={retry}>
          {t('loadFailed.retry')}
        </button>
      }
    />
  );
}
