import { describe, expect, it } from 'vitest';
import { SlidingWindow } from './SlidingWindow';

describe('SlidingWindow', () => {
  it('allows max acts per key in the window, says how long to wait, and forgets old acts', () => {
    let now = 1_000;
    const w = new SlidingWindow(100, () => now);
    for (let i = 0; i < 3; i++) {
      expect(w.wait('a', 3)).toBe(0);
      w.record('a');
      now += 10;
    }
    // Acts at 1000, 1010, 1020; now 1030: the oldest leaves the window at 1100.
    expect(w.wait('a', 3)).toBe(70);
    expect(w.wait('b', 3)).toBe(0);
    now = 1_101;
    expect(w.wait('a', 3)).toBe(0);
    w.clear('a');
    expect(w.wait('a', 1)).toBe(0);
  });
});
