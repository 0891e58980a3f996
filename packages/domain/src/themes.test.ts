import { describe, expect, it } from 'vitest';
import { isThemeId, THEME_IDS, THEMES, ThemeId, themeInfo, themesOf } from './themes';

describe('themes', () => {
  it('lists the nine agreement themes and seven process themes in order', () => {
    expect(themesOf('agreement').map((t) => t.id)).toEqual([
      'beschikbaarheid',
      'betaalbaarheid',
      'duurzaamheid',
      'kwaliteit',
      'leefbaarheid',
      'wonen-en-zorg',
      'aandachtsgroepen',
      'huurdersparticipatie',
      'financiele-afspraken',
    ]);
    expect(themesOf('process').map((t) => t.id)).toEqual([
      'verwachtingen',
      'vergaderafspraken',
      'besluitvorming',
      'reikwijdte',
      'procesbegeleiding',
      'voortgang',
      'kalender',
    ]);
    expect(THEMES.map((t) => t.id)).toEqual([...THEME_IDS]);
  });

  it('gives every theme a unique code, and labels and guidance in both languages', () => {
    const codes = THEMES.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(themeInfo('beschikbaarheid').code).toBe('B');
    for (const t of THEMES) {
      expect(t.code).toMatch(/^[A-Z]{1,2}$/);
      for (const lang of ['nl', 'en'] as const) {
        expect(t.label[lang].length).toBeGreaterThan(3);
        expect(t.guidance[lang].length).toBeGreaterThan(40);
        // Short guidance: at most three or four plain sentences.
        expect(t.guidance[lang].length).toBeLessThan(260);
      }
    }
  });

  it('has the statutory dates in the calendar guidance', () => {
    const nl = themeInfo('kalender').guidance.nl;
    expect(nl).toContain('1 juli');
    expect(nl).toContain('bod');
    expect(nl).toContain('15 december');
    expect(themeInfo('kalender').guidance.en).toMatch(/1 July.*15 December/);
  });

  it('validates theme ids', () => {
    expect(isThemeId('duurzaamheid')).toBe(true);
    expect(isThemeId('middenhuur')).toBe(false);
    expect(isThemeId(3)).toBe(false);
    expect(ThemeId.safeParse('kalender').success).toBe(true);
  });
});
