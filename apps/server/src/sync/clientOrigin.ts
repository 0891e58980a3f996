/**
 * Whether a transaction came from a client: its origin is one of `origins`, or an instance of
 * one of them (the room passes its Connection class).
 */
export function isClientOrigin(origin: unknown, origins: readonly unknown[]): boolean {
  return origins.some(
    (o) =>
      o === origin || (origin !== null && typeof origin === 'object' && o === origin.constructor),
  );
}
