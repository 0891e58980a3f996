import type { SpeakingBalanceDto } from '@akkoord/domain';
import type { SpeakingRecord } from './SpeakingStore';

/**
 * Turns and seconds spoken per party (MEET-5). Every party of the workspace is listed, in the
 * workspace's order, so a party that has not spoken shows as 0 rather than missing; speakers
 * without a party (the facilitator) come last as `null`, only when they spoke. The running turn
 * counts up to `now`.
 */
export function speakingBalance(
  entries: readonly SpeakingRecord[],
  partyIds: readonly string[],
  now: number,
): SpeakingBalanceDto[] {
  const rows = new Map<string | null, SpeakingBalanceDto>(
    partyIds.map((p) => [p, { partyId: p, turns: 0, seconds: 0 }]),
  );
  const ms = new Map<string | null, number>();
  for (const e of entries) {
    if (e.startedAt === null) continue;
    let row = rows.get(e.partyId);
    if (!row) rows.set(e.partyId, (row = { partyId: e.partyId, turns: 0, seconds: 0 }));
    row.turns += 1;
    ms.set(e.partyId, (ms.get(e.partyId) ?? 0) + Math.max(0, (e.endedAt ?? now) - e.startedAt));
  }
  // Rounded once per party, so many short turns are not each rounded down to nothing.
  for (const row of rows.values()) row.seconds = Math.floor((ms.get(row.partyId) ?? 0) / 1000);
  const out = [...rows.values()];
  return [...out.filter((r) => r.partyId !== null), ...out.filter((r) => r.partyId === null)];
}
