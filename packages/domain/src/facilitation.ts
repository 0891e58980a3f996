import { z } from 'zod';
import { IsoDate } from './clause';
import { ThemeId } from './themes';

/**
 * Facilitator mode (issue #6): meetings with an agenda and timeboxes, follow-the-facilitator,
 * the speaking queue, the parking lot, consent rounds with their decision log, the
 * process-first gate, clause locks and minutes. Request bodies and answers of that API, shared
 * so web forms validate exactly as the server does. All of it lives on the server (SQL), never
 * in a shared Y.Doc; every member of a workspace may read all of it (nothing here is private
 * to a party). Rules: apps/server/SPEC.md (MEET-*, CONS-*, LOCK-*, GATE-*, MIN-*).
 */

const LONE_SURROGATE = /\p{Cs}/u;
const WELL_FORMED = { message: 'contains an invalid character' };
const wellFormed = (s: string) => !LONE_SURROGATE.test(s);
const text = (max: number) => z.string().trim().min(1).max(max).refine(wellFormed, WELL_FORMED);
const optionalText = (max: number) =>
  z.string().trim().max(max).refine(wellFormed, WELL_FORMED).optional();
const id = z.string().trim().min(1).max(64);
/** An ISO 8601 instant with offset, e.g. "2026-12-01T19:30:00.000Z". */
const Instant = z.iso.datetime({ offset: true });

// ---------------------------------------------------------------------------------------------
// Meetings and agenda

export const MeetingStatus = z.enum(['planned', 'running', 'ended']);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

/** Longest timebox of one agenda item, in minutes. */
export const TIMEBOX_MAX_MINUTES = 480;
export const AGENDA_MAX_ITEMS = 50;

export const AgendaItemInput = z.object({
  title: text(200),
  /** What the item is about: a document, optionally one clause or theme section of it. */
  documentId: id.optional(),
  clauseId: id.optional(),
  theme: ThemeId.optional(),
  timeboxMinutes: z.number().int().min(1).max(TIMEBOX_MAX_MINUTES),
});
export type AgendaItemInput = z.infer<typeof AgendaItemInput>;

/** `POST /api/workspaces/:id/meetings` (facilitator). */
export const CreateMeetingBody = z.object({
  title: text(200),
  scheduledFor: Instant,
  items: z.array(AgendaItemInput).max(AGENDA_MAX_ITEMS).default([]),
});
export type CreateMeetingBody = z.infer<typeof CreateMeetingBody>;

