// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { normalizeName } from './userIdentity';

describe('normalizeName', () => {
  it('trims and collapses spaces', () => {
    expect(normalizeName('  Anna   de  Vries ')).toBe('Anna de Vries');
  });
  it('limits the length', () => {
    expect(normalizeName('x'.repeat(100))).toHaveLength(60);
  });
});
