import type { FacilitationEventData, FacilitationTopic } from '@akkoord/domain';
import { useEffect, useEffectEvent } from 'react';
import { threadsApi } from './apiClient';

/** `thread`: a comment thread changed; `null`: the stream (re)connected, anything may have. */
type Listener = (topic: FacilitationTopic | 'thread' | null, meetingId: string | null) => void;

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
    // Which thread does not matter here: the server only sends threads this member may see.
    source.addEventListener('thread', () => {
      for (const l of [...listeners]) l('thread', null);
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
 * The workspace's event stream (`GET /api/workspaces/:id/events`), shared by every part of the
 * page that listens, so a page holds one connection however many panels follow it.
 */

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

/** Calls `onChange` whenever a comment thread of the workspace changes, and after reconnects. */
export function useThreadEvents(workspaceId: string | null, onChange: () => void): void {
  const changed = useEffectEvent(onChange);
  useEffect(() => {
    if (workspaceId === null || typeof EventSource === 'undefined') return undefined;
    return subscribe(workspaceId, (topic) => {
      if (topic === null || topic === 'thread') changed();
    });
  }, [workspaceId]);
}
