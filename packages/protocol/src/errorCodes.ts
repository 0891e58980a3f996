/**
 * The closed set of error codes the API answers with, as `{"error": {"code", "message"}}`,
 * and the HTTP status each one carries. Server and web both read this table.
 */
export const ErrorStatus = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ErrorStatus;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
