import { describe, expect, it } from 'vitest';
import { EXCERPT_MAX, plainExcerpt } from './excerpt';

describe('plainExcerpt', () => {
  it('collapses whitespace and line breaks into one line', () => {
    expect(plainExcerpt('  Eerste regel\n\n\tTweede   regel \r\n')).toBe(
      'Eerste regel Tweede regel',
    );
  });

  it('NOTE-8 removes control and bidi-override characters', () => {
    expect(plainExcerpt('a\u0000b\u0007c\u202Ed\u2066e\uFEFFf\u009Bg')).toBe('abcdefg');
    expect(plainExcerpt('x\uD800y')).toBe('xy');
  });

  it('keeps markup as text (escaping is the renderer’s job)', () => {
    expect(plainExcerpt('<script>alert(1)</script> & co')).toBe('<script>alert(1)</script> & co');
  });

  it('NOTE-8 cuts long text at the limit on a code-point boundary, with an ellipsis', () => {
    const long = '😀'.repeat(EXCERPT_MAX + 10);
    const out = plainExcerpt(long);
    expect(Array.from(out)).toHaveLength(EXCERPT_MAX);
    expect(out.endsWith('…')).toBe(true);
    expect(out).not.toMatch(/\p{Cs}/u);
    expect(plainExcerpt('a'.repeat(EXCERPT_MAX))).toBe('a'.repeat(EXCERPT_MAX));
  });
});
