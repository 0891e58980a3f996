/** WCAG 2.x relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) =>
    c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

export function isHexColor(value: unknown): value is string {
  return typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value);
}

/** Neutral slate used when someone's colour is missing or unusable. */
export const fallbackColor = '#475569';

/**
 * Text colour for a label on a user's colour. Colours come from other clients and the server
 * (party colours), so we cannot assume they suit white text. White is preferred when it passes;
 * otherwise black, and one of the two always reaches 4.5:1 on any colour.
 */
export function textColorOn(background: string): string {
  const white = contrastRatio(background, '#ffffff');
  return white >= 4.5 || white >= contrastRatio(background, '#000000') ? '#ffffff' : '#000000';
}
