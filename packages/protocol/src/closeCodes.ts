/**
 * WebSocket close codes used by the sync endpoint. y-websocket (>= 3.1) treats 4400–4499 as
 * terminal (no reconnect) and everything else as transient, so the choice of range is a
 * decision about whether the client should retry.
 */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  /** Message larger than the configured maximum (set by `ws` itself via maxPayload). */
  messageTooBig: 1009,
  internalError: 1011,
  serverRestarting: 1012,
  /** Server overloaded or the client does not read fast enough; retry later. */
  tryAgainLater: 1013,
  /** A frame that is not valid y-websocket protocol; terminal, a retry would send it again. */
  badMessage: 4400,
  notAuthenticated: 4401,
  forbidden: 4403,
  unknownRoom: 4404,
  /** Too many messages per second from this connection; transient (45xx = try again later). */
  rateLimited: 4529,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Whether a client should reconnect after this close code (mirrors y-websocket's default). */
export function isTerminalClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}
