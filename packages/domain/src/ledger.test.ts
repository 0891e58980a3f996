import { describe, expect, it } from 'vitest';
import type { Clause, ClauseStatus, Counterpart } from './clause';
import { clausesWithWarnings, computeLedger, type LedgerWarning } from './ledger';
import { readClauses } from './read';
import { CORP, GEM, HURD, PARTIES, sampleAgreementYDoc } from './testFixtures';
import type { ThemeId } from './themes';

const parties = PARTIES.map((p) => ({ id: p.id, name: p.name }));
let seq = 0;

function clause(
  owner: string | null,
  counterparts: [string | null, string?][] = [],
  opts: { theme?: ThemeId | null; status?: ClauseStatus; id?: string } = {},
): Clause {
  seq += 1;
  return {
    id: opts.id ?? `c${seq}`,
    number: `X-${seq}`,
    theme: opts.theme === undefined ? 'beschikbaarheid' : opts.theme,
    text: 'tekst',
    owner,
    counterparts: counterparts.map(([party, commitment = 'doet iets']): Counterpart => ({
      party,
      commitment,
      due: null,
    })),
    status: opts.status ?? 'draft',
  };
}

const kinds = (ws: LedgerWarning[]) => ws.map((w) => w.kind);
const party = (l: ReturnType<typeof computeLedger>, id: string) =>
  l.parties.find((p) => p.partyId === id)!;

describe('computeLedger: gives and receives', () => {
  it('counts an owned clause with counterparts as an exchange both ways', () => {
    const c = clause(CORP, [[GEM], [HURD]], { id: 'k' });
    const l = computeLedger([c], parties);
    expect(party(l, CORP)).toMatchObject({
      owns: 1,
      contributes: 0,
      gives: 1,
      receives: 2,
      balance: -1,
      ownedClauseIds: ['k'],
      receivedClauseIds: ['k'],
    });
    expect(party(l, GEM)).toMatchObject({
      owns: 0,
      contributes: 1,
      gives: 1,
      receives: 1,
      balance: 0,
      contributedClauseIds: ['k'],
    });
    expect(party(l, HURD)).toMatchObject({ gives: 1, receives: 1 });
    expect(l.matrix).toEqual({
      [CORP]: { [CORP]: 0, [GEM]: 1, [HURD]: 1 },
      [GEM]: { [CORP]: 1, [GEM]: 0, [HURD]: 0 },
      [HURD]: { [CORP]: 1, [GEM]: 0, [HURD]: 0 },
    });
    expect(l.warnings).toEqual([]);
  });

  it('makes receives the column totals of the matrix', () => {
    const cs = [
      clause(CORP, [[GEM], [HURD]]),
      clause(GEM, [[CORP]]),
      clause(HURD, [[GEM], [GEM, 'tweede bijdrage']]),
      clause(CORP),
    ];
    const l = computeLedger(cs, parties);
    for (const p of l.parties) {
      const column = Object.values(l.matrix).reduce((sum, row) => sum + row[p.partyId]!, 0);
      expect(p.receives).toBe(column);
      expect(p.gives).toBe(p.owns + p.contributes);
      expect(p.balance).toBe(p.gives - p.receives);
    }
  });

  it('counts two counterparts of one party on a clause as two commitments, and the owner’s once for it', () => {
    const l = computeLedger(
      [
        clause(
          HURD,
          [
            [GEM, 'a'],
            [GEM, 'b'],
          ],
          { id: 'two' },
        ),
      ],
      parties,
    );
    expect(party(l, GEM)).toMatchObject({
      contributes: 2,
      gives: 2,
      receives: 1,
      contributedClauseIds: ['two'],
    });
    expect(party(l, HURD)).toMatchObject({ gives: 1, receives: 2 });
    expect(l.matrix[GEM]![HURD]).toBe(2);
    expect(l.matrix[HURD]![GEM]).toBe(1);
  });

  it('treats a clause without counterparts as an open commitment nobody receives', () => {
    const l = computeLedger([clause(CORP, [], { id: 'open' })], parties);
    expect(party(l, CORP)).toMatchObject({ gives: 1, receives: 0, openClauseIds: ['open'] });
    expect(Object.values(l.matrix[CORP]!)).toEqual([0, 0, 0]);
    expect(l.warnings[0]).toMatchObject({
      kind: 'clause-without-counterpart',
      clauseIds: ['open'],
      partyId: CORP,
    });
  });

  it('leaves withdrawn clauses out', () => {
    const l = computeLedger(
      [clause(CORP, [[GEM]], { status: 'withdrawn' }), clause(GEM, [], { status: 'agreed' })],
      parties,
    );
    expect(l.totals).toMatchObject({ clauses: 2, counted: 1, withdrawn: 1 });
    expect(party(l, CORP).gives).toBe(0);
    expect(party(l, GEM).gives).toBe(1);
  });

  it('counts every other status', () => {
    const statuses: ClauseStatus[] = ['draft', 'proposed', 'agreed', 'reopened'];
    const l = computeLedger(
      statuses.map((status) => clause(CORP, [[GEM]], { status })),
      parties,
    );
    expect(party(l, CORP).gives).toBe(4);
    expect(party(l, GEM).receives).toBe(4);
  });

  it('keeps the parties in the order given, with empty rows for uninvolved parties', () => {
    const l = computeLedger([], [...parties].reverse());
    expect(l.parties.map((p) => p.partyId)).toEqual([HURD, GEM, CORP]);
    expect(l.parties.every((p) => p.gives === 0 && p.receives === 0)).toBe(true);
    expect(l.themes).toEqual([]);
    expect(l.warnings).toEqual([]);
  });
});

