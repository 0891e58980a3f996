import PDFDocument from 'pdfkit';

/**
 * The minutes as a PDF (MIN-3), drawn from their Markdown: headings, bullets (nested by
 * indentation), paragraphs, **bold** and ~~struck~~ words. Only that subset: the minutes are
 * generated in it, and an amended text outside it still prints, as plain text.
 *
 * Standard Helvetica needs no font files; it covers Dutch diacritics (WinAnsi). Characters
 * outside WinAnsi are replaced so a stray symbol cannot garble the line.
 */

export interface PdfOptions {
  title: string;
  /**
   * Compressed content streams. Default off: minutes are a few pages of text (tens of KB
   * either way), and plain streams let anyone (and the tests) search the file's text.
   */
  compress?: boolean;
}

interface Span {
  text: string;
  bold: boolean;
  strike: boolean;
}

// WinAnsi beyond Latin-1: the printable characters of 0x80–0x9F.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACE: Record<string, string> = { '→': '->', '←': '<-', '≥': '>=', '≤': '<=' };

export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch))
      out += ch;
    else if (ch === '\t') out += ' ';
    else out += REPLACE[ch] ?? '?';
  }
  return out;
}

/** Splits a line into spans at ** and ~~ markers; backslash escapes print the character. */
export function spans(line: string): Span[] {
  const out: Span[] = [];
  let bold = false;
  let strike = false;
  let buf = '';
  const flush = () => {
    if (buf !== '') out.push({ text: buf, bold, strike });
    buf = '';
  };
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && i + 1 < line.length && /[!-/:-@[-`{-~]/.test(line[i + 1]!)) {
      buf += line[++i];
    } else if (ch === '*' && line[i + 1] === '*') {
      flush();
      bold = !bold;
      i++;
    } else if (ch === '~' && line[i + 1] === '~') {
      flush();
      strike = !strike;
      i++;
    } else if (ch === '_' && (i === 0 || i === line.length - 1)) {
      // `_emphasis_` around a whole line (our "nothing here" notes): printed plainly.
    } else buf += ch;
  }
  flush();
  return out;
}

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const HEADING_SIZE: Record<number, number> = { 1: 18, 2: 14, 3: 12 };

export function minutesPdf(markdown: string, opts: PdfOptions): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: opts.compress ?? false,
    info: { Title: toWinAnsi(opts.title), Creator: 'Akkoord' },
    lang: 'nl-NL',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;

  const write = (line: string, size: number, x: number, width: number, baseBold = false) => {
    const parts = spans(line);
    if (parts.length === 0) return;
    doc.fontSize(size);
    parts.forEach((s, i) => {
      doc.font(s.bold || baseBold ? BOLD : FONT);
      const last = i === parts.length - 1;
      if (i === 0)
        doc.text(toWinAnsi(s.text), x, doc.y, { width, continued: !last, strike: s.strike });
      else doc.text(toWinAnsi(s.text), { continued: !last, strike: s.strike });
    });
  };

  const fullWidth = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  for (const raw of markdown.split('\n')) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(raw);
    const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(raw);
    if (raw.trim() === '') doc.moveDown(0.4);
    else if (heading) {
      const level = heading[1]!.length;
      doc.moveDown(level === 1 ? 0 : 0.5);
      write(heading[2]!, HEADING_SIZE[level] ?? 11, left, fullWidth, true);
      doc.moveDown(0.2);
    } else if (bullet) {
      const depth = Math.floor(bullet[1]!.length / 2);
      const x = left + 14 * depth;
      const y = doc.y;
      doc.font(FONT).fontSize(11).text('•', x, y, { lineBreak: false });
      doc.y = y;
      write(bullet[2]!, 11, x + 12, fullWidth - 14 * depth - 12);
    } else write(raw.trim(), 11, left, fullWidth);
  }
  doc.end();
  return done;
}
