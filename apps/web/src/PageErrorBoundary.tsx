import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AppShell } from './AppShell';

function CrashMessage() {
  const { t } = useTranslation();
  return (
    <AppShell mainClassName="start">
      <section className="card">
        <h1>{t('error.heading')}</h1>
        <p className="lead">{t('error.body')}</p>
        <button
          type="button"
          className="button button--primary"
          onClick={() => window.location.reload()}
        >
          {t('error.reload')}
        </button>
      </section>
    </AppShell>
  );
}

interface State {
  failed: boolean;
}

/**
 * Without this a failed chunk download or an editor crash leaves a blank page. Typed work is
 * not lost: it is in IndexedDB and comes back after the reload.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('page crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? <CrashMessage /> : this.props.children;
  }
}
