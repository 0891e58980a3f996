import type { PartyDto } from '@akkoord/domain';
import { fallbackColor, isHexColor } from './colorContrast';

/** The party's colour, or the neutral colour for no party / an unknown one. */
export function partyColor(parties: readonly PartyDto[], partyId: string | null): string {
  const color = parties.find((p) => p.id === partyId)?.color;
  return isHexColor(color) ? color : fallbackColor;
}

export function partyName(parties: readonly PartyDto[], partyId: string | null): string | null {
  return parties.find((p) => p.id === partyId)?.name ?? null;
}
