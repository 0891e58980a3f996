// Shared set-up for the meeting component tests (imported by *.test.tsx only).
import type { AgendaItemDto, MeetingDto } from '@akkoord/domain';
import { afterEach, vi } from 'vitest';
import { resetAttendance } from './attendance';
import { resetFollowSettings } from './followSettings';
import { resetCurrentMeetings } from './useCurrentMeeting';

/** A silent event stream: tests drive changes through the fake server's answers. */
class QuietEventSource {
  addEventListener(): void {}
  close(): void {}
}

export function quietEvents(): void {
  vi.stubGlobal('EventSource', QuietEventSource);
}

afterEach(() => {
  resetCurrentMeetings();
  resetAttendance();
  resetFollowSettings();
});

export function agendaItem(over: Partial<AgendaItemDto> = {}): AgendaItemDto {
  return {
    id: 'i1',
    title: 'Huurverhoging 2027',
    documentId: null,
    clauseId: null,
    theme: null,
    timeboxMinutes: 10,
    spentSeconds: 0,
    runningSince: null,
    ...over,
  };
}

export function runningMeeting(over: Partial<MeetingDto> = {}): MeetingDto {
  return {
    id: 'm1',
    workspaceId: 'w_1',
    title: 'Overleg december',
    scheduledFor: '2026-12-01T18:30:00.000Z',
    status: 'running',
    startedAt: '2026-12-01T18:30:00.000Z',
    endedAt: null,
    currentItemId: 'i1',
    items: [agendaItem()],
    focus: null,
    attendees: [],
    serverTime: '2026-12-01T18:35:00.000Z',
    ...over,
  };
}
