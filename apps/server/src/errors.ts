import { CloseCode, ErrorStatus, type ErrorBody, type ErrorCode } from '@akkoord/protocol';

/** The only error type code paths throw on purpose; anything else is an internal error. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

const closeCodeOf: Record<ErrorCode, number> = {
  bad_request: CloseCode.badMessage,
  validation_failed: CloseCode.badMessage,
  unauthenticated: CloseCode.notAuthenticated,
  forbidden: CloseCode.forbidden,
  not_found: CloseCode.unknownRoom,
  conflict: CloseCode.forbidden,
  payload_too_large: CloseCode.messageTooBig,
  rate_limited: CloseCode.rateLimited,
  internal: CloseCode.internalError,
  unavailable: CloseCode.tryAgainLater,
};

function asAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError('internal', 'Internal server error');
}

/** Maps anything thrown to an HTTP status and the contract's JSON error body. */
export function toHttpError(err: unknown): { status: number; body: ErrorBody } {
  const e = asAppError(err);
  const body: ErrorBody = { error: { code: e.code, message: e.message } };
  if (e.details !== undefined) body.error.details = e.details;
  return { status: ErrorStatus[e.code], body };
}

/** Maps anything thrown to a WebSocket close code and a reason (≤ 123 bytes per RFC 6455). */
export function toCloseCode(err: unknown): { code: number; reason: string } {
  const e = asAppError(err);
  return { code: closeCodeOf[e.code], reason: truncateReason(e.message) };
}

export function truncateReason(reason: string): string {
  const buf = Buffer.from(reason, 'utf8');
  if (buf.length <= 123) return reason;
  return (
    buf
      .subarray(0, 120)
      .toString('utf8')
      .replace(/\uFFFD+$/, '') + '…'
  );
}