/** `PATCH /api/workspaces/:id/meetings/:meetingId` (facilitator; `items` only while planned). */
export const UpdateMeetingBody = z
  .object({
    title: text(200).optional(),
    scheduledFor: Instant.optional(),
    items: z.array(AgendaItemInput).max(AGENDA_MAX_ITEMS).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
export type UpdateMeetingBody = z.infer<typeof UpdateMeetingBody>;

/** `POST …/meetings/:meetingId/current` (facilitator): move to an agenda item (null: none). */
export const CurrentItemBody = z.object({ itemId: id.nullable() });

/** `POST …/meetings/:meetingId/focus` (facilitator): the clause everyone following looks at. */
export const FocusBody = z.object({ documentId: id, clauseId: id.nullable() });
export type FocusBody = z.infer<typeof FocusBody>;

export interface AgendaItemDto {
  id: string;
  title: string;
  documentId: string | null;
  clauseId: string | null;
  theme: ThemeId | null;
  timeboxMinutes: number;
  /** Time spent on it so far, in seconds, not counting the running stretch. */
  spentSeconds: number;
  /** When the running stretch began (this is the current item of a running meeting), else null. */
  runningSince: string | null;
}

export interface MeetingFocusDto {
  documentId: string;
  clauseId: string | null;
  /** Bumped on every focus change, so a client can tell a new focus from a repeat. */
  seq: number;
}

export interface AttendeeDto {
  userId: string;
  name: string;
  partyId: string | null;
  role: string;
  firstSeenAt: string;
}

export interface MeetingDto {
  id: string;
  workspaceId: string;
  title: string;
  scheduledFor: string;
  status: MeetingStatus;
  startedAt: string | null;
  endedAt: string | null;
  currentItemId: string | null;
  items: AgendaItemDto[];
  focus: MeetingFocusDto | null;
  attendees: AttendeeDto[];
  /** The server's clock when this answer was made: clients time the timebox against it. */
  serverTime: string;
}

/**
 * Seconds left of an item's timebox at `nowMs` (server time); negative when over time.
 * Every client computes this from the same server timestamps, so their timers agree.
 */
export function secondsLeft(item: AgendaItemDto, nowMs: number): number {
  const running = item.runningSince ? Math.max(0, nowMs - Date.parse(item.runningSince)) : 0;
  return item.timeboxMinutes * 60 - item.spentSeconds - Math.floor(running / 1000);
}

// ---------------------------------------------------------------------------------------------
// Speaking queue

export const SpeakingStatus = z.enum(['waiting', 'speaking', 'done', 'withdrawn']);
export type SpeakingStatus = z.infer<typeof SpeakingStatus>;

export interface SpeakingEntryDto {
  id: string;
  userId: string;
  name: string;
  partyId: string | null;
  status: SpeakingStatus;
  raisedAt: string;
  startedAt: string | null;
  endedAt: string | null;
}

/** Turns and speaking time per party in one meeting (null party: facilitator/observers). */
export interface SpeakingBalanceDto {
  partyId: string | null;
  turns: number;
  seconds: number;
}

/** `GET …/meetings/:meetingId/queue`. */
export interface SpeakingQueueDto {
  entries: SpeakingEntryDto[];
  balance: SpeakingBalanceDto[];
}

/** `POST …/meetings/:meetingId/queue/next` (facilitator): give the floor (default: first waiting). */
export const GiveFloorBody = z.object({ entryId: id.optional() });

// ---------------------------------------------------------------------------------------------
// Parking lot

/** Where a parked topic stands against the scope of the process agreements. */
export const ParkingScope = z.enum(['in-scope', 'out-of-scope', 'unclear']);
export type ParkingScope = z.infer<typeof ParkingScope>;

export const ParkingStatus = z.enum(['open', 'done']);
export type ParkingStatus = z.infer<typeof ParkingStatus>;

/** `POST /api/workspaces/:id/parking` (facilitator and negotiators). */
export const CreateParkingBody = z.object({
  title: text(200),
  note: optionalText(2000),
  scope: ParkingScope.default('unclear'),
  theme: ThemeId.optional(),
  /** A comment thread moved out of the meeting. */
  threadId: id.optional(),
  meetingId: id.optional(),
});
export type CreateParkingBody = z.infer<typeof CreateParkingBody>;

export const UpdateParkingBody = z
  .object({
    title: text(200).optional(),
    note: optionalText(2000),
    scope: ParkingScope.optional(),
    theme: ThemeId.nullable().optional(),
    status: ParkingStatus.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

export interface ParkingItemDto {
  id: string;
  workspaceId: string;
  meetingId: string | null;
  title: string;
  note: string;
  scope: ParkingScope;
  theme: ThemeId | null;
  threadId: string | null;
  status: ParkingStatus;
  createdBy: { userId: string; name: string };
  createdAt: string;
}

// ---------------------------------------------------------------------------------------------
// Consent rounds, decisions, the process gate and locks

export const Position = z.enum(['agree', 'reservation', 'object']);
export type Position = z.infer<typeof Position>;

export const ConsentTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('clause'), documentId: id, clauseId: id }),
  z.object({ kind: z.literal('process'), documentId: id }),
]);
export type ConsentTarget = z.infer<typeof ConsentTarget>;

/** `POST /api/workspaces/:id/consent-rounds` (facilitator). */
export const OpenRoundBody = z.object({ target: ConsentTarget, meetingId: id.optional() });

/** `PUT …/consent-rounds/:roundId/position` (a negotiator, for their own party). */
export const PositionBody = z
  .object({ position: Position, reason: optionalText(2000) })
  .refine((b) => b.position === 'agree' || (b.reason !== undefined && b.reason !== ''), {
    message: 'a reservation or an objection needs a reason',
    path: ['reason'],
  });
export type PositionBody = z.infer<typeof PositionBody>;

export const RoundStatus = z.enum(['open', 'closed']);
export const RoundOutcome = z.enum(['agreed', 'not-agreed', 'cancelled']);
export type RoundOutcome = z.infer<typeof RoundOutcome>;

/** `POST …/consent-rounds/:roundId/close` (facilitator): end a round that has not reached consent. */
export const CloseRoundBody = z.object({
  outcome: z.enum(['not-agreed', 'cancelled']),
  reason: optionalText(2000),
});

export interface PositionDto {
  partyId: string;
  position: Position;
  reason: string;
  userId: string;
  name: string;
  at: string;
}

export interface ConsentRoundDto {
  id: string;
  workspaceId: string;
  meetingId: string | null;
  target: ConsentTarget;
  /** The clause's number and text when the round opened (what the parties are agreeing to). */
  clauseNumber: string | null;
  text: string;
  status: z.infer<typeof RoundStatus>;
  outcome: RoundOutcome | null;
  positions: PositionDto[];
  openedAt: string;
  closedAt: string | null;
}

/** Where a round stands: every party counted once, by its latest position. */
export interface TallyDto {
  agree: string[];
  reservation: string[];
  object: string[];
  /** Parties that have not stated a position yet. */
  missing: string[];
  /** Every party consents (agree or agree with reservation) and nobody objects. */
  consent: boolean;
}

/**
 * The tally of a round over the workspace's parties. Positions of parties that are not (or no
 * longer) in the workspace do not count; a workspace without parties never reaches consent.
 */
