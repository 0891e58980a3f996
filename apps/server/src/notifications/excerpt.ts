/** Longest excerpt a notification keeps, in characters (code points). */
export const EXCERPT_MAX = 200;

// Bidi overrides/isolates, the BOM and lone surrogates: nothing a reader should see, and
// direction controls could make a mail line read differently from what was written.
const INVISIBLE = /[\p{Cs}\u202A-\u202E\u2066-\u2069\uFEFF]/gu;
/** Control characters: the whitespace ones (tab, line breaks) become spaces, the rest go. */
const CONTROL = /\p{Cc}/gu;
const controlToSpace = (c: string) => (/\s/.test(c) ? ' ' : '');

/**
 * Plain, short, single-line text for the inbox and e-mail: whitespace collapsed, invisible and
 * direction-changing characters removed, cut at `max` characters with an ellipsis. Never HTML:
 * whoever renders it as HTML escapes it.
 */
export function plainExcerpt(text: string, max = EXCERPT_MAX): string {
  const flat = text
    .replace(CONTROL, controlToSpace)
    .replace(INVISIBLE, '')
    .replace(/\s+/gu, ' ')
    .trim();
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  return (
    chars
      .slice(0, max - 1)
      .join('')
      .trimEnd() + '…'
  );
}

/** One line for a header (subject) or a name in running text: no line breaks, bounded length. */
export function oneLine(text: string, max = 120): string {
  return plainExcerpt(text, max);
}
