import type { MeetingStatus, Role, ThemeId } from '@akkoord/domain';

/** Times are epoch milliseconds throughout (the DTOs turn them into ISO strings). */
export interface MeetingRecord {
  id: string;
  workspaceId: string;
  title: string;
  scheduledFor: number;
  status: MeetingStatus;
  startedAt: number | null;
  endedAt: number | null;
  currentItemId: string | null;
  focus: { documentId: string; clauseId: string | null; seq: number } | null;
  createdBy: string;
  createdAt: number;
}

export interface AgendaItemRecord {
  id: string;
  meetingId: string;
  title: string;
  documentId: string | null;
  clauseId: string | null;
  theme: ThemeId | null;
  timeboxMinutes: number;
  /** Time spent before the running stretch (milliseconds, so stretches add up without rounding). */
  spentMs: number;
  runningSince: number | null;
}

export interface AttendeeRecord {
  meetingId: string;
  userId: string;
  /** The account's name now. */
  name: string;
  partyId: string | null;
  role: Role;
  firstSeenAt: number;
}

export type StartOutcome = 'started' | 'not-planned' | 'other-running';

/**
 * Meetings with their agenda and attendance. Every state change is conditional on the meeting's
 * status inside one transaction, so a race between two facilitator tabs cannot, say, move the
 * timer of an ended meeting; the answer says whether it applied. Rules are the service's.
 */
export interface MeetingStore {
  /** The meeting and its items (in order), atomically. */
  create(meeting: MeetingRecord, items: readonly AgendaItemRecord[]): Promise<void>;
  meeting(workspaceId: string, meetingId: string): Promise<MeetingRecord | null>;
  /** By `scheduledFor`, then creation. */
  meetingsOf(workspaceId: string): Promise<MeetingRecord[]>;
  running(workspaceId: string): Promise<MeetingRecord | null>;
  /** Items of these meetings, in agenda order. */
  items(meetingIds: readonly string[]): Promise<AgendaItemRecord[]>;
  /** Attendees of these meetings, first seen first. */
  attendees(meetingIds: readonly string[]): Promise<AttendeeRecord[]>;
  /**
   * Title and time always; `items` (replacing the agenda) only while planned: false when the
   * meeting is no longer planned (then nothing changed).
   */
  update(
    meetingId: string,
    fields: { title?: string; scheduledFor?: number },
    items?: readonly AgendaItemRecord[],
  ): Promise<boolean>;
  /** Planned meetings only; false otherwise. */
  delete(meetingId: string): Promise<boolean>;
  /** Runs the first item's timer and keeps the agreement's clauses (JSON or null). */
  start(meetingId: string, at: number, clausesAtStart: string | null): Promise<StartOutcome>;
  /** Adds the running stretch to the current item and starts `itemId`'s; running only. */
  moveTo(meetingId: string, itemId: string | null, at: number): Promise<boolean>;
  /** Sets the focus and bumps its sequence number; running only. */
  setFocus(meetingId: string, documentId: string, clauseId: string | null): Promise<boolean>;
  /** Records the member once (the first time wins); false when the meeting is not running. */
  attend(
    meetingId: string,
    userId: string,
    as: { partyId: string | null; role: Role },
    at: number,
  ): Promise<boolean>;
  /** Stops the timer, ends the speaker's turn, clears the focus; running only. */
  end(meetingId: string, at: number): Promise<boolean>;
  /** The stored clauses of the agreement at start (JSON), or null. */
  clausesAtStart(meetingId: string): Promise<string | null>;
}
