import { fallbackColor, isHexColor } from './colorContrast';

/** A small party-coloured dot next to a name; decoration only, the name carries the meaning. */
export function PartySwatchDot({ color }: { color: string | undefined }) {
  return (
    <span
      className="party-dot"
      style={{ backgroundColor: isHexColor(color) ? color : fallbackColor }}
      aria-hidden="true"
    />
  );
}
