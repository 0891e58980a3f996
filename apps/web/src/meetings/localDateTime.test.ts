import { describe, expect, it } from 'vitest';
import { toInstant, toLocalInput } from './localDateTime';

describe('localDateTime', () => {
  it('turns wall time into an instant and back, in the local time zone', () => {
    const instant = toInstant('2026-12-01T19:30');
    expect(instant).toBe(new Date(2026, 11, 1, 19, 30).toISOString());
    expect(toLocalInput(instant)).toBe('2026-12-01T19:30');
  });

  it('pads single digits and drops seconds', () => {
    expect(toLocalInput(new Date(2027, 0, 5, 8, 3, 42).toISOString())).toBe('2027-01-05T08:03');
  });

  it('leaves what is not a date for the schema to reject', () => {
    expect(toInstant('')).toBe('');
    expect(toInstant('morgen')).toBe('morgen');
    expect(toLocalInput('not a date')).toBe('');
  });
});
