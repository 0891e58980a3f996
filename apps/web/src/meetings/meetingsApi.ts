import type {
  CreateMeetingBody,
  CreateParkingBody,
  DocumentExport,
  FocusBody,
  MeetingDto,
  MinutesDto,
  ParkingItemDto,
  ParkingScope,
  ParkingStatus,
  SpeakingEntryDto,
  SpeakingQueueDto,
  ThemeId,
  UpdateMeetingBody,
} from '@akkoord/domain';
import { send, type Method } from '../apiClient';

/**
 * Fetch wrappers for the Meetings, Speaking queue and Parking lot routes of
 * apps/server/FACILITATION.md, on apiClient's `send`: a 401 here ends the session like
 * apiClient's own calls.
 */

async function json<T>(method: Method, path: string, body?: unknown): Promise<T> {
  return (await (await send(method, path, body)).json()) as T;
}

async function empty(method: Method, path: string, body?: unknown): Promise<void> {
  await send(method, path, body);
}

const ws = (id: string) => `/workspaces/${encodeURIComponent(id)}`;
const meeting = (id: string, meetingId: string) =>
  `${ws(id)}/meetings/${encodeURIComponent(meetingId)}`;

/** A meeting as answered, with when the answer arrived (for the clock offset). */
export interface TimedMeeting {
  meeting: MeetingDto;
  /** Our clock (ms) halfway between sending the request and reading the answer. */
  receivedAt: number;
}

/** Times a call so the server's `serverTime` can be compared with our own clock. */
async function timed<T>(call: () => Promise<T>): Promise<{ value: T; receivedAt: number }> {
  const sentAt = Date.now();
  const value = await call();
  // The server stamped its time somewhere during the round trip; the middle is the best guess.
  return { value, receivedAt: Math.round((sentAt + Date.now()) / 2) };
}

async function timedMeeting(call: () => Promise<{ meeting: MeetingDto }>): Promise<TimedMeeting> {
  const { value, receivedAt } = await timed(call);
  return { meeting: value.meeting, receivedAt };
}

export interface UpdateParking {
  title?: string;
  note?: string;
  scope?: ParkingScope;
  theme?: ThemeId | null;
  status?: ParkingStatus;
}

export const meetingsApi = {
  list: async (id: string) => {
    const { value, receivedAt } = await timed(() =>
      json<{ meetings: MeetingDto[] }>('GET', `${ws(id)}/meetings`),
    );
    return { meetings: value.meetings, receivedAt };
  },
  get: (id: string, meetingId: string) =>
    timedMeeting(() => json<{ meeting: MeetingDto }>('GET', meeting(id, meetingId))),
  create: (id: string, body: CreateMeetingBody) =>
    json<{ meeting: MeetingDto }>('POST', `${ws(id)}/meetings`, body),
  update: (id: string, meetingId: string, body: UpdateMeetingBody) =>
    json<{ meeting: MeetingDto }>('PATCH', meeting(id, meetingId), body),
  remove: (id: string, meetingId: string) => empty('DELETE', meeting(id, meetingId)),
  start: (id: string, meetingId: string) =>
    timedMeeting(() => json<{ meeting: MeetingDto }>('POST', `${meeting(id, meetingId)}/start`)),
  setCurrent: (id: string, meetingId: string, itemId: string | null) =>
    timedMeeting(() =>
      json<{ meeting: MeetingDto }>('POST', `${meeting(id, meetingId)}/current`, { itemId }),
    ),
  focus: (id: string, meetingId: string, body: FocusBody) =>
    json<{ meeting: MeetingDto }>('POST', `${meeting(id, meetingId)}/focus`, body),
  attend: (id: string, meetingId: string) => empty('POST', `${meeting(id, meetingId)}/attend`),
  end: (id: string, meetingId: string) =>
    json<{ meeting: MeetingDto; minutes: MinutesDto }>('POST', `${meeting(id, meetingId)}/end`),

  queue: (id: string, meetingId: string) =>
    json<SpeakingQueueDto>('GET', `${meeting(id, meetingId)}/queue`),
  raiseHand: (id: string, meetingId: string) =>
    json<{ entry: SpeakingEntryDto }>('POST', `${meeting(id, meetingId)}/queue`),
  lowerHand: (id: string, meetingId: string) =>
    empty('DELETE', `${meeting(id, meetingId)}/queue/mine`),
  giveFloor: (id: string, meetingId: string, entryId?: string) =>
    json<SpeakingQueueDto>(
      'POST',
      `${meeting(id, meetingId)}/queue/next`,
      entryId === undefined ? {} : { entryId },
    ),
  endTurn: (id: string, meetingId: string) =>
    json<SpeakingQueueDto>('POST', `${meeting(id, meetingId)}/queue/done`),

  /** The document's clauses (number, theme, text) through the export route: no Y.Doc needed. */
  documentClauses: (id: string, documentId: string) =>
    json<DocumentExport>(
      'GET',
      `${ws(id)}/documents/${encodeURIComponent(documentId)}/export?format=json`,
    ).then((answer) => answer.clauses),

  parking: (id: string) => json<{ items: ParkingItemDto[] }>('GET', `${ws(id)}/parking`),
  park: (id: string, body: CreateParkingBody) =>
    json<{ item: ParkingItemDto }>('POST', `${ws(id)}/parking`, body),
  updateParking: (id: string, itemId: string, body: UpdateParking) =>
    json<{ item: ParkingItemDto }>(
      'PATCH',
      `${ws(id)}/parking/${encodeURIComponent(itemId)}`,
      body,
    ),
};
