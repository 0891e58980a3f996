import { describe, expect, it } from 'vitest';
import consentEn from './consent.en.json';
import consentNl from './consent.nl.json';
import editorEn from './editor.en.json';
import editorNl from './editor.nl.json';
import meetingsEn from './meetings.en.json';
import meetingsNl from './meetings.nl.json';
import minutesEn from './minutes.en.json';
import minutesNl from './minutes.nl.json';
import en from './en.json';
import nl from './nl.json';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    keys(child, prefix === '' ? key : `${prefix}.${key}`),
  );
}

function placeholders(value: unknown): string[] {
  return keys(value).map((key) => {
    const text = key.split('.').reduce<unknown>((node, part) => {
      return typeof node === 'object' && node !== null
        ? (node as Record<string, unknown>)[part]
        : undefined;
    }, value);
    const names = [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
    return `${key}:${names.join(',')}`;
  });
}

const groups = [
  ['editor', editorNl, editorEn],
  ['meetings', meetingsNl, meetingsEn],
  ['consent', consentNl, consentEn],
  ['minutes', minutesNl, minutesEn],
] as const;

describe.each(groups)('%s translations', (_name, dutch, english) => {
  it('have the same keys and placeholders in Dutch and English', () => {
    expect(keys(english).sort()).toEqual(keys(dutch).sort());
    expect(placeholders(english).sort()).toEqual(placeholders(dutch).sort());
  });

  it('do not shadow any top-level key of the other translation files', () => {
    // They are merged with a shallow spread: a shared top-level key would replace a whole group.
    const others = [nl, en, ...groups.filter((g) => g[1] !== dutch).map((g) => g[1])];
    for (const key of Object.keys(dutch)) {
      for (const other of others) expect(Object.keys(other)).not.toContain(key);
    }
  });
});
