import { describe, expect, it } from 'vitest';
import { agendaItem } from './meetingTesting';
import { clockOffset, formatClock, itemSecondsLeft } from './serverClock';

describe('meeting timer math', () => {
  it('measures how far the server clock is ahead of ours', () => {
    const ours = Date.parse('2026-12-01T18:34:50.000Z');
    expect(clockOffset('2026-12-01T18:35:00.000Z', ours)).toBe(10_000);
    expect(clockOffset('2026-12-01T18:34:40.000Z', ours)).toBe(-10_000);
    expect(clockOffset('not a date', ours)).toBe(0);
  });

  it('times the item by the server clock, so a client whose clock is off agrees', () => {
    // Running for 4 minutes by the server's clock; spent 60 s earlier; timebox 10 min.
    const item = agendaItem({ spentSeconds: 60, runningSince: '2026-12-01T18:31:00.000Z' });
    const serverNow = Date.parse('2026-12-01T18:35:00.000Z');
    // One client is 2 minutes behind, another 30 s ahead: both see 5:00 left.
    const behind = serverNow - 120_000;
    const ahead = serverNow + 30_000;
    expect(itemSecondsLeft(item, 120_000, behind)).toBe(300);
    expect(itemSecondsLeft(item, -30_000, ahead)).toBe(300);
    // Without the offset the slow client would show 2 minutes too many.
    expect(itemSecondsLeft(item, 0, behind)).toBe(420);
  });

  it('goes negative over time and a paused item keeps its spent time', () => {
    const over = agendaItem({ timeboxMinutes: 1, runningSince: '2026-12-01T18:33:00.000Z' });
    expect(itemSecondsLeft(over, 0, Date.parse('2026-12-01T18:34:05.000Z'))).toBe(-5);
    const paused = agendaItem({ spentSeconds: 90 });
    expect(itemSecondsLeft(paused, 0, Date.now())).toBe(510);
  });

  it('formats mm:ss with a minus sign over time', () => {
    expect(formatClock(300)).toBe('05:00');
    expect(formatClock(59)).toBe('00:59');
    expect(formatClock(-65)).toBe('-01:05');
    expect(formatClock(125 * 60)).toBe('125:00');
  });
});
