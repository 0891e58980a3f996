// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { normalizeName, userColors } from './userIdentity';

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) =>
    c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('userColors', () => {
  it.each(userColors)('%s carries white text at WCAG AA contrast', (color) => {
    expect(color).toMatch(/^#[0-9a-f]{6}$/);
    const contrast = 1.05 / (luminance(color) + 0.05);
    expect(contrast).toBeGreaterThanOrEqual(4.5);
  });
});

describe('normalizeName', () => {
  it('trims and collapses spaces', () => {
    expect(normalizeName('  Anna   de  Vries ')).toBe('Anna de Vries');
  });
  it('limits the length', () => {
    expect(normalizeName('x'.repeat(100))).toHaveLength(60);
  });
});
