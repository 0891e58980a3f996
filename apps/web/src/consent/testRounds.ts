// Test support for the consent views (imported by *.test.tsx only, never by the app).
import type { ConsentRoundDto, PositionDto } from '@akkoord/domain';

/** An open round on clause c1 (B-01) of document d1, with what the test changes. */
export function testRound(over: Partial<ConsentRoundDto> = {}): ConsentRoundDto {
  return {
    id: 'r1',
    workspaceId: 'w1',
    meetingId: null,
    target: { kind: 'clause', documentId: 'd1', clauseId: 'c1' },
    clauseNumber: 'B-01',
    text: 'De corporatie bouwt.',
    status: 'open',
    outcome: null,
    positions: [],
    openedAt: '2026-11-27T10:00:00Z',
    closedAt: null,
    ...over,
  };
}

/** A party's position, stated by `u_<party>`. */
export function testPosition(
  partyId: string,
  position: PositionDto['position'],
  reason = '',
): PositionDto {
  return {
    partyId,
    position,
    reason,
    userId: `u_${partyId}`,
    name: 'X',
    at: '2026-11-27T10:00:00Z',
  };
}
