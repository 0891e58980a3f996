import type consentNl from './consent.nl.json';
import type editorNl from './editor.nl.json';
import type meetingsNl from './meetings.nl.json';
import type minutesNl from './minutes.nl.json';
import type nl from './nl.json';

// Typed keys: a misspelt or missing translation key is a type error, not a blank label.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof nl &
        typeof editorNl &
        typeof meetingsNl &
        typeof consentNl &
        typeof minutesNl;
    };
    returnNull: false;
  }
}
