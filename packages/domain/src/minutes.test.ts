import { describe, expect, it } from 'vitest';
import type { PositionDto } from './facilitation';
import { generateMinutes, inlineText, runsToMarkdown, type MinutesInput } from './minutes';
import { clause, CORP, GEM, HURD, PARTIES } from './testFixtures';

const position = (partyId: string, p: PositionDto['position'], reason = ''): PositionDto => ({
  partyId,
  position: p,
  reason,
  userId: `u-${partyId}`,
  name: 'x',
  at: '2026-12-01T19:40:00.000Z',
});

function input(over: Partial<MinutesInput> = {}): MinutesInput {
  return {
    workspaceTitle: 'Prestatieafspraken Voorbeeldstad 2027',
    parties: PARTIES.map((p) => ({ id: p.id, name: p.name })),
    meeting: {
      id: 'm1',
      title: 'Derde overleg',
      startedAt: '2026-12-01T18:30:00.000Z',
      endedAt: '2026-12-01T20:00:00.000Z',
      items: [
        { title: 'Nieuwbouw', timeboxMinutes: 30, spentSeconds: 35 * 60 },
        { title: 'Huurbeleid', timeboxMinutes: 20, spentSeconds: 61 },
      ],
    },
    attendees: [
      { name: 'Wim', partyId: CORP },
      { name: 'Greet', partyId: GEM },
      { name: 'Fenna', partyId: null },
    ],
    decisions: [
      {
        kind: 'consent',
        target: { kind: 'clause', documentId: 'd1', clauseId: 'c1' },
        clauseNumber: 'B-01',
        outcome: 'not-agreed',
        reason: '',
        positions: [
          position(CORP, 'agree'),
          position(GEM, 'reservation', 'Alleen met subsidie'),
          position(HURD, 'object', 'Te weinig woningen'),
        ],
      },
    ],
    clausesAtStart: [clause('c1'), clause('c2', { number: 'B-02', text: 'Weg ermee.' })],
    clausesAtEnd: [
      clause('c1', { text: 'De corporatie bouwt 150 sociale huurwoningen.', status: 'proposed' }),
      clause('c3', { number: 'B-02', text: 'Nieuw artikel.' }),
    ],
    parking: [
      {
        title: 'Parkeerbeleid',
        note: 'Later',
        scope: 'out-of-scope',
        status: 'open',
        meetingId: 'm1',
      },
      { title: 'Oud punt', note: '', scope: 'unclear', status: 'open', meetingId: 'm0' },
      { title: 'Afgedaan', note: '', scope: 'in-scope', status: 'done', meetingId: 'm0' },
    ],
    actions: [
      {
        description: 'Grondprijs uitzoeken',
        ownerPartyId: GEM,
        ownerName: 'Greet',
        due: '2027-01-15',
      },
      { description: 'Nog niemand', ownerPartyId: null, ownerName: null, due: null },
    ],
    ...over,
  };
}

/** The text between a `## heading` and the next `## ` (or the end). */
function sectionOf(md: string, heading: string): string {
  const start = md.indexOf(`\n## ${heading}\n`);
  expect(start, `section ${heading}`).toBeGreaterThanOrEqual(0);
  const rest = md.slice(start + heading.length + 5);
  const next = rest.indexOf('\n## ');
  return next < 0 ? rest : rest.slice(0, next);
}