describe('computeLedger: per theme', () => {
  it('breaks down clauses and give/get per theme, in theme order, unthemed last', () => {
    const cs = [
      clause(CORP, [[GEM]], { theme: 'duurzaamheid', id: 'd1' }),
      clause(null, [], { theme: null, id: 'x1' }),
      clause(GEM, [], { theme: 'beschikbaarheid', id: 'b1' }),
      clause(CORP, [[HURD]], { theme: 'duurzaamheid', id: 'd2' }),
    ];
    const l = computeLedger(cs, parties);
    expect(l.themes.map((t) => [t.theme, t.clauses, t.withoutCounterpart, t.clauseIds])).toEqual([
      ['beschikbaarheid', 1, 1, ['b1']],
      ['duurzaamheid', 2, 0, ['d1', 'd2']],
      [null, 1, 1, ['x1']],
    ]);
    const d = l.themes[1]!;
    expect(d.parties[CORP]).toEqual({ gives: 2, receives: 2 });
    expect(d.parties[GEM]).toEqual({ gives: 1, receives: 1 });
    expect(d.parties[HURD]).toEqual({ gives: 1, receives: 1 });
    expect(l.themes[0]!.parties[GEM]).toEqual({ gives: 1, receives: 0 });
  });
});

describe('computeLedger: warnings', () => {
  it('warns about a clause without counterpart and without owner, pointing at the clause', () => {
    const l = computeLedger([clause(null, [], { id: 'orphan' })], parties);
    expect(
      l.warnings.filter((w) => w.clauseIds.includes('orphan')).map((w) => [w.kind, w.partyId]),
    ).toEqual([
      ['clause-without-owner', null],
      ['clause-without-counterpart', null],
    ]);
    expect(l.totals).toMatchObject({ withoutOwner: 1, withoutCounterpart: 1 });
  });

  it('does not count blank, party-less or owner counterparts, and says why', () => {
    const c = clause(CORP, [[null], [GEM, '   '], [CORP, 'zelf']], { id: 'weak' });
    const l = computeLedger([c], parties);
    expect(l.warnings.filter((w) => w.clauseIds[0] === 'weak').map((w) => w.kind)).toEqual([
      'incomplete-counterpart',
      'incomplete-counterpart',
      'counterpart-by-owner',
      'clause-without-counterpart',
    ]);
    const incomplete = l.warnings.filter((w) => w.kind === 'incomplete-counterpart');
    expect(
      incomplete.map((w) => (w.kind === 'incomplete-counterpart' ? [w.reason, w.partyId] : null)),
    ).toEqual([
      ['no-party', null],
      ['no-text', GEM],
    ]);
    expect(party(l, GEM).gives).toBe(0);
    expect(party(l, CORP)).toMatchObject({ gives: 1, receives: 0, contributes: 0 });
  });

  it('warns once per unknown party id, listing its clauses, and ignores it in the figures', () => {
    const cs = [
      clause('p-gone', [[GEM]], { id: 'u1' }),
      clause(CORP, [['p-gone'], [HURD]], { id: 'u2' }),
    ];
    const l = computeLedger(cs, parties);
    const unknown = l.warnings.filter((w) => w.kind === 'unknown-party');
    expect(unknown).toEqual([
      {
        kind: 'unknown-party',
        partyId: 'p-gone',
        clauseIds: ['u1', 'u2'],
        key: 'unknown-party:p-gone:u1',
      },
    ]);
    expect(l.matrix['p-gone']).toBeUndefined();
    // GEM's counterpart on u1 is a commitment, but there is no known owner to receive it.
    expect(party(l, GEM)).toMatchObject({ gives: 1, receives: 0 });
    expect(party(l, CORP)).toMatchObject({ gives: 1, receives: 1 });
  });

  it('warns about parties with no commitments once there is a clause', () => {
    expect(kinds(computeLedger([], parties).warnings)).toEqual([]);
    const l = computeLedger([clause(CORP, [[GEM]])], parties);
    expect(l.warnings).toEqual([
      {
        kind: 'party-without-commitments',
        partyId: HURD,
        clauseIds: [],
        key: `party-without-commitments:${HURD}:`,
      },
    ]);
  });

  it('flags a wish list: the corporation gives much more than it gets', () => {
    const cs = [
      clause(CORP, [], { id: 'w1' }),
      clause(CORP, [], { id: 'w2' }),
      clause(CORP, [[GEM]], { id: 'w3' }),
      clause(CORP, [], { id: 'w4' }),
    ];
    const l = computeLedger(cs, parties);
    const lop = l.warnings.filter((w) => w.kind === 'lopsided');
    expect(lop).toEqual([
      {
        kind: 'lopsided',
        direction: 'gives-more',
        partyId: CORP,
        gives: 4,
        receives: 1,
        ratio: 4,
        clauseIds: ['w1', 'w2', 'w4'],
        key: `lopsided:${CORP}:gives-more`,
      },
    ]);
    expect(kinds(l.warnings)).toEqual([
      'clause-without-counterpart',
      'clause-without-counterpart',
      'clause-without-counterpart',
      // Party-level warnings in party order: CORP before HURD.
      'lopsided',
      'party-without-commitments',
    ]);
    expect(l.warnings.find((w) => w.kind === 'party-without-commitments')!.partyId).toBe(HURD);
  });

  it('flags a party that receives much more than it gives', () => {
    const l = computeLedger(
      [clause(GEM, [[CORP], [HURD], [HURD, 'nog iets']], { id: 'r1' })],
      parties,
      { lopsidedRatio: 2 },
    );
    const lop = l.warnings.find((w) => w.kind === 'lopsided');
    expect(lop).toMatchObject({
      direction: 'receives-more',
      partyId: GEM,
      gives: 1,
      receives: 3,
      ratio: 3,
      clauseIds: ['r1'],
    });
  });

  it('makes the ratio configurable and reports a null ratio when nothing comes back', () => {
    const cs = [clause(CORP, [[GEM]]), clause(CORP, [[GEM]]), clause(CORP), clause(CORP)];
    // CORP gives 4, receives 2: ratio 2.
    expect(
      computeLedger(cs, parties, { lopsidedRatio: 2 }).warnings.some((w) => w.kind === 'lopsided'),
    ).toBe(false);
    expect(
      computeLedger(cs, parties, { lopsidedRatio: 1.5 }).warnings.find(
        (w) => w.kind === 'lopsided',
      ),
    ).toMatchObject({ partyId: CORP, ratio: 2 });
    const none = computeLedger([clause(CORP), clause(CORP), clause(CORP)], parties);
    expect(none.warnings.find((w) => w.kind === 'lopsided')).toMatchObject({
      partyId: CORP,
      gives: 3,
      receives: 0,
      ratio: null,
    });
  });

  it('judges balance only from a minimum number of commitments', () => {
    const two = [clause(CORP), clause(CORP)];
    expect(computeLedger(two, parties).warnings.some((w) => w.kind === 'lopsided')).toBe(false);
    expect(
      computeLedger(two, parties, { minCommitmentsForBalance: 2 }).warnings.some(
        (w) => w.kind === 'lopsided',
      ),
    ).toBe(true);
  });

  it('sees a balanced deal as balanced', () => {
    const cs = [
      clause(CORP, [[GEM], [HURD]]),
      clause(GEM, [[CORP]]),
      clause(HURD, [[CORP], [GEM]]),
    ];
    const l = computeLedger(cs, parties);
    expect(l.warnings).toEqual([]);
    expect(l.parties.map((p) => [p.gives, p.receives])).toEqual([
      [3, 4],
      [3, 3],
      [2, 3],
    ]);
  });

  it('refuses a nonsensical threshold', () => {
    expect(() => computeLedger([], parties, { lopsidedRatio: 0.5 })).toThrow(RangeError);
    expect(() => computeLedger([], parties, { lopsidedRatio: Number.NaN })).toThrow(RangeError);
    expect(() => computeLedger([], parties, { minCommitmentsForBalance: 0 })).toThrow(RangeError);
  });

  it('gives every warning a unique key and lists warned clauses', () => {
    const l = computeLedger([clause(CORP, [[null], [null]], { id: 'dup' })], parties);
    const keys = l.warnings.map((w) => w.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('incomplete-counterpart:no-party::dup#2');
    expect([...clausesWithWarnings(l.warnings)]).toEqual(['dup']);
  });
});

describe('computeLedger on a document read from Yjs', () => {
  it('gives the expected balance for the sample agreement', () => {
    const l = computeLedger(readClauses(sampleAgreementYDoc()), parties);
    // c1 CORP ← GEM, HURD; c2 GEM (open); c3 CORP ← HURD; c4 withdrawn.
    expect(l.parties.map((p) => [p.partyId, p.gives, p.receives])).toEqual([
      [CORP, 2, 3],
      [GEM, 2, 1],
      [HURD, 2, 2],
    ]);
    expect(l.warnings.map((w) => [w.kind, w.clauseIds])).toEqual([
      ['clause-without-counterpart', ['c2']],
    ]);
    expect(l.matrix[HURD]![CORP]).toBe(2);
  });
});
