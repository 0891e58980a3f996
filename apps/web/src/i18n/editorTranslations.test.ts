import { describe, expect, it } from 'vitest';
import editorEn from './editor.en.json';
import editorNl from './editor.nl.json';
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

describe('editor translations', () => {
  it('have the same keys and placeholders in Dutch and English', () => {
    expect(keys(editorEn).sort()).toEqual(keys(editorNl).sort());
    expect(placeholders(editorEn).sort()).toEqual(placeholders(editorNl).sort());
  });

  it('do not shadow any top-level key of the main translation files', () => {
    // They are merged with a shallow spread: a shared top-level key would replace a whole group.
    for (const key of Object.keys(editorNl)) {
      expect(Object.keys(nl)).not.toContain(key);
      expect(Object.keys(en)).not.toContain(key);
    }
  });
});
