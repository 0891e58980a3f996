import type { FacilitationEventData, FacilitationTopic } from '@akkoord/domain';
import { useEffect, useEffectEvent } from 'react';
import { threadsApi } from './apiClient';

/** `null`: the stream (re)connected and anything may have changed meanwhile. */
type Listener = (topic: FacilitationTopic | null, meetingId: string | null) => void;

interface Shared {
  source: EventSource;
  listeners: Set<Listener>;
}

/** One event stream per workspace for the whole page, however many parts listen to it. */
const streams = new Map<string, Shared>();

function subscribe(workspaceId: string, listener: Listener): () => void {
  let shared = streams.get(workspaceId);
  if (!shared) {
    const source = new EventSource(threadsApi.eventsUrl(workspaceId));
    const listeners = new Set<Listener>();
    source.addEventListener('ready', () => {
      for (const l of [...listeners]) l(null, null);
    });
    source.addEventListener('facilitation', (event: MessageEvent<string>) => {
      let data: FacilitationEventData | null = null;
      try {
        data = JSON.parse(event.data) as FacilitationEventData;
      } catch {
        // A garbled event still means something changed: reload everything.
      }
      for (const l of [...listeners]) l(data?.topic ?? null, data?.meetingId ?? null);
    });
    shared = { source, listeners };
    streams.set(workspaceId, shared);
  }
  shared.listeners.add(listener);
  const mine = shared;
  return () => {
    mine.listeners.delete(listener);
    if (mine.listeners.size === 0) {
      mine.source.close();
      if (streams.get(workspaceId) === mine) streams.delete(workspaceId);
    }
  };
}

/**
 * Calls `onChange` whenever one of `topics` changes in the workspace (facilitator mode's live
 * events), and after the stream (re)connects. The callback may change between renders.
 */
export function useFacilitationEvents(
  workspaceId: string | null,
  topics: readonly FacilitationTopic[],
  onChange: (meetingId: string | null) => void,
): void {
  const changed = useEffectEvent(onChange);
  const key = topics.join(',');
  useEffect(() => {
    if (workspaceId === null || typeof EventSource === 'undefined') return undefined;
    const wanted = new Set(key.split(','));
    return subscribe(workspaceId, (topic, meetingId) => {
      if (topic === null || wanted.has(topic)) changed(meetingId);
    });
  }, [workspaceId, key]);
}
