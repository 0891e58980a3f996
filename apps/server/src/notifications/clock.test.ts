import { describe, expect, it } from 'vitest';
import { digestSlot, localTime } from './clock';

describe('clock', () => {
  it('reads the wall clock in a time zone (summer and winter time in Amsterdam)', () => {
    expect(localTime(Date.UTC(2026, 6, 1, 6, 30, 5), 'Europe/Amsterdam')).toEqual({
      day: '2026-07-01',
      hour: 8,
      minute: 30,
      second: 5,
    });
    expect(localTime(Date.UTC(2026, 11, 31, 23, 15, 0), 'Europe/Amsterdam')).toEqual({
      day: '2027-01-01',
      hour: 0,
      minute: 15,
      second: 0,
    });
  });

  it('the digest is due from the digest hour on, with that hour as the cut-off', () => {
    // 07:59 local (05:59 UTC in summer): not yet.
    expect(digestSlot(Date.UTC(2026, 6, 1, 5, 59), 8, 'Europe/Amsterdam')).toBeNull();
    // 10:42:17.250 local: due; cut-off 08:00:00.000 local = 06:00 UTC.
    expect(digestSlot(Date.UTC(2026, 6, 1, 8, 42, 17, 250), 8, 'Europe/Amsterdam')).toEqual({
      day: '2026-07-01',
      cutoff: Date.UTC(2026, 6, 1, 6, 0, 0, 0),
    });
    expect(digestSlot(Date.UTC(2026, 0, 5, 7, 0), 8, 'Europe/Amsterdam')).toEqual({
      day: '2026-01-05',
      cutoff: Date.UTC(2026, 0, 5, 7, 0),
    });
  });
});
