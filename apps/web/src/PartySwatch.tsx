/**
 * A party's colour as a small square. Decorative (aria-hidden): the party's name is always
 * written next to it, so colour is never the only way to tell parties apart.
 */
export function PartySwatch({ color }: { color: string }) {
  return <span className="swatch" style={{ backgroundColor: color }} aria-hidden="true" />;
}
