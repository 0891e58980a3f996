import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the tab title; screen readers announce it, and people with many tabs rely on it. */
export function usePageTitle(title: string): void {
  const { t } = useTranslation();
  const product = t('app.name');
  useEffect(() => {
    document.title = `${title} – ${product}`;
  }, [title, product]);
}
