import { describe, expect, it } from 'vitest';
import { ChangesResponse, ClauseChange, diffClauses, diffCounterparts } from './changes';
import type { Counterpart } from './clause';
import { readClauses } from './read';
import { clause, CORP, GEM, HURD, sampleAgreementYDoc } from './testFixtures';

const cp = (party: string | null, commitment = '', due: string | null = null): Counterpart => ({
  party,
  commitment,
  due,
});

const summary = (changes: ClauseChange[]) => changes.map((c) => [c.kind, c.clauseId]);

describe('diffClauses', () => {
  it('finds nothing between equal lists, nor for a number or position that only shifted', () => {
    const a = [clause('c1'), clause('c2', { number: 'B-02' })];
    expect(diffClauses(a, a)).toEqual([]);
    const moved = [clause('c2', { number: 'B-01' }), clause('c1', { number: 'B-02' })];
    expect(diffClauses(a, moved)).toEqual([]);
  });

  it('lists an added clause with its content, in the new order', () => {
    const before = [clause('c1')];
    const added = clause('c0', { number: 'B-01', text: 'Nieuw.' });
    const after = [added, clause('c1', { number: 'B-02' })];
    expect(diffClauses(before, after)).toEqual([
      { kind: 'added', clauseId: 'c0', number: 'B-01', clause: added },
    ]);
  });

  it('lists a removed clause with what it was, after the clause that preceded it', () => {
    const gone = clause('c2', { number: 'B-02', text: 'Weg.' });
    const before = [clause('c1'), gone, clause('c3', { number: 'B-03' })];
    const after = [clause('c1'), clause('c3', { number: 'B-02', text: 'Anders.' })];
    expect(summary(diffClauses(before, after))).toEqual([
      ['removed', 'c2'],
      ['changed', 'c3'],
    ]);
    expect(diffClauses(before, after)[0]).toEqual({
      kind: 'removed',
      clauseId: 'c2',
      number: 'B-02',
      clause: gone,
    });
    // A removed first clause comes first.
    expect(summary(diffClauses([gone, clause('c1')], [clause('c1')]))).toEqual([['removed', 'c2']]);
  });

  it('gives the text change as word runs, and leaves unchanged fields null', () => {
    const [change] = diffClauses(
      [clause('c1')],
      [clause('c1', { text: 'De corporatie bouwt 150 sociale huurwoningen.' })],
    );
    expect(change).toEqual({
      kind: 'changed',
      clauseId: 'c1',
      number: 'B-01',
      text: [
        { op: 'same', text: 'De corporatie bouwt ' },
        { op: 'del', text: '120' },
        { op: 'ins', text: '150' },
        { op: 'same', text: ' sociale huurwoningen.' },
      ],
      status: null,
      owner: null,
      theme: null,
      counterparts: [],
    });
  });

  it('gives status, owner and theme changes from → to', () => {
    const [change] = diffClauses(
      [clause('c1')],
      [clause('c1', { status: 'proposed', owner: GEM, theme: 'betaalbaarheid', number: 'H-01' })],
    );
    expect(change).toMatchObject({
      kind: 'changed',
      number: 'H-01',
      text: null,
      status: { from: 'draft', to: 'proposed' },
      owner: { from: CORP, to: GEM },
      theme: { from: 'beschikbaarheid', to: 'betaalbaarheid' },
    });
    const [unowned] = diffClauses([clause('c1')], [clause('c1', { owner: null })]);
    expect(unowned).toMatchObject({ owner: { from: CORP, to: null } });
  });

  it('reports added, removed and changed counterparts', () => {
    const before = [
      clause('c1', {
        counterparts: [cp(GEM, 'Levert grond.', '2026-07-01'), cp(HURD, 'Denkt mee.')],
      }),
    ];
    const after = [
      clause('c1', {
        counterparts: [cp(GEM, 'Levert grond snel.', '2026-09-01'), cp(CORP, 'Extra.')],
      }),
    ];
    const [change] = diffClauses(before, after);
    expect(change).toMatchObject({ kind: 'changed', text: null, status: null });
    if (change?.kind !== 'changed') throw new Error('expected changed');
    expect(change.counterparts).toEqual([
      {
        kind: 'changed',
        party: GEM,
        partyChange: null,
        commitment: [
          { op: 'same', text: 'Levert grond' },
          { op: 'ins', text: ' snel' },
          { op: 'same', text: '.' },
        ],
        due: { from: '2026-07-01', to: '2026-09-01' },
      },
      // Different party and different text at the same position: the party was changed.
      {
        kind: 'changed',
        party: CORP,
        partyChange: { from: HURD, to: CORP },
        commitment: [
          { op: 'del', text: 'Denkt mee' },
          { op: 'ins', text: 'Extra' },
          { op: 'same', text: '.' },
        ],
        due: null,
      },
    ]);
  });
});

describe('diffCounterparts', () => {
  it('finds nothing for equal counterparts, and matches identical ones whatever their order', () => {
    const list = [cp(GEM, 'a'), cp(HURD, 'b')];
    expect(diffCounterparts(list, list)).toEqual([]);
    expect(diffCounterparts(list, [...list].reverse())).toEqual([]);
  });

  it('a new counterpart is added, a deleted one removed (not a party change)', () => {
    expect(diffCounterparts([cp(GEM, 'a')], [cp(GEM, 'a'), cp(HURD)])).toEqual([
      { kind: 'added', counterpart: cp(HURD) },
    ]);
    expect(diffCounterparts([cp(GEM, 'a'), cp(HURD, 'b')], [cp(HURD, 'b')])).toEqual([
      { kind: 'removed', counterpart: cp(GEM, 'a') },
    ]);
  });

  it('picking the party of a counterpart that had none is a party change', () => {
    expect(diffCounterparts([cp(null, 'grond')], [cp(GEM, 'grond')])).toEqual([
      {
        kind: 'changed',
        party: GEM,
        partyChange: { from: null, to: GEM },
        commitment: null,
        due: null,
      },
    ]);
  });

  it('of two counterparts of one party, the edited one is matched, not a remove + add', () => {
    const before = [cp(GEM, 'eerste'), cp(GEM, 'tweede')];
    const after = [cp(GEM, 'eerste'), cp(GEM, 'tweede versie')];
    expect(diffCounterparts(before, after)).toEqual([
      {
        kind: 'changed',
        party: GEM,
        partyChange: null,
        commitment: [
          { op: 'same', text: 'tweede' },
          { op: 'ins', text: ' versie' },
        ],
        due: null,
      },
    ]);
  });
});

describe('diffClauses on real documents', () => {
  it('diffs two readClauses snapshots and fits the API schema', () => {
    const before = readClauses(sampleAgreementYDoc());
    const after = before
      .filter((c) => c.id !== 'c2')
      .map((c) => (c.id === 'c3' ? { ...c, status: 'reopened' as const } : c));
    after.push(clause('c9', { number: 'D-01', theme: 'duurzaamheid', text: 'Isoleren.' }));
    const changes = diffClauses(before, after);
    expect(summary(changes)).toEqual([
      ['removed', 'c2'],
      ['changed', 'c3'],
      ['added', 'c9'],
    ]);
    const dto = ChangesResponse.parse({
      since: new Date(0).toISOString(),
      baseline: 'snapshot',
      changes,
      threads: null,
      version: 'v',
    });
    expect(dto.changes).toEqual(changes);
  });
});
