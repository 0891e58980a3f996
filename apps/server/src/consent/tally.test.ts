import { tally, type Position, type PositionDto } from '@akkoord/domain';
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