export function tally(partyIds: readonly string[], positions: readonly PositionDto[]): TallyDto {
  const latest = new Map<string, Position>();
  for (const p of positions) if (partyIds.includes(p.partyId)) latest.set(p.partyId, p.position);
  const of = (want: Position) => partyIds.filter((id) => latest.get(id) === want);
  const t = {
    agree: of('agree'),
    reservation: of('reservation'),
    object: of('object'),
    missing: partyIds.filter((id) => !latest.has(id)),
  };
  return {
    ...t,
    consent: partyIds.length > 0 && t.missing.length === 0 && t.object.length === 0,
  };
}

export const DecisionKind = z.enum(['consent', 'gate-override', 'reopen']);
export type DecisionKind = z.infer<typeof DecisionKind>;

export interface DecisionDto {
  id: string;
  workspaceId: string;
  meetingId: string | null;
  kind: DecisionKind;
  roundId: string | null;
  target: ConsentTarget;
  clauseNumber: string | null;
  /** consent: the round's outcome; gate-override: "opened"; reopen: "reopened". */
  outcome: string;
  reason: string;
  positions: PositionDto[];
  actor: { userId: string; name: string };
  at: string;
}

/** `POST /api/workspaces/:id/process-gate/override` (facilitator). */
export const GateOverrideBody = z.object({ reason: text(2000) });

/** `POST …/documents/:docId/clauses/:clauseId/reopen` (facilitator). */
export const ReopenBody = z.object({ reason: text(2000) });

export interface ProcessGateDto {
  /** True once every party agreed to the process agreements, or the facilitator overrode. */
  open: boolean;
  /**
   * Whether the workspace works process first (`WorkspaceDto.processFirst`): only then does a
   * closed gate keep the agreement read-only for negotiators.
   */
  processFirst: boolean;
  decisionId: string | null;
  via: 'consent' | 'override' | null;
  at: string | null;
}

export interface ClauseLockDto {
  documentId: string;
  clauseId: string;
  decisionId: string;
  lockedAt: string;
}

/** `GET /api/workspaces/:id/facilitation`: one answer with everything a screen needs to start. */
export interface FacilitationStateDto {
  gate: ProcessGateDto;
  locks: ClauseLockDto[];
  rounds: ConsentRoundDto[];
  /** The running meeting, else null. */
  current: MeetingDto | null;
}

// ---------------------------------------------------------------------------------------------
// Minutes and action items

export const ActionItemBody = z.object({
  description: text(500),
  ownerPartyId: id.nullable().optional(),
  ownerUserId: id.nullable().optional(),
  due: IsoDate.nullable().optional(),
});
export type ActionItemBody = z.infer<typeof ActionItemBody>;

export interface ActionItemDto {
  id: string;
  meetingId: string;
  description: string;
  ownerPartyId: string | null;
  ownerUserId: string | null;
  due: string | null;
  createdAt: string;
}

export const MinutesStatus = z.enum(['draft', 'locked']);
export type MinutesStatus = z.infer<typeof MinutesStatus>;

/** Longest minutes text (Markdown), in characters. */
export const MINUTES_MAX_LENGTH = 200_000;

/** `PUT …/meetings/:meetingId/minutes` (members who are not observers): amend the draft. */
export const AmendMinutesBody = z.object({
  body: z.string().max(MINUTES_MAX_LENGTH).refine(wellFormed, WELL_FORMED),
  /** The version the edit started from; 409 when someone amended meanwhile. */
  version: z.number().int().min(1),
});

export interface MinutesApprovalDto {
  partyId: string;
  userId: string;
  name: string;
  at: string;
}

export interface MinutesDto {
  meetingId: string;
  status: MinutesStatus;
  /** Markdown; generated when the meeting ends, then amended by members. */
  body: string;
  version: number;
  /** Approvals of the current version; an amendment clears them. */
  approvals: MinutesApprovalDto[];
  updatedAt: string;
  updatedBy: { userId: string; name: string } | null;
  lockedAt: string | null;
}

// ---------------------------------------------------------------------------------------------
// Live events

/** What changed; screens refetch that part. Carries no content, so every member may receive it. */
export const FacilitationTopic = z.enum([
  'meeting',
  'queue',
  'parking',
  'consent',
  'gate',
  'locks',
  'minutes',
  'actions',
]);
export type FacilitationTopic = z.infer<typeof FacilitationTopic>;

/** The data of a `facilitation` event on the workspace's event stream. */
export interface FacilitationEventData {
  topic: FacilitationTopic;
  meetingId: string | null;
}

/**
 * The parties whose consent and approval count: those with at least one negotiator. A party
 * nobody negotiates for cannot state a position, and must not block every round forever.
 */
export function votingParties<P extends { id: string }>(
  parties: readonly P[],
  members: readonly { role: string; partyId: string | null }[],
): P[] {
  return parties.filter((p) => members.some((m) => m.role === 'negotiator' && m.partyId === p.id));
}
