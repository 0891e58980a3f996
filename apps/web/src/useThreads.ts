import type { ThreadDto, ThreadEventData } from '@akkoord/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, threadsApi } from './apiClient';

export type ThreadsState =
  | { status: 'loading' }
  | { status: 'ready'; threads: ThreadDto[] }
  | { status: 'failed'; error: ApiError };

/** Replaces one thread in a list (or adds it), keeping the list's order by age. */
export function upsertThread(threads: readonly ThreadDto[], next: ThreadDto): ThreadDto[] {
  const rest = threads.filter((t) => t.id !== next.id);
  return [...rest, next].sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * The document's comment threads, kept live: loaded once, then again when the workspace's event
 * stream (re)connects (`ready`, also after a dropped connection) and whenever a thread of this
 * document changes (`thread`). The stream is closed on unmount.
 */
export function useThreads(workspaceId: string | null, documentId: string | null) {
  const [state, setState] = useState<ThreadsState>({ status: 'loading' });
  const latest = useRef(0);

  const reload = useCallback(() => {
    if (workspaceId === null || documentId === null) return;
    const request = ++latest.current;
    threadsApi.list(workspaceId, documentId).then(
      ({ threads }) => {
        if (request === latest.current) setState({ status: 'ready', threads });
      },
      (error: unknown) => {
        if (request !== latest.current) return;
        setState((current) =>
          // A failed refresh keeps what is shown; only a failed first load says so.
          current.status === 'ready'
            ? current
            : {
                status: 'failed',
                error:
                  error instanceof ApiError ? error : new ApiError('internal', 0, String(error)),
              },
        );
      },
    );
  }, [workspaceId, documentId]);

  useEffect(() => {
    reload();
    if (workspaceId === null || documentId === null || typeof EventSource === 'undefined') {
      return undefined;
    }
    const events = new EventSource(threadsApi.eventsUrl(workspaceId));
    const onReady = () => reload();
    const onThread = (event: MessageEvent<string>) => {
      try {
        const data = JSON.parse(event.data) as ThreadEventData;
        if (data.thread.documentId === documentId) reload();
      } catch {
        reload();
      }
    };
    events.addEventListener('ready', onReady);
    events.addEventListener('thread', onThread);
    return () => {
      events.removeEventListener('ready', onReady);
      events.removeEventListener('thread', onThread);
      events.close();
    };
  }, [workspaceId, documentId, reload]);

  /** Shows a thread the server just returned (after our own change) without waiting. */
  const put = useCallback((thread: ThreadDto) => {
    setState((current) =>
      current.status === 'ready'
        ? { status: 'ready', threads: upsertThread(current.threads, thread) }
        : current,
    );
  }, []);

  return { state, reload, put };
}
