import { useEffect, useState } from 'react';

/**
 * The server's time (ms), ticking once a second without asking the server again: our clock
 * plus the offset measured from the last answer. `active: false` stops the tick (no meeting).
 */
export function useMeetingClock(offsetMs: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now + offsetMs;
}
