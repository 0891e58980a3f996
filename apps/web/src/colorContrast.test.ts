import { describe, expect, it } from 'vitest';
import { contrastRatio, isHexColor, textColorOn } from './colorContrast';
import { userColors } from './userIdentity';

describe('contrastRatio', () => {
  it('is 21 for black on white and 1 for equal colours', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#1f5f99', '#1f5f99')).toBeCloseTo(1, 5);
  });
});

describe('textColorOn', () => {
  it('uses white on dark and dark text on light colours, always at AA contrast', () => {
    for (const background of ['#1d4ed8', '#ffeb3b', '#a3e635', '#000000', '#ffffff', '#808080']) {
      const text = textColorOn(background);
      expect(contrastRatio(background, text)).toBeGreaterThanOrEqual(4.5);
    }
    expect(textColorOn('#1d4ed8')).toBe('#ffffff');
    expect(textColorOn('#ffeb3b')).not.toBe('#ffffff');
  });
});

describe('userColors', () => {
  it.each(userColors)('%s carries white text at WCAG AA contrast', (color) => {
    expect(isHexColor(color)).toBe(true);
    expect(textColorOn(color)).toBe('#ffffff');
  });
});
