import { useTranslation } from 'react-i18next';

/** Dates in the interface language: "12 maart 2026 om 14:05" / "12 March 2026 at 14:05". */
export function useFormatDate(): (at: number) => string {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' });
  return (at) => format.format(new Date(at));
}
