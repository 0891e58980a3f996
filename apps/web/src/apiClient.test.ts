import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, errorFromResponse, isApiError, onUnauthenticated } from './apiClient';
import { apiError, fakeServer } from './testing';

afterEach(() => onUnauthenticated(null));

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('api', () => {
  it('sends JSON with the session cookie and reads JSON back', async () => {
    const user = { id: 'u_1', email: 'a@b.nl', name: 'Anna' };
    const requests = fakeServer(() => ({ status: 201, body: { user, token: 't' } }));
    const result = await api.register({ email: 'a@b.nl', password: 'x'.repeat(10), name: 'Anna' });
    expect(result.user).toEqual(user);
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/api/auth/register');
    expect(request?.body).toEqual({ email: 'a@b.nl', password: 'x'.repeat(10), name: 'Anna' });
    expect(request?.headers.get('Content-Type')).toBe('application/json');
    const init = vi.mocked(fetch).mock.calls[0]?.[1];
    expect(init?.credentials).toBe('same-origin');
  });

  it('accepts empty answers (204) and encodes ids in paths', async () => {
    const requests = fakeServer(() => ({ status: 204 }));
    await expect(api.removeMember('w_1', 'u/2')).resolves.toBeUndefined();
    expect(requests[0]).toMatchObject({
      method: 'DELETE',
      path: '/api/workspaces/w_1/members/u%2F2',
    });
    expect(requests[0]?.headers.has('Content-Type')).toBe(false);
  });

  it('turns error bodies into typed errors with field details', async () => {
    fakeServer(() =>
      apiError(400, 'validation_failed', { fields: { email: 'Invalid email', n: 3 } }),
    );
    const error = await failure(api.login({ email: 'x', password: 'y' }));
    expect(error.code).toBe('validation_failed');
    expect(error.status).toBe(400);
    expect(error.fields).toEqual({ email: 'Invalid email' });
    expect(isApiError(error, 'validation_failed')).toBe(true);
    expect(isApiError(error, 'conflict')).toBe(false);
  });

  it('reads Retry-After, or the seconds in the details', async () => {
    fakeServer(() =>
      apiError(429, 'rate_limited', { retryAfterSeconds: 90 }, { 'Retry-After': '120' }),
    );
    expect((await failure(api.login({ email: 'x', password: 'y' }))).retryAfterSeconds).toBe(120);
    fakeServer(() => apiError(429, 'rate_limited', { retryAfterSeconds: 90 }));
    expect((await failure(api.login({ email: 'x', password: 'y' }))).retryAfterSeconds).toBe(90);
  });

  it('maps answers without our error shape by their status', async () => {
    const error = await errorFromResponse(
      new Response('<html>Bad gateway</html>', { status: 404 }),
    );
    expect(error.code).toBe('not_found');
    const odd = await errorFromResponse(new Response('{}', { status: 502 }));
    expect(odd.code).toBe('internal');
    const unknownCode = await errorFromResponse(
      new Response(JSON.stringify({ error: { code: 'teapot', message: 'x' } }), { status: 409 }),
    );
    expect(unknownCode.code).toBe('conflict');
  });

  it('reports a missing network as code "network"', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const error = await failure(api.listWorkspaces());
    expect(error.code).toBe('network');
    expect(error.status).toBe(0);
  });

  it('tells the session about a 401, except from the login form itself', async () => {
    const listener = vi.fn();
    onUnauthenticated(listener);
    fakeServer(() => apiError(401, 'unauthenticated'));
    await failure(api.login({ email: 'x', password: 'y' }));
    expect(listener).not.toHaveBeenCalled();
    await failure(api.getWorkspace('w_1'));
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
