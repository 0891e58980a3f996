import type { AgendaItemDto, MeetingDto } from '@akkoord/domain';
import type { AgendaItemRecord, AttendeeRecord, MeetingRecord } from './MeetingStore';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function toItemDto(it: AgendaItemRecord): AgendaItemDto {
  return {
    id: it.id,
    title: it.title,
    documentId: it.documentId,
    clauseId: it.clauseId,
    theme: it.theme,
    timeboxMinutes: it.timeboxMinutes,
    // Whole seconds: `secondsLeft` floors the running stretch the same way.
    spentSeconds: Math.floor(it.spentMs / 1000),
    runningSince: isoOrNull(it.runningSince),
  };
}

/** A meeting as answered; `serverTime` is the clock the answer was made at (MEET-2). */
export function toMeetingDto(
  m: MeetingRecord,
  items: readonly AgendaItemRecord[],
  attendees: readonly AttendeeRecord[],
  now: number,
): MeetingDto {
  return {
    id: m.id,
    workspaceId: m.workspaceId,
    title: m.title,
    scheduledFor: iso(m.scheduledFor),
    status: m.status,
    startedAt: isoOrNull(m.startedAt),
    endedAt: isoOrNull(m.endedAt),
    currentItemId: m.currentItemId,
    items: items.filter((it) => it.meetingId === m.id).map(toItemDto),
    // MEET-3: a focus exists only while the meeting runs.
    focus: m.status === 'running' ? m.focus : null,
    attendees: attendees
      .filter((a) => a.meetingId === m.id)
      .map((a) => ({
        userId: a.userId,
        name: a.name,
        partyId: a.partyId,
        role: a.role,
        firstSeenAt: iso(a.firstSeenAt),
      })),
    serverTime: iso(now),
  };
}