describe('generateMinutes', () => {
  it('MIN-1 has every section, in Dutch by default, with title, workspace and times', () => {
    const md = generateMinutes(input());
    expect(md.startsWith('# Verslag: Derde overleg\n')).toBe(true);
    expect(md).toContain('- Werkruimte: Prestatieafspraken Voorbeeldstad 2027');
    // 18:30Z is 19:30 in Amsterdam in December.
    expect(md).toMatch(/- Datum: 1 december 2026.*19:30–21:00/);
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## Aanwezigen',
      '## Agenda',
      '## Besluiten',
      '## Gewijzigde artikelen',
      '## Parkeerplaats',
      '## Actiepunten',
    ]);
  });

  it('MIN-1 can be written in English', () => {
    const md = generateMinutes(input({ lang: 'en' }));
    expect(md.startsWith('# Minutes: Derde overleg\n')).toBe(true);
    expect(md).toContain('## Attendees');
    expect(md).toContain('## Action items');
    expect(md).toContain('  - Huurdersvereniging: objects — Te weinig woningen');
  });

  it('MIN-1 lists attendees per party by name, with the absent party and the others', () => {
    const s = sectionOf(generateMinutes(input()), 'Aanwezigen');
    expect(s).toContain('- **Woonstede**: Wim');
    expect(s).toContain('- **Gemeente Voorbeeldstad**: Greet');
    expect(s).toContain('- **Huurdersvereniging**: _niemand aanwezig_');
    expect(s).toContain('- **Procesbegeleiding en toehoorders**: Fenna');
  });

  it('MIN-1 shows time spent against the timebox per agenda item', () => {
    const s = sectionOf(generateMinutes(input()), 'Agenda');
    expect(s).toContain('- Nieuwbouw (35 van 30 min)');
    expect(s).toContain('- Huurbeleid (2 van 20 min)');
  });

  it('MIN-1 gives decisions with every party’s position and reason', () => {
    const s = sectionOf(generateMinutes(input()), 'Besluiten');
    expect(s).toContain('- **Artikel B-01**: geen akkoord');
    expect(s).toContain('  - Woonstede: akkoord\n');
    expect(s).toContain('  - Gemeente Voorbeeldstad: akkoord met voorbehoud — Alleen met subsidie');
    expect(s).toContain('  - Huurdersvereniging: bezwaar — Te weinig woningen');
  });

  it('MIN-1 names a gate override with its reason', () => {
    const md = generateMinutes(
      input({
        decisions: [
          {
            kind: 'gate-override',
            target: { kind: 'process', documentId: 'd0' },
            clauseNumber: null,
            outcome: 'opened',
            reason: 'Tijdsdruk',
            positions: [],
          },
        ],
      }),
    );
    const s = sectionOf(md, 'Besluiten');
    expect(s).toContain('- **Procesafspraken**: proces-poort geopend');
    expect(s).toContain('  - Toelichting: Tijdsdruk');
  });

  it('MIN-1 shows clause changes as a word diff, and added and removed clauses', () => {
    const s = sectionOf(generateMinutes(input()), 'Gewijzigde artikelen');
    expect(s).toContain('- **B-01** (gewijzigd): De corporatie bouwt ~~120~~ **150** sociale');
    expect(s).toContain('  - status: Concept → Voorgesteld');
    expect(s).toContain('- **B-02** (toegevoegd): Nieuw artikel.');
    expect(s).toContain('- **B-02** (verwijderd): ~~Weg ermee.~~');
  });

  it('MIN-1 parks items raised in this meeting and those still open, not done old ones', () => {
    const s = sectionOf(generateMinutes(input()), 'Parkeerplaats');
    expect(s).toContain('### Ingebracht in deze vergadering');
    expect(s).toContain('- Parkeerbeleid (buiten de afspraken) — Later');
    expect(s).toContain('### Nog open');
    expect(s).toContain('- Oud punt (nog onduidelijk)');
    expect(s).not.toContain('Afgedaan');
  });

  it('MIN-1 lists action items with owner party, person and due date', () => {
    const s = sectionOf(generateMinutes(input()), 'Actiepunten');
    expect(s).toContain(
      '- Grondprijs uitzoeken — **Gemeente Voorbeeldstad, Greet** (vóór 2027-01-15)',
    );
    expect(s).toContain('- Nog niemand — **nog niemand**');
  });

  it('MIN-1 says so when a section is empty', () => {
    const md = generateMinutes(
      input({
        meeting: { ...input().meeting, items: [] },
        attendees: [],
        decisions: [],
        clausesAtEnd: input().clausesAtStart!,
        parking: [],
        actions: [],
      }),
    );
    expect(sectionOf(md, 'Aanwezigen')).toContain('_Geen aanwezigen geregistreerd._');
    expect(sectionOf(md, 'Agenda')).toContain('_Geen agendapunten._');
    expect(sectionOf(md, 'Besluiten')).toContain('_Geen besluiten genomen._');
    expect(sectionOf(md, 'Gewijzigde artikelen')).toContain('_Geen artikelen gewijzigd._');
    expect(sectionOf(md, 'Parkeerplaats')).toContain('_Niets geparkeerd._');
    expect(sectionOf(md, 'Actiepunten')).toContain('_Geen actiepunten._');
  });

  it('MIN-1 says the diff is unavailable when the clauses at the start were not kept', () => {
    const s = sectionOf(generateMinutes(input({ clausesAtStart: null })), 'Gewijzigde artikelen');
    expect(s).toContain('niet bewaard');
  });

  it('MIN-1 escapes Markdown in user text: no headings, links or HTML from a title', () => {
    const evil = 'x\n# Kop\n[klik](https://evil.example) <img src=x> *vet*';
    const md = generateMinutes(
      input({
        meeting: { ...input().meeting, title: evil },
        workspaceTitle: '## Nep',
        actions: [{ description: evil, ownerPartyId: null, ownerName: null, due: null }],
      }),
    );
    const lines = md.split('\n');
    // Only our own headings: one title and the six sections (plus the parking sub-headings).
    expect(lines.filter((l) => l.startsWith('#')).length).toBe(1 + 6 + 2);
    expect(md).not.toContain('[klik](');
    expect(md).toContain('\\[klik\\](https://evil.example)');
    expect(md).not.toMatch(/(^|[^\\])<img/);
    expect(md).toContain('\\*vet\\*');
    expect(md).toContain('- Werkruimte: \\## Nep');
  });
});

describe('runsToMarkdown', () => {
  it('MIN-1 keeps whitespace outside the markers and paragraphs on one line', () => {
    expect(
      runsToMarkdown([
        { op: 'same', text: 'a' },
        { op: 'del', text: ' b\nc ' },
        { op: 'ins', text: ' *d*' },
      ]),
    ).toBe('a ~~b / c~~  **\\*d\\***');
  });

  it('inlineText flattens newlines', () => {
    expect(inlineText(' a\n\n# b ')).toBe('a # b');
  });
});
