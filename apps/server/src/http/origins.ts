import type { IncomingMessage } from 'node:http';

/**
 * A browser request's Origin must be the server itself or one configured origin. The server's
 * own origin is derived from the Host header, which a cross-site page cannot set.
 */
export function isAllowedOrigin(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  const host = req.headers.host;
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
