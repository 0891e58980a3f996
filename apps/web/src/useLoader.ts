import { useEffect, useEffectEvent, useState } from 'react';
import { ApiError } from './apiClient';

export type Loaded<T> =
  { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; error: ApiError };

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('internal', 0, String(error));
}

/**
 * Loads data for a page and reloads it on request. `key` names what is loaded: a new key starts
 * over (loading), while reload() keeps showing the current data until the fresh data arrives,
 * so lists do not flash empty after every change.
 */
export function useLoader<T>(key: string, load: () => Promise<T>) {
  const [state, setState] = useState<{ key: string; value: Loaded<T> }>({
    key,
    value: { status: 'loading' },
  });
  const [version, setVersion] = useState(0);
  const run = useEffectEvent(load);

  useEffect(() => {
    let active = true;
    run().then(
      (data) => active && setState({ key, value: { status: 'ready', data } }),
      (error: unknown) =>
        active && setState({ key, value: { status: 'failed', error: asApiError(error) } }),
    );
    return () => {
      active = false;
    };
  }, [key, version]);

  const value: Loaded<T> = state.key === key ? state.value : { status: 'loading' };
  return {
    ...value,
    reload: () => setVersion((n) => n + 1),
    /** Shows data the server just returned (e.g. after a change) without another request. */
    replace: (data: T) => setState({ key, value: { status: 'ready', data } }),
  };
}
