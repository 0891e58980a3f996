import { describe, expect, it } from 'vitest';
import en from './en.json';
import nl from './nl.json';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    keys(child, prefix === '' ? key : `${prefix}.${key}`),
  );
}

function placeholders(value: unknown): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  const walk = (node: unknown, prefix: string): void => {
    if (typeof node === 'string') {
      result[prefix] = [...node.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node))
        walk(child, prefix ? `${prefix}.${key}` : key);
    }
  };
  walk(value, '');
  return result;
}

describe('translations', () => {
  it('have the same keys in Dutch and English', () => {
    expect(keys(en).sort()).toEqual(keys(nl).sort());
  });

  it('use the same placeholders in both languages', () => {
    expect(placeholders(en)).toEqual(placeholders(nl));
  });

  it('have no empty texts', () => {
    const texts = [...keys(nl), ...keys(en)];
    expect(texts.length).toBeGreaterThan(10);
    for (const translations of [nl, en]) {
      const walk = (node: unknown): void => {
        if (typeof node === 'string') expect(node.trim()).not.toBe('');
        else if (typeof node === 'object' && node !== null) Object.values(node).forEach(walk);
      };
      walk(translations);
    }
  });
});
