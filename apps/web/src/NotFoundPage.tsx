import { useTranslation } from 'react-i18next';
import { ProblemPage } from './StatusPages';

export function NotFoundPage() {
  const { t } = useTranslation();
  return <ProblemPage heading={t('notFound.heading')} body={<p>{t('notFound.body')}</p>} />;
}
