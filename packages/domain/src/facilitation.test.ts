import {
  secondsLeft,
  tally,
  votingParties,
  type AgendaItemDto,
  type Position,
  type PositionDto,
} from './facilitation';
import { describe, expect, it } from 'vitest';

const pos = (partyId: string, position: Position, at = 0): PositionDto => ({
  partyId,
  position,
  reason: position === 'agree' ? '' : 'omdat',
  userId: `u_${partyId}`,
  name: partyId,
  at: new Date(at).toISOString(),
});

const parties = ['A', 'B', 'C'];

describe('tally (CONS-3)', () => {
  it('CONS-3 consent needs every party: one missing party is no consent', () => {
    const t = tally(parties, [pos('A', 'agree'), pos('B', 'agree')]);
    expect(t).toMatchObject({ agree: ['A', 'B'], missing: ['C'], consent: false });
  });

  it('CONS-3 agreeing with a reservation counts as consent', () => {
    const t = tally(parties, [pos('A', 'agree'), pos('B', 'reservation'), pos('C', 'agree')]);
    expect(t).toMatchObject({ reservation: ['B'], missing: [], consent: true });
  });

  it('CONS-3 a single objection blocks consent', () => {
    const t = tally(parties, [pos('A', 'agree'), pos('B', 'object'), pos('C', 'agree')]);
    expect(t).toMatchObject({ object: ['B'], consent: false });
  });

  it('CONS-2 a party counts once, by its latest position', () => {
    const t = tally(parties, [
      pos('A', 'object', 1),
      pos('B', 'agree', 2),
      pos('C', 'agree', 3),
      pos('A', 'agree', 4),
    ]);
    expect(t).toMatchObject({ agree: ['A', 'B', 'C'], object: [], consent: true });
  });

  it('CONS-3 positions of parties outside the workspace do not count', () => {
    const t = tally(['A'], [pos('X', 'object'), pos('A', 'agree')]);
    expect(t).toMatchObject({ agree: ['A'], object: [], missing: [], consent: true });
    expect(tally(['A', 'B'], [pos('A', 'agree'), pos('X', 'agree')]).consent).toBe(false);
  });

  it('CONS-3 a workspace without parties never reaches consent', () => {
    expect(tally([], [])).toMatchObject({ missing: [], consent: false });
    expect(tally([], [pos('A', 'agree')]).consent).toBe(false);
  });

  it('CONS-3 nobody has spoken: every party is missing', () => {
    expect(tally(parties, [])).toMatchObject({ missing: parties, consent: false });
  });
});

describe('votingParties (CONS-3)', () => {
  const all = [{ id: 'A' }, { id: 'B' }, { id: 'C' }];
  it('CONS-3 counts only parties with a negotiator, in the workspace order', () => {
    const members = [
      { role: 'negotiator', partyId: 'C' },
      { role: 'facilitator', partyId: null },
      { role: 'negotiator', partyId: 'A' },
      { role: 'observer', partyId: null },
    ];
    expect(votingParties(all, members).map((p) => p.id)).toEqual(['A', 'C']);
  });

  it('CONS-3 a round over the voting parties reaches consent without the silent party', () => {
    const voting = votingParties(all, [
      { role: 'negotiator', partyId: 'A' },
      { role: 'negotiator', partyId: 'B' },
    ]).map((p) => p.id);
    expect(tally(voting, [pos('A', 'agree'), pos('B', 'reservation')]).consent).toBe(true);
    expect(tally(parties, [pos('A', 'agree'), pos('B', 'reservation')]).consent).toBe(false);
  });
});

describe('secondsLeft (MEET-2)', () => {
  const item = (over: Partial<AgendaItemDto>): AgendaItemDto => ({
    id: 'i',
    title: 'Punt',
    documentId: null,
    clauseId: null,
    theme: null,
    timeboxMinutes: 10,
    spentSeconds: 0,
    runningSince: null,
    ...over,
  });
  const start = Date.parse('2026-12-01T19:00:00.000Z');

  it('MEET-2 counts the time spent before plus the running stretch', () => {
    const running = item({ spentSeconds: 120, runningSince: new Date(start).toISOString() });
    expect(secondsLeft(running, start)).toBe(480);
    expect(secondsLeft(running, start + 61_500)).toBe(419);
  });

  it('MEET-2 goes negative over time and stands still when not running', () => {
    expect(secondsLeft(item({ spentSeconds: 660 }), start + 999_999)).toBe(-60);
  });

  it('MEET-2 a client clock behind the start never adds time', () => {
    const running = item({ runningSince: new Date(start).toISOString() });
    expect(secondsLeft(running, start - 5_000)).toBe(600);
  });
});
