import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import consentEn from './consent.en.json';
import consentNl from './consent.nl.json';
import editorEn from './editor.en.json';
import editorNl from './editor.nl.json';
import en from './en.json';
import meetingsEn from './meetings.en.json';
import meetingsNl from './meetings.nl.json';
import minutesEn from './minutes.en.json';
import minutesNl from './minutes.nl.json';
import nl from './nl.json';

export const languages = ['nl', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'akkoord.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(storageKey);
    return isLanguage(value) ? value : 'nl';
  } catch {
    // Storage can be blocked (privacy settings); Dutch is the product's default anyway.
    return 'nl';
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'nl';
}

export async function changeLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Not remembering the choice is acceptable; failing to switch is not.
  }
  await i18n.changeLanguage(language);
}

/** Initialises i18next synchronously (resources are bundled) so the first render is translated. */
export function setupI18n(): typeof i18n {
  i18n.on('languageChanged', (language) => {
    // Screen readers pick their pronunciation from <html lang>.
    document.documentElement.lang = language;
  });
  void i18n.use(initReactI18next).init({
    // The clause editor's and facilitator mode's strings live in their own files, each under
    // its own top-level key (`clauses`, `meetings`, `consent`, `minutes`).
    resources: {
      nl: { translation: { ...nl, ...editorNl, ...meetingsNl, ...consentNl, ...minutesNl } },
      en: { translation: { ...en, ...editorEn, ...meetingsEn, ...consentEn, ...minutesEn } },
    },
    lng: storedLanguage(),
    fallbackLng: 'nl',
    supportedLngs: [...languages],
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  return i18n;
}
