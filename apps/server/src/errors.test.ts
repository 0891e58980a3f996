import { describe, expect, it } from 'vitest';
import { AppError, toCloseCode, toHttpError, truncateReason } from './errors';

describe('errors', () => {
  it('maps app errors to the contract shape and status', () => {
    expect(toHttpError(new AppError('not_found', 'weg'))).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'weg' } },
    });
    expect(
      toHttpError(new AppError('validation_failed', 'fout', { title: 'leeg' })).body.error.details,
    ).toEqual({
      title: 'leeg',
    });
  });

  it('hides internal errors behind a generic message', () => {
    const { status, body } = toHttpError(new Error('secret stack detail'));
    expect(status).toBe(500);
    expect(body.error.message).not.toContain('secret');
  });

  it('maps to WebSocket close codes', () => {
    expect(toCloseCode(new AppError('unauthenticated', 'x')).code).toBe(4401);
    expect(toCloseCode(new AppError('forbidden', 'x')).code).toBe(4403);
    expect(toCloseCode(new AppError('not_found', 'x')).code).toBe(4404);
    expect(toCloseCode(new Error('boom')).code).toBe(1011);
  });

  it('keeps close reasons within 123 bytes', () => {
    expect(Buffer.byteLength(truncateReason('é'.repeat(200)))).toBeLessThanOrEqual(123);
    expect(truncateReason('kort')).toBe('kort');
  });
});
