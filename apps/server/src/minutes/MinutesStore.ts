import type {
  ActionItemDto,
  DecisionDto,
  MinutesApprovalDto,
  MinutesAttendee,
  MinutesParkingItem,
  MinutesStatus,
  AgendaItemDto,
} from '@akkoord/domain';

/** What the minutes need of a meeting (the meetings module owns the table). */
export interface MeetingFacts {
  id: string;
  workspaceId: string;
  title: string;
  status: 'planned' | 'running' | 'ended';
  startedAt: number | null;
  endedAt: number | null;
  /** `readClauses` JSON kept at the start (see visits/snapshot.ts), or null. */
  clausesAtStart: string | null;
}

/** Everything else the draft is written from, read in one go. */
export interface MeetingRecordings {
  items: Pick<AgendaItemDto, 'title' | 'timeboxMinutes' | 'spentSeconds'>[];
  attendees: MinutesAttendee[];
  decisions: Pick<
    DecisionDto,
    'kind' | 'target' | 'clauseNumber' | 'outcome' | 'reason' | 'positions'
  >[];
  parking: MinutesParkingItem[];
}

export interface MinutesRecord {
  meetingId: string;
  status: MinutesStatus;
  body: string;
  version: number;
  updatedAt: number;
  updatedBy: { userId: string; name: string } | null;
  lockedAt: number | null;
  /** Approvals of the current version only. */
  approvals: MinutesApprovalDto[];
}

export type AmendResult = 'ok' | 'missing' | 'stale' | 'locked';
export type ApproveResult = 'ok' | 'missing' | 'stale' | 'locked';

export interface ActionItemRecord extends ActionItemDto {
  /** The owning member's name, for the draft. */
  ownerName: string | null;
}

export interface ActionItemFields {
  description: string;
  ownerPartyId: string | null;
  ownerUserId: string | null;
  due: string | null;
}

/**
 * Minutes, their approvals and action items (migration 6), plus read-only access to what the
 * other facilitation modules recorded about a meeting. Times are epoch milliseconds.
 */
export interface MinutesStore {
  meeting(workspaceId: string, meetingId: string): Promise<MeetingFacts | null>;
  recordings(workspaceId: string, meetingId: string): Promise<MeetingRecordings>;
  minutes(meetingId: string): Promise<MinutesRecord | null>;
  /** Writes version 1 unless minutes exist already; true when written. */
  createDraft(meetingId: string, body: string, now: number): Promise<boolean>;
  /** Replaces the body when `fromVersion` is current and not locked; clears approvals. */
  amend(
    meetingId: string,
    body: string,
    fromVersion: number,
    userId: string,
    now: number,
  ): Promise<AmendResult>;
  /**
   * Records the party's approval of `version`; locks the minutes when every party in
   * `partyIds` approved the current version. All in one transaction.
   */
  approve(
    meetingId: string,
    partyId: string,
    userId: string,
    version: number,
    partyIds: readonly string[],
    now: number,
  ): Promise<ApproveResult>;
  actions(meetingId: string): Promise<ActionItemRecord[]>;
  action(meetingId: string, actionId: string): Promise<ActionItemRecord | null>;
  addAction(
    meetingId: string,
    id: string,
    fields: ActionItemFields,
    userId: string,
    now: number,
  ): Promise<void>;
  updateAction(meetingId: string, actionId: string, fields: ActionItemFields): Promise<void>;
  deleteAction(meetingId: string, actionId: string): Promise<boolean>;
}
