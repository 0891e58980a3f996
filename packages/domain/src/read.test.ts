import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Clause } from './clause';
import { readClauses, readClausesFromJSON, readOutline, readOutlineFromJSON } from './read';
import { CONTENT_FRAGMENT, NODE } from './schemaNames';
import {
  CORP,
  GEM,
  HURD,
  sampleAgreementJSON,
  sampleAgreementYDoc,
  yClause,
  yParagraph,
  ySection,
} from './testFixtures';
import { fragmentToDoc, readClausesFromDoc, writeJSON } from './tiptap';

const EXPECTED = [
  {
    id: 'c1',
    number: 'B-01',
    theme: 'beschikbaarheid',
    text: 'De corporatie bouwt 120 sociale huurwoningen.\nZe zijn in 2028 klaar.',
    owner: CORP,
    counterparts: [
      { party: GEM, commitment: 'Levert grond tegen een sociale grondprijs.', due: '2026-07-01' },
      { party: HURD, commitment: 'Denkt mee over het ontwerp.', due: null },
    ],
    status: 'proposed',
  },
  {
    id: 'c2',
    number: 'B-02',
    theme: 'beschikbaarheid',
    text: 'De gemeente versnelt de vergunningen.',
    owner: GEM,
    counterparts: [],
    status: 'draft',
  },
  {
    id: 'c3',
    number: 'H-01',
    theme: 'betaalbaarheid',
    text: 'De huur stijgt niet meer dan de inflatie.',
    owner: CORP,
    counterparts: [
      { party: HURD, commitment: 'Legt de afspraak uit aan de achterban.', due: null },
    ],
    status: 'agreed',
  },
  {
    id: 'c4',
    number: 'K-01',
    theme: 'kwaliteit',
    text: 'Oude afspraak.',
    owner: CORP,
    counterparts: [],
    status: 'withdrawn',
  },
];

