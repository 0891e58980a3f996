import { describe, expect, it } from 'vitest';
import { minutesPdf, spans, toWinAnsi } from './minutesPdf';
import { safeFileName } from './MinutesService';

describe('minutes PDF', () => {
  it('MIN-3 splits a Markdown line into bold and struck runs; escapes print as written', () => {
    expect(spans('a **b** ~~c~~ \\*d\\*')).toEqual([
      { text: 'a ', bold: false, strike: false },
      { text: 'b', bold: true, strike: false },
      { text: ' ', bold: false, strike: false },
      { text: 'c', bold: false, strike: true },
      { text: ' *d*', bold: false, strike: false },
    ]);
  });

  it('MIN-3 keeps Dutch diacritics and WinAnsi punctuation, replaces what Helvetica lacks', () => {
    expect(toWinAnsi('Één cliënt — “ja” €5 → 漢')).toBe('Één cliënt — “ja” €5 -> ?');
  });

  it('MIN-3 writes a PDF whose first bytes are %PDF-', async () => {
    const pdf = await minutesPdf('# Verslag\n\n- punt\n  - sub\n\nTekst.', { title: 'x' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
  });

  it('MIN-3 file names are plain ASCII without quotes or paths', () => {
    expect(safeFileName('Overleg "déc" ../../etc/passwd', 'md')).toBe(
      'verslag-overleg-dec-etcpasswd.md',
    );
    expect(safeFileName('***', 'pdf')).toBe('verslag-vergadering.pdf');
  });
});
