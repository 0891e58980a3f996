/** A moment as read on a wall clock in a time zone. */
export interface LocalTime {
  /** `YYYY-MM-DD` */
  day: string;
  hour: number;
  minute: number;
  second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, f);
  }
  return f;
}

export function localTime(now: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatIn(timeZone).formatToParts(now)) parts[p.type] = p.value;
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/**
 * Whether today's digest is due at `now` (the local hour has reached `digestHour`), and if so
 * the day it belongs to and its cut-off: today at `digestHour`:00 local time. Notifications made
 * after the cut-off wait for tomorrow's digest.
 */
export function digestSlot(
  now: number,
  digestHour: number,
  timeZone: string,
): { day: string; cutoff: number } | null {
  const t = localTime(now, timeZone);
  if (t.hour < digestHour) return null;
  const sinceCutoffMs =
    ((t.hour - digestHour) * 3600 + t.minute * 60 + t.second) * 1000 + (now % 1000);
  return { day: t.day, cutoff: now - sinceCutoffMs };
}
