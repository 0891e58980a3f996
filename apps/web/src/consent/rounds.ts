import type { TFunction } from 'i18next';
import type { ConsentRoundDto, ConsentTarget, PositionDto } from '@akkoord/domain';

/** Whether a round is about this target (the same clause of the same document, or the process). */
export function sameTarget(a: ConsentTarget, b: ConsentTarget): boolean {
  if (a.kind !== b.kind || a.documentId !== b.documentId) return false;
  return a.kind === 'process' || (b.kind === 'clause' && a.clauseId === b.clauseId);
}

/** The open round on a target (at most one, CONS-1) and the last closed one. */
export function roundsOf(
  rounds: readonly ConsentRoundDto[],
  target: ConsentTarget,
): { open: ConsentRoundDto | null; last: ConsentRoundDto | null } {
  const mine = rounds.filter((r) => sameTarget(r.target, target));
  const open = mine.find((r) => r.status === 'open') ?? null;
  const last =
    mine
      .filter((r) => r.status === 'closed')
      .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''))[0] ?? null;
  return { open, last };
}

/** Each party's latest position in a round (CONS-2: a later one replaces the earlier). */
export function latestPositions(positions: readonly PositionDto[]): Map<string, PositionDto> {
  const latest = new Map<string, PositionDto>();
  for (const p of positions) latest.set(p.partyId, p);
  return latest;
}

/** "Afspraak B-03" or "Procesafspraken": what a round or decision is about, in words. */
export function targetLabel(
  t: TFunction,
  target: ConsentTarget,
  clauseNumber: string | null,
): string {
  return target.kind === 'process'
    ? t('consent.processTarget')
    : t('consent.clauseTarget', { number: clauseNumber ?? '?' });
}
