import { describe, expect, it } from 'vitest';
import { speakingBalance } from './balance';
import type { SpeakingRecord } from './SpeakingStore';

const turn = (over: Partial<SpeakingRecord>): SpeakingRecord => ({
  id: 'e',
  meetingId: 'm',
  userId: 'u',
  name: 'U',
  partyId: 'p1',
  status: 'done',
  raisedAt: 0,
  startedAt: null,
  endedAt: null,
  ...over,
});

describe('speakingBalance', () => {
  it('MEET-5 counts turns and seconds per party, the running turn up to now', () => {
    const got = speakingBalance(
      [
        turn({ partyId: 'p1', startedAt: 1_000, endedAt: 1_600 }),
        turn({ partyId: 'p1', startedAt: 2_000, endedAt: 2_600 }),
        turn({ partyId: 'p2', status: 'speaking', startedAt: 10_000 }),
        turn({ partyId: 'p2', status: 'waiting' }),
        turn({ partyId: 'p1', status: 'withdrawn', endedAt: 3_000 }),
      ],
      ['p1', 'p2', 'p3'],
      25_500,
    );
    expect(got).toEqual([
      // Two turns of 0.6 s: summed before rounding, so 1 s rather than 0.
      { partyId: 'p1', turns: 2, seconds: 1 },
      { partyId: 'p2', turns: 1, seconds: 15 },
      { partyId: 'p3', turns: 0, seconds: 0 },
    ]);
  });

  it('MEET-5 lists speakers without a party last, only when they spoke', () => {
    expect(speakingBalance([], ['p1'], 0)).toEqual([{ partyId: 'p1', turns: 0, seconds: 0 }]);
    expect(
      speakingBalance([turn({ partyId: null, startedAt: 0, endedAt: 2_000 })], ['p1'], 0),
    ).toEqual([
      { partyId: 'p1', turns: 0, seconds: 0 },
      { partyId: null, turns: 1, seconds: 2 },
    ]);
  });
});
