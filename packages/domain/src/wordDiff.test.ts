import { describe, expect, it } from 'vitest';
import { applyRuns, diffWords, tokenize, type TextRun } from './wordDiff';

const roundTrips = (a: string, b: string, runs: TextRun[]) => {
  expect(applyRuns(runs, 'before')).toBe(a);
  expect(applyRuns(runs, 'after')).toBe(b);
  for (const r of runs) expect(r.text).not.toBe('');
  for (let i = 1; i < runs.length; i++) expect(runs[i]!.op).not.toBe(runs[i - 1]!.op);
};

function check(a: string, b: string): TextRun[] {
  const runs = diffWords(a, b);
  roundTrips(a, b, runs);
  return runs;
}

describe('tokenize', () => {
  it('keeps Dutch words with diacritics whole, splits whitespace and punctuation', () => {
    expect(tokenize('Eén cliënt, geïnformeerd — café’s!')).toEqual([
      'Eén',
      ' ',
      'cliënt',
      ',',
      ' ',
      'geïnformeerd',
      ' ',
      '—',
      ' ',
      'café',
      '’',
      's',
      '!',
    ]);
  });

  it('keeps a decomposed letter (e + combining acute) in its word', () => {
    expect(tokenize('e\u0301e\u0301n huis')).toEqual(['e\u0301e\u0301n', ' ', 'huis']);
  });

  it('gives no tokens for an empty string', () => {
    expect(tokenize('')).toEqual([]);
  });
});

describe('diffWords', () => {
  it('empty to empty is no runs; equal texts are one same run', () => {
    expect(check('', '')).toEqual([]);
    expect(check('gelijk', 'gelijk')).toEqual([{ op: 'same', text: 'gelijk' }]);
  });

  it('from or to empty is one insertion or one deletion', () => {
    expect(check('', 'nieuw tekst')).toEqual([{ op: 'ins', text: 'nieuw tekst' }]);
    expect(check('oude tekst', '')).toEqual([{ op: 'del', text: 'oude tekst' }]);
  });

  it('marks a changed number in a sentence as one word replaced', () => {
    expect(
      check(
        'De corporatie bouwt 120 sociale huurwoningen.',
        'De corporatie bouwt 150 sociale huurwoningen.',
      ),
    ).toEqual([
      { op: 'same', text: 'De corporatie bouwt ' },
      { op: 'del', text: '120' },
      { op: 'ins', text: '150' },
      { op: 'same', text: ' sociale huurwoningen.' },
    ]);
  });

  it('shows an inserted and a deleted word', () => {
    expect(check('De huur stijgt niet.', 'De huur stijgt echt niet.')).toEqual([
      { op: 'same', text: 'De huur stijgt ' },
      { op: 'ins', text: 'echt ' },
      { op: 'same', text: 'niet.' },
    ]);
    expect(check('De huur stijgt echt niet.', 'De huur stijgt niet.')).toEqual([
      { op: 'same', text: 'De huur stijgt ' },
      { op: 'del', text: 'echt ' },
      { op: 'same', text: 'niet.' },
    ]);
  });

  it('treats words with diacritics as words (a changed diacritic replaces the word)', () => {
    expect(check('Wij informeren één cliënt.', 'Wij informeren twee cliënten.')).toEqual([
      { op: 'same', text: 'Wij informeren ' },
      { op: 'del', text: 'één cliënt' },
      { op: 'ins', text: 'twee cliënten' },
      { op: 'same', text: '.' },
    ]);
    expect(check('De huurders zijn geinformeerd.', 'De huurders zijn geïnformeerd.')).toEqual([
      { op: 'same', text: 'De huurders zijn ' },
      { op: 'del', text: 'geinformeerd' },
      { op: 'ins', text: 'geïnformeerd' },
      { op: 'same', text: '.' },
    ]);
  });

  it('reports a whitespace-only change', () => {
    expect(check('twee  spaties', 'twee spaties')).toEqual([
      { op: 'same', text: 'twee' },
      { op: 'del', text: '  ' },
      { op: 'ins', text: ' ' },
      { op: 'same', text: 'spaties' },
    ]);
    expect(check('regel een\nregel twee', 'regel een regel twee')).toEqual([
      { op: 'same', text: 'regel een' },
      { op: 'del', text: '\n' },
      { op: 'ins', text: ' ' },
      { op: 'same', text: 'regel twee' },
    ]);
    expect(check('   ', '')).toEqual([{ op: 'del', text: '   ' }]);
  });

  it('folds whitespace between changed words into one replacement', () => {
    expect(check('de grote rode auto staat', 'het kleine blauwe huis staat')).toEqual([
      { op: 'del', text: 'de grote rode auto' },
      { op: 'ins', text: 'het kleine blauwe huis' },
      { op: 'same', text: ' staat' },
    ]);
  });

  it('finds common words across a reordering', () => {
    const runs = check('a b c d e f', 'a c d b e f');
    expect(runs.filter((r) => r.op === 'same').map((r) => r.text)).toEqual(['a ', 'c d', ' e f']);
  });

  it('round-trips random texts (words, accents, punctuation, whitespace, emoji)', () => {
    const vocab = ['huur', 'één', 'cliënt', ' ', '  ', '\n', ',', '.', 'B-01', '🏠', 'ü', 'x'];
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const text = () => Array.from({ length: rnd(30) }, () => vocab[rnd(vocab.length)]!).join('');
    for (let i = 0; i < 300; i++) check(text(), text());
  });

  it('falls back to one deletion and one insertion past the edit cap, still exact', () => {
    const a = Array.from({ length: 200 }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: 200 }, (_, i) => `b${i}`).join(' ');
    const capped = diffWords(`begin ${a} eind`, `begin ${b} eind`, { maxEdits: 10 });
    roundTrips(`begin ${a} eind`, `begin ${b} eind`, capped);
    expect(capped.map((r) => r.op)).toEqual(['same', 'del', 'ins', 'same']);
  });

  it('handles a long text with a few edits quickly', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `woord${i % 97}`);
    const a = words.join(' ');
    const changed = [...words];
    changed[100] = 'nieuw';
    changed.splice(15_000, 1);
    const b = changed.join(' ');
    const t0 = performance.now();
    const runs = check(a, b);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(runs.filter((r) => r.op !== 'same').map((r) => [r.op, r.text.trim()])).toEqual([
      ['del', 'woord3'],
      ['ins', 'nieuw'],
      ['del', 'woord62'],
    ]);
  });
});
