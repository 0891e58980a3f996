import type { MeetingDto } from '@akkoord/domain';
import { useEffect, useSyncExternalStore } from 'react';
import { ApiError } from '../apiClient';
import { useFacilitationEvents } from '../useWorkspaceEvents';
import { meetingsApi, type TimedMeeting } from './meetingsApi';
import { clockOffset } from './serverClock';

export type CurrentMeeting =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiError }
  /** `meeting` is the running meeting or null; `offsetMs` is the server clock minus ours. */
  | { status: 'ready'; meeting: MeetingDto | null; offsetMs: number };

interface Entry {
  snapshot: CurrentMeeting;
  listeners: Set<() => void>;
  inFlight: boolean;
  /** An event came in while loading: load once more afterwards, the answer may be stale. */
  again: boolean;
}

/**
 * One copy of "the running meeting" per workspace for the whole page: the agenda bar and the
 * editor's follow-me hook read the same answer, so one event means one request, not one each.
 */
const entries = new Map<string, Entry>();
const loading: CurrentMeeting = { status: 'loading' };

function entryOf(workspaceId: string): Entry {
  let entry = entries.get(workspaceId);
  if (!entry) {
    entry = { snapshot: loading, listeners: new Set(), inFlight: false, again: false };
    entries.set(workspaceId, entry);
  }
  return entry;
}

function publish(entry: Entry, snapshot: CurrentMeeting): void {
  entry.snapshot = snapshot;
  for (const listener of [...entry.listeners]) listener();
}

function refresh(workspaceId: string): void {
  const entry = entryOf(workspaceId);
  if (entry.inFlight) {
    entry.again = true;
    return;
  }
  entry.inFlight = true;
  entry.again = false;
  meetingsApi
    .list(workspaceId)
    .then(
      ({ meetings, receivedAt }) => {
        const meeting = meetings.find((m) => m.status === 'running') ?? null;
        publish(entry, {
          status: 'ready',
          meeting,
          offsetMs: meeting === null ? 0 : clockOffset(meeting.serverTime, receivedAt),
        });
      },
      (error: unknown) => {
        // Keep showing the last good answer through a passing failure; say so only at first.
        if (entry.snapshot.status !== 'ready') {
          publish(entry, {
            status: 'failed',
            error: error instanceof ApiError ? error : new ApiError('internal', 0, String(error)),
          });
        }
      },
    )
    .finally(() => {
      entry.inFlight = false;
      if (entry.again) refresh(workspaceId);
    });
}

/** Shows a meeting the server just returned (after start, next item…) without another request. */
export function publishCurrentMeeting(workspaceId: string, timed: TimedMeeting): void {
  const running = timed.meeting.status === 'running';
  publish(entryOf(workspaceId), {
    status: 'ready',
    meeting: running ? timed.meeting : null,
    offsetMs: running ? clockOffset(timed.meeting.serverTime, timed.receivedAt) : 0,
  });
}

/** For tests: forget every workspace's copy. */
export function resetCurrentMeetings(): void {
  entries.clear();
}

/** The workspace's running meeting (or null), kept live by the facilitation event stream. */
export function useCurrentMeeting(workspaceId: string): CurrentMeeting {
  const subscribe = (listener: () => void) => {
    const entry = entryOf(workspaceId);
    entry.listeners.add(listener);
    return () => entry.listeners.delete(listener);
  };
  const snapshot = useSyncExternalStore(subscribe, () => entryOf(workspaceId).snapshot);
  useEffect(() => {
    if (workspaceId !== '') refresh(workspaceId);
  }, [workspaceId]);
  useFacilitationEvents(workspaceId === '' ? null : workspaceId, ['meeting'], () =>
    refresh(workspaceId),
  );
  return snapshot;
}
