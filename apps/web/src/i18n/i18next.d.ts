import type editorNl from './editor.nl.json';
import type nl from './nl.json';

// Typed keys: a misspelt or missing translation key is a type error, not a blank label.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof nl & typeof editorNl };
    returnNull: false;
  }
}
