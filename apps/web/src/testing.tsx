// Shared set-up for component tests (imported by *.test.tsx only, never by the app).
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { setupI18n } from './i18n/setupI18n';

setupI18n();

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '/');
});

export interface FakeRequest {
  method: string;
  path: string;
  body: unknown;
  headers: Headers;
}

export type FakeAnswer = { status: number; body?: unknown; headers?: Record<string, string> };

/**
 * Replaces fetch with a function of (method, path, body): tests run the real API client and
 * see exactly what it sends. Returns the list of requests made.
 */
export function fakeServer(answer: (request: FakeRequest) => FakeAnswer): FakeRequest[] {
  const requests: FakeRequest[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string, init: RequestInit = {}) => {
      const request: FakeRequest = {
        method: init.method ?? 'GET',
        path: input,
        body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
        headers: new Headers(init.headers),
      };
      requests.push(request);
      const { status, body, headers } = answer(request);
      return Promise.resolve(
        new Response(body === undefined ? null : JSON.stringify(body), {
          status,
          headers: { 'Content-Type': 'application/json', ...headers },
        }),
      );
    }),
  );
  return requests;
}

export function apiError(
  status: number,
  code: string,
  details?: unknown,
  headers?: Record<string, string>,
): FakeAnswer {
  return {
    status,
    body: { error: { code, message: 'test', ...(details === undefined ? {} : { details }) } },
    ...(headers === undefined ? {} : { headers }),
  };
}
