import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, isLanguage, languages } from './i18n/setupI18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const id = useId();
  // Reading i18n.language keeps this component in step with changes made elsewhere.
  const value = isLanguage(i18n.language) ? i18n.language : currentLanguage();
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => {
          if (isLanguage(event.target.value)) void changeLanguage(event.target.value);
        }}
      >
        {languages.map((language) => (
          // Each language is named in itself, so people find their own language.
          <option key={language} value={language} lang={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
