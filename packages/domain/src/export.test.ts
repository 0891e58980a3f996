import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocumentExport } from './clause';
import { escapeMarkdown, toDocumentExport, toMarkdown } from './export';
import { readClauses, readOutline } from './read';
import { CONTENT_FRAGMENT } from './schemaNames';
import { CORP, GEM, HURD, PARTIES, sampleAgreementYDoc, yClause, ySection } from './testFixtures';

const info = { id: 'd1', kind: 'agreement' as const, title: 'Prestatieafspraken 2027' };

describe('toDocumentExport', () => {
  it('has the contract shape, with due only where set', () => {
    const body = toDocumentExport(info, readClauses(sampleAgreementYDoc()));
    expect(DocumentExport.parse(body)).toEqual(body);
    expect(body.document).toEqual(info);
    expect(body.clauses[0]).toEqual({
      id: 'c1',
      number: 'B-01',
      theme: 'beschikbaarheid',
      text: 'De corporatie bouwt 120 sociale huurwoningen.\nZe zijn in 2028 klaar.',
      owner: CORP,
      counterparts: [
        { party: GEM, commitment: 'Levert grond tegen een sociale grondprijs.', due: '2026-07-01' },
        { party: HURD, commitment: 'Denkt mee over het ontwerp.' },
      ],
      status: 'proposed',
    });
    expect(Object.keys(body.clauses[1]!).sort()).toEqual([
      'counterparts',
      'id',
      'number',
      'owner',
      'status',
      'text',
      'theme',
    ]);
    expect(body.clauses.map((c) => c.number)).toEqual(['B-01', 'B-02', 'H-01', 'K-01']);
  });
});

describe('toMarkdown', () => {
  const md = toMarkdown(info.title, readOutline(sampleAgreementYDoc()), { parties: PARTIES });

  it('has the title, a section per theme and numbered clauses with owner and status', () => {
    expect(md.startsWith('# Prestatieafspraken 2027\n\n## Beschikbaarheid\n')).toBe(true);
    expect(md).toContain('### B-01 · Woonstede · Voorgesteld');
    expect(md).toContain('### B-02 · Gemeente Voorbeeldstad · Concept');
    expect(md).toContain('### H-01 · Woonstede · Akkoord');
    expect(md).toContain('### K-01 · Woonstede · Ingetrokken');
    expect(md.indexOf('## Betaalbaarheid')).toBeLessThan(md.indexOf('### H-01'));
  });

  it('lists counterparts with party names and due dates, and says when there are none', () => {
    expect(md).toContain(
      '- **Gemeente Voorbeeldstad** (uiterlijk 2026-07-01): Levert grond tegen een sociale grondprijs.',
    );
    expect(md).toContain('- **Huurdersvereniging**: Denkt mee over het ontwerp.');
    expect(md).toContain('_Nog geen tegenprestatie._');
    expect(md).toMatch(/## Duurzaamheid\n\n_Nog geen afspraken\._/);
  });

  it('keeps paragraphs apart and ends with one newline', () => {
    expect(md).toContain('De corporatie bouwt 120 sociale huurwoningen.\n\nZe zijn in 2028 klaar.');
    expect(md.endsWith('\n')).toBe(true);
    expect(md.endsWith('\n\n')).toBe(false);
  });

  it('writes English labels on request', () => {
    const en = toMarkdown('Agreements', readOutline(sampleAgreementYDoc()), {
      parties: PARTIES,
      lang: 'en',
    });
    expect(en).toContain('### B-02 · Gemeente Voorbeeldstad · Draft');
    expect(en).toContain('(by 2026-07-01)');
    expect(en).toContain('_No counterpart commitment yet._');
  });

  it('shows unknown and missing parties, and clauses outside any section', () => {
    const doc = new Y.Doc();
    doc.getXmlFragment(CONTENT_FRAGMENT).insert(0, [
      ySection('leefbaarheid', 'Leefbaarheid', [
        yClause({
          id: 'x',
          owner: 'p-gone',
          text: ['Tekst'],
          counterparts: [{ text: ['Iets'] }],
        }),
      ]),
      yClause({ id: 'y', text: [] }),
    ]);
    const out = toMarkdown('T', readOutline(doc), { parties: PARTIES });
    expect(out).toContain('### L-01 · p-gone · Concept');
    expect(out).toContain('- **partij nog niet gekozen**: Iets');
    expect(out).toContain(
      '## Overige afspraken\n\n### ?-01 · geen eigenaar · Concept\n\n_(geen tekst)_',
    );
  });

  it('escapes Markdown and HTML in user text', () => {
    expect(escapeMarkdown('# kop')).toBe('\\# kop');
    expect(escapeMarkdown('<script>*x*</script>')).toBe('\\<script\\>\\*x\\*\\</script\\>');
    expect(escapeMarkdown('1. punt')).toBe('\\1. punt');
    expect(escapeMarkdown('- lijst')).toBe('\\- lijst');
    expect(escapeMarkdown('gewoon 3.5% [link](x)')).toBe('gewoon 3.5% \\[link\\](x)');
  });
});
