import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';
import { Link } from './Link';
import { NotificationsButton } from './NotificationsButton';
import { SessionControls } from './SessionControls';

interface AppShellProps {
  /** Page-specific header content, e.g. the document name and its save status. */
  headerContent?: ReactNode;
  children: ReactNode;
  mainClassName?: string;
}

export function AppShell({ headerContent, children, mainClassName }: AppShellProps) {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main-content">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <Link href="/" className="brand" aria-label={t('app.homeLink')}>
            <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <rect width="32" height="32" rx="8" />
              <path d="M9 16.5l4.5 4.5L23 11.5" />
            </svg>
            <span className="brand__name">{t('app.name')}</span>
          </Link>
          <div className="app-header__content">{headerContent}</div>
          <NotificationsButton />
          <SessionControls />
          <LanguageSwitch />
        </div>
      </header>
      <main id="main-content" tabIndex={-1} className={mainClassName}>
        {children}
      </main>
    </>
  );
}