describe('readClauses (Y.Doc → plain data)', () => {
  it('reads numbers, owners, counterparts and plain text from bare Y.XmlElements', () => {
    const doc = sampleAgreementYDoc();
    const clauses = readClauses(doc);
    expect(clauses).toEqual(EXPECTED);
    for (const c of clauses) expect(Clause.parse(c)).toEqual(c);
  });

  it('reads the same from a Y.XmlFragment as from its Y.Doc', () => {
    const doc = sampleAgreementYDoc();
    expect(readClauses(doc.getXmlFragment(CONTENT_FRAGMENT))).toEqual(readClauses(doc));
  });

  it('gives the same result for content written through the schema (JSON → Yjs)', () => {
    const doc = new Y.Doc();
    writeJSON(sampleAgreementJSON(), doc);
    expect(readClauses(doc)).toEqual(EXPECTED);
    // And what y-prosemirror reads back is valid for the schema.
    expect(() => fragmentToDoc(doc).check()).not.toThrow();
    expect(readClausesFromDoc(fragmentToDoc(doc))).toEqual(EXPECTED);
  });

  it('reads ProseMirror JSON the same way', () => {
    expect(readClausesFromJSON(sampleAgreementJSON())).toEqual(EXPECTED);
  });

  it('hand-built Y content is valid for the schema', () => {
    expect(() => fragmentToDoc(sampleAgreementYDoc()).check()).not.toThrow();
  });

  it('gives an outline with title, sections in order and their clauses', () => {
    const outline = readOutline(sampleAgreementYDoc());
    expect(outline.title).toBe('Prestatieafspraken');
    expect(outline.sections.map((s) => [s.theme, s.title, s.clauses.map((c) => c.number)])).toEqual(
      [
        ['beschikbaarheid', 'Beschikbaarheid', ['B-01', 'B-02']],
        ['betaalbaarheid', 'Betaalbaarheid', ['H-01']],
        ['duurzaamheid', 'Duurzaamheid', []],
        ['kwaliteit', 'Kwaliteit', ['K-01']],
      ],
    );
    expect(outline.sections[0]!.guidance).toBe('Uitleg.');
    expect(
      readOutlineFromJSON(sampleAgreementJSON()).sections.map((s) => s.clauses.length),
    ).toEqual([2, 1, 0, 1]);
  });

  it('numbers on across two sections of the same theme, and counts withdrawn clauses', () => {
    const doc = new Y.Doc();
    doc
      .getXmlFragment(CONTENT_FRAGMENT)
      .insert(0, [
        ySection('beschikbaarheid', 'Deel 1', [
          yClause({ id: 'a', status: 'withdrawn', text: ['x'] }),
          yClause({ id: 'b', text: ['y'] }),
        ]),
        ySection('leefbaarheid', 'L', [yClause({ id: 'c', text: ['z'] })]),
        ySection('beschikbaarheid', 'Deel 2', [yClause({ id: 'd', text: ['w'] })]),
      ]);
    expect(readClauses(doc).map((c) => [c.id, c.number])).toEqual([
      ['a', 'B-01'],
      ['b', 'B-02'],
      ['c', 'L-01'],
      ['d', 'B-03'],
    ]);
  });

  it('pads to two digits and grows past 99', () => {
    const doc = new Y.Doc();
    const clauses = Array.from({ length: 101 }, (_, i) =>
      yClause({ id: `c${i}`, text: [`t${i}`] }),
    );
    doc.getXmlFragment(CONTENT_FRAGMENT).insert(0, [ySection('kalender', 'Kalender', clauses)]);
    const numbers = readClauses(doc).map((c) => c.number);
    expect(numbers[0]).toBe('PK-01');
    expect(numbers[9]).toBe('PK-10');
    expect(numbers[100]).toBe('PK-101');
  });

  it('falls back to defaults for missing or invalid attributes', () => {
    const doc = new Y.Doc();
    const bad = yClause({
      status: 'bogus',
      owner: '  ',
      text: ['Tekst'],
      counterparts: [{ due: '2026-02-30', text: [''] }],
    });
    doc.getXmlFragment(CONTENT_FRAGMENT).insert(0, [ySection('duurzaamheid', 'D', [bad])]);
    const [c] = readClauses(doc);
    expect(c).toEqual({
      id: 'nr:D-01',
      number: 'D-01',
      theme: 'duurzaamheid',
      text: 'Tekst',
      owner: null,
      counterparts: [{ party: null, commitment: '', due: null }],
      status: 'draft',
    });
  });

  it('numbers clauses outside a known theme section with "?"', () => {
    const doc = new Y.Doc();
    doc
      .getXmlFragment(CONTENT_FRAGMENT)
      .insert(0, [
        yClause({ id: 'loose', text: ['los'] }),
        ySection('no-such-theme', 'Raar', [yClause({ id: 'odd', text: ['vreemd'] })]),
      ]);
    const outline = readOutline(doc);
    expect(outline.clauses.map((c) => [c.id, c.theme, c.number])).toEqual([
      ['loose', null, '?-01'],
      ['odd', null, '?-02'],
    ]);
    expect(outline.sections).toHaveLength(1);
    expect(outline.sections[0]!.clauses.map((c) => c.id)).toEqual(['odd']);
  });

  it('turns formatting, hard breaks and empty paragraphs into plain text', () => {
    const doc = new Y.Doc();
    const p = new Y.XmlElement(NODE.paragraph);
    const t1 = new Y.XmlText();
    t1.insert(0, 'Vet');
    t1.format(0, 3, { bold: true });
    t1.insert(3, ' en gewoon');
    const br = new Y.XmlElement(NODE.hardBreak);
    const t2 = new Y.XmlText();
    t2.insert(0, 'tweede regel');
    p.insert(0, [t1, br, t2]);
    const clauseText = new Y.XmlElement(NODE.clauseText);
    clauseText.insert(0, [p, yParagraph(''), yParagraph('Derde')]);
    const clause = new Y.XmlElement(NODE.clause);
    clause.setAttribute('id', 'f');
    clause.insert(0, [clauseText]);
    doc.getXmlFragment(CONTENT_FRAGMENT).insert(0, [ySection('kwaliteit', 'K', [clause])]);
    expect(readClauses(doc)[0]!.text).toBe('Vet en gewoon\ntweede regel\nDerde');
  });

  it('follows live edits of a shared document', () => {
    const doc = sampleAgreementYDoc();
    const section = doc.getXmlFragment(CONTENT_FRAGMENT).get(3) as Y.XmlElement;
    const c3 = section.get(2) as Y.XmlElement;
    c3.setAttribute('owner', GEM);
    section.insert(2, [yClause({ id: 'new', owner: HURD, text: ['Nieuw'] })]);
    const clauses = readClauses(doc);
    expect(clauses.find((c) => c.id === 'new')!.number).toBe('H-01');
    expect(clauses.find((c) => c.id === 'c3')).toMatchObject({ number: 'H-02', owner: GEM });
  });
});
