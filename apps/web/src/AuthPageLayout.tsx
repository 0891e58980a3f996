import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AppShell } from './AppShell';
import { parseRoute, useNavigationState } from './router';
import { usePageTitle } from './usePageTitle';

interface AuthPageLayoutProps {
  heading: string;
  intro: string;
  /** Where the person goes afterwards; an invitation gets a word of explanation. */
  next: string;
  children: ReactNode;
}

/** The frame shared by the login and sign-up pages. */
export function AuthPageLayout({ heading, intro, next, children }: AuthPageLayoutProps) {
  const { t } = useTranslation();
  const notice = useNavigationState()?.notice;
  usePageTitle(heading);
  const forInvitation = parseRoute(next.split('?')[0] ?? '').page === 'invitation';
  return (
    <AppShell mainClassName="start">
      <section className="card">
        <h1>{heading}</h1>
        <p className="lead">{intro}</p>
        {forInvitation ? (
          <p className="notice notice--info">{t('auth.forInvitation')}</p>
        ) : (
          notice === 'sign-in-needed' && (
            <p className="notice notice--info">{t('auth.signInNeeded')}</p>
          )
        )}
        {children}
      </section>
    </AppShell>
  );
}
