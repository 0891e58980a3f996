import { describe, expect, it } from 'vitest';
import {
  canTransition,
  Clause,
  CLAUSE_STATUSES,
  clauseNumber,
  DocumentExport,
  IsoDate,
  isClauseStatus,
  newClauseId,
  STATUS_LABELS,
  STATUS_TRANSITIONS,
} from './clause';

describe('clause statuses', () => {
  it('is a closed set with labels and transitions for each status', () => {
    expect(CLAUSE_STATUSES).toEqual(['draft', 'proposed', 'agreed', 'reopened', 'withdrawn']);
    for (const s of CLAUSE_STATUSES) {
      expect(STATUS_LABELS[s].nl).toBeTruthy();
      expect(STATUS_LABELS[s].en).toBeTruthy();
      for (const to of STATUS_TRANSITIONS[s]) expect(isClauseStatus(to)).toBe(true);
    }
    expect(isClauseStatus('signed')).toBe(false);
  });

  it('allows the negotiation path and refuses shortcuts', () => {
    expect(canTransition('draft', 'proposed')).toBe(true);
    expect(canTransition('proposed', 'agreed')).toBe(true);
    expect(canTransition('agreed', 'reopened')).toBe(true);
    expect(canTransition('reopened', 'proposed')).toBe(true);
    expect(canTransition('withdrawn', 'draft')).toBe(true);
    expect(canTransition('draft', 'agreed')).toBe(false);
    expect(canTransition('agreed', 'draft')).toBe(false);
    expect(canTransition('agreed', 'withdrawn')).toBe(false);
    expect(canTransition('draft', 'draft')).toBe(false);
  });
});

describe('clause ids and numbers', () => {
  it('generates distinct ids of a fixed shape', () => {
    const ids = new Set(Array.from({ length: 2000 }, newClauseId));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^c[0-9a-z]{12}$/);
  });

  it('derives numbers from the theme code and position', () => {
    expect(clauseNumber('beschikbaarheid', 3)).toBe('B-03');
    expect(clauseNumber('financiele-afspraken', 12)).toBe('F-12');
    expect(clauseNumber('besluitvorming', 1)).toBe('PB-01');
    expect(clauseNumber(null, 2)).toBe('?-02');
  });
});

describe('zod schemas', () => {
  it('accepts real dates only', () => {
    expect(IsoDate.safeParse('2026-07-01').success).toBe(true);
    expect(IsoDate.safeParse('2026-02-29').success).toBe(false);
    expect(IsoDate.safeParse('2028-02-29').success).toBe(true);
    expect(IsoDate.safeParse('1 juli').success).toBe(false);
  });

  it('parses a clause and refuses unknown statuses and themes', () => {
    const c = {
      id: 'c1',
      number: 'B-01',
      theme: 'beschikbaarheid',
      text: 'x',
      owner: null,
      counterparts: [{ party: 'p1', commitment: 'y', due: null }],
      status: 'draft',
    };
    expect(Clause.parse(c)).toEqual(c);
    expect(Clause.safeParse({ ...c, status: 'signed' }).success).toBe(false);
    expect(Clause.safeParse({ ...c, theme: 'middenhuur' }).success).toBe(false);
    expect(
      Clause.safeParse({ ...c, counterparts: [{ party: 'p1', commitment: 'y' }] }).success,
    ).toBe(false);
  });

  it('has the contract export shape', () => {
    const body = {
      document: { id: 'd1', kind: 'agreement', title: 'Prestatieafspraken' },
      clauses: [
        {
          id: 'c1',
          number: 'B-01',
          theme: 'beschikbaarheid',
          text: 'x',
          owner: 'p1',
          counterparts: [
            { party: 'p2', commitment: 'y' },
            { party: 'p3', commitment: 'z', due: '2026-12-15' },
          ],
          status: 'agreed',
        },
      ],
    };
    expect(DocumentExport.parse(body)).toEqual(body);
    expect(
      DocumentExport.safeParse({ ...body, document: { ...body.document, kind: 'minutes' } })
        .success,
    ).toBe(false);
  });
});
