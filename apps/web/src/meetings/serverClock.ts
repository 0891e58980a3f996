import { secondsLeft, type AgendaItemDto } from '@akkoord/domain';

/**
 * How far the server's clock is ahead of ours (ms), from an answer's `serverTime` and the
 * moment (our clock) it was made. Every client times the agenda against the server's clock,
 * so timers on different machines agree even when their own clocks do not.
 */
export function clockOffset(serverTime: string, receivedAt: number): number {
  const server = Date.parse(serverTime);
  return Number.isNaN(server) ? 0 : server - receivedAt;
}

/** Seconds left of an item's timebox now, by the server's clock (negative: over time). */
export function itemSecondsLeft(item: AgendaItemDto, offsetMs: number, now = Date.now()): number {
  return secondsLeft(item, now + offsetMs);
}

/** "mm:ss" (minutes may exceed 59); over time gets a minus sign: "-01:05". */
export function formatClock(seconds: number): string {
  const abs = Math.abs(seconds);
  const mm = String(Math.floor(abs / 60)).padStart(2, '0');
  const ss = String(abs % 60).padStart(2, '0');
  return `${seconds < 0 ? '-' : ''}${mm}:${ss}`;
}
