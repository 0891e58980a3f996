import { PARTY_COLORS } from '@akkoord/domain';
import { describe, expect, it } from 'vitest';
import { contrastRatio, fallbackColor, isHexColor, textColorOn } from './colorContrast';

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

// Party colours fill avatars and caret labels with white initials and names, and the neutral
// colour stands in for people without a party.
describe('party colours', () => {
  it.each([...PARTY_COLORS, fallbackColor])(
    '%s carries white text at WCAG AA contrast',
    (color) => {
      expect(isHexColor(color)).toBe(true);
      expect(textColorOn(color)).toBe('#ffffff');
      expect(contrastRatio(color, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    },
  );
});
