import type {
  CommentDto,
  CreateCommentBody,
  CreateThreadBody,
  EditCommentBody,
  ThreadDto,
  ThreadStatus,
} from '@akkoord/domain';
import type {
  ChangesResponse,
  EmailFrequency,
  MemberDto,
  NotificationListDto,
  NotificationPreferencesDto,
  PartyDto,
  PartyKind,
  Role,
  UserDto,
  WorkspaceDto,
  WaitingOnResponse,
  WorkspaceSummaryDto,
} from '@akkoord/domain';
import { ErrorStatus, type ErrorCode } from '@akkoord/protocol';

/** `network`: no answer at all (offline, server down); everything else is the server's code. */
export type ApiErrorCode = ErrorCode | 'network';

/** A failed API call, with what the pages need to explain it. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    readonly status: number,
    message: string,
    /** Per-field problems of a `validation_failed` answer (`details.fields`). */
    readonly fields: Readonly<Record<string, string>> = {},
    /** How long to wait after `rate_limited`, when the server says. */
    readonly retryAfterSeconds: number | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown, code?: ApiErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

export interface CreatedInvitationDto {
  id: string;
  token: string;
  url: string;
  role: Role;
  partyId: string | null;
  expiresAt: number;
  maxUses: number;
}

export interface InvitationSummaryDto {
  id: string;
  role: Role;
  partyId: string | null;
  expiresAt: number;
  maxUses: number;
  uses: number;
  revoked: boolean;
}

export interface InvitationPreviewDto {
  workspace: { id: string; title: string };
  role: Role;
  party: PartyDto | null;
  expiresAt: number;
}

export interface AuditEntryDto {
  id: number;
  actorId: string;
  actorName: string;
  action: string;
  details: unknown;
  at: number;
}

export type MembershipDto = MemberDto & { workspaceId: string };

export interface NewWorkspace {
  title: string;
  municipality?: string;
  period?: string;
  parties?: { name: string; kind: PartyKind; color?: string }[];
}

export interface NewInvitation {
  role: Role;
  partyId?: string;
  expiresInHours?: number;
  maxUses?: number;
}

const errorCodes = Object.keys(ErrorStatus) as ErrorCode[];

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as string[]).includes(value);
}

/** A proxy or a crash may answer without our JSON shape; the status still says what happened. */
function codeForStatus(status: number): ErrorCode {
  return errorCodes.find((code) => ErrorStatus[code] === status) ?? 'internal';
}

function readFields(details: unknown): Record<string, string> {
  if (typeof details !== 'object' || details === null) return {};
  const fields = (details as { fields?: unknown }).fields;
  if (typeof fields !== 'object' || fields === null) return {};
  return Object.fromEntries(
    Object.entries(fields).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

function readRetryAfter(response: Response, details: unknown): number | null {
  const header = response.headers.get('Retry-After');
  if (header !== null && /^\d+$/.test(header.trim())) return Number(header);
  const seconds = (details as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds >= 0 ? seconds : null;
}

export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: fall back to the status alone.
  }
  const error = (
    body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null
  )?.error;
  const code = isErrorCode(error?.code) ? error.code : codeForStatus(response.status);
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`;
  return new ApiError(
    code,
    response.status,
    message,
    readFields(error?.details),
    readRetryAfter(response, error?.details),
  );
}

let unauthenticatedListener: (() => void) | null = null;

/**
 * Told when the server answers 401 outside the login form: the session expired or was ended
 * elsewhere, so the app should forget who is logged in.
 */
export function onUnauthenticated(listener: (() => void) | null): void {
  unauthenticatedListener = listener;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface SendOptions {
  /**
   * Whether a 401 tells the app that the session ended (`onUnauthenticated`). Default: yes, except
   * on the /auth/ routes, where a 401 is the login form's answer to a wrong password.
   */
  reportUnauthenticated?: boolean;
}

/**
 * One API call, for `api` here and the feature modules' own wrappers (meetings, minutes,
 * consent). The session travels in the httpOnly cookie; the browser adds the Origin header the
 * server checks on state-changing requests by itself (same-origin fetch, non-GET). A failure is
 * thrown as `ApiError` (`network` when no answer came).
 */
export async function send(
  method: Method,
  path: string,
  body?: unknown,
  { reportUnauthenticated = !path.startsWith('/auth/') }: SendOptions = {},
): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (cause) {
    throw new ApiError('network', 0, 'The server could not be reached', {}, null, { cause });
  }
  if (response.ok) return response;
  const error = await errorFromResponse(response);
  if (error.code === 'unauthenticated' && reportUnauthenticated) unauthenticatedListener?.();
  throw error;
}

async function json<T>(method: Method, path: string, body?: unknown): Promise<T> {
  return (await (await send(method, path, body)).json()) as T;
}

async function empty(method: Method, path: string, body?: unknown): Promise<void> {
  await send(method, path, body);
}

const ws = (id: string) => `/workspaces/${encodeURIComponent(id)}`;

export const api = {
  register: (body: { email: string; password: string; name: string }) =>
    json<{ user: UserDto }>('POST', '/auth/register', body),
  login: (body: { email: string; password: string }) =>
    json<{ user: UserDto }>('POST', '/auth/login', body),
  logout: () => empty('POST', '/auth/logout'),
  me: () => json<{ user: UserDto }>('GET', '/me'),

  listWorkspaces: () => json<{ workspaces: WorkspaceSummaryDto[] }>('GET', '/workspaces'),
  createWorkspace: (body: NewWorkspace) =>
    json<{ workspace: WorkspaceDto }>('POST', '/workspaces', body),
  getWorkspace: (id: string) => json<{ workspace: WorkspaceDto }>('GET', ws(id)),
  updateWorkspace: (id: string, body: { title?: string; municipality?: string; period?: string }) =>
    json<{ workspace: WorkspaceDto }>('PATCH', ws(id), body),
  addParty: (id: string, body: { name: string; kind: PartyKind }) =>
    json<{ party: PartyDto }>('POST', `${ws(id)}/parties`, body),

  createInvitation: (id: string, body: NewInvitation) =>
    json<{ invitation: CreatedInvitationDto }>('POST', `${ws(id)}/invitations`, body),
  listInvitations: (id: string) =>
    json<{ invitations: InvitationSummaryDto[] }>('GET', `${ws(id)}/invitations`),
  revokeInvitation: (id: string, invitationId: string) =>
    empty('DELETE', `${ws(id)}/invitations/${encodeURIComponent(invitationId)}`),

  updateMember: (id: string, userId: string, body: { role: Role; partyId?: string }) =>
    json<{ member: MemberDto }>('PATCH', `${ws(id)}/members/${encodeURIComponent(userId)}`, body),
  removeMember: (id: string, userId: string) =>
    empty('DELETE', `${ws(id)}/members/${encodeURIComponent(userId)}`),

  audit: (id: string) => json<{ entries: AuditEntryDto[] }>('GET', `${ws(id)}/audit`),

  previewInvitation: (token: string) =>
    json<{ invitation: InvitationPreviewDto }>('GET', `/invitations/${encodeURIComponent(token)}`),
  acceptInvitation: (token: string) =>
    json<{ membership: MembershipDto }>('POST', `/invitations/${encodeURIComponent(token)}/accept`),

  listNotifications: (query: { unread?: boolean; before?: string; limit?: number } = {}) => {
    const params = new URLSearchParams();
    if (query.unread === true) params.set('unread', '1');
    if (query.before !== undefined) params.set('before', query.before);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const search = params.toString();
    return json<NotificationListDto>('GET', `/notifications${search === '' ? '' : `?${search}`}`);
  },
  markNotificationRead: (id: string) =>
    json<{ unreadCount: number }>('POST', `/notifications/${encodeURIComponent(id)}/read`),
  markAllNotificationsRead: () => json<{ unreadCount: number }>('POST', '/notifications/read-all'),
  notificationPreferences: () =>
    json<{ preferences: NotificationPreferencesDto }>('GET', '/me/notification-preferences'),
  setNotificationPreferences: (body: { email: EmailFrequency }) =>
    json<{ preferences: NotificationPreferencesDto }>('PUT', '/me/notification-preferences', body),

  documentChanges: (id: string, documentId: string) =>
    json<ChangesResponse>('GET', `${ws(id)}/documents/${encodeURIComponent(documentId)}/changes`),
  markDocumentSeen: (id: string, documentId: string, version?: string) =>
    empty(
      'POST',
      `${ws(id)}/documents/${encodeURIComponent(documentId)}/seen`,
      version === undefined ? {} : { version },
    ),
  waitingOn: (id: string) => json<WaitingOnResponse>('GET', `${ws(id)}/waiting-on`),
};

const doc = (id: string, documentId: string) =>
  `${ws(id)}/documents/${encodeURIComponent(documentId)}`;
const thread = (id: string, threadId: string) =>
  `${ws(id)}/threads/${encodeURIComponent(threadId)}`;

/** Comment threads (issue #5): see the Comments API in apps/server/README.md. */
export const threadsApi = {
  list: (id: string, documentId: string, status?: ThreadStatus) =>
    json<{ threads: ThreadDto[] }>(
      'GET',
      `${doc(id, documentId)}/threads${status === undefined ? '' : `?status=${status}`}`,
    ),
  get: (id: string, threadId: string) => json<{ thread: ThreadDto }>('GET', thread(id, threadId)),
  create: (id: string, documentId: string, body: CreateThreadBody) =>
    json<{ thread: ThreadDto }>('POST', `${doc(id, documentId)}/threads`, body),
  reply: (id: string, threadId: string, body: CreateCommentBody) =>
    json<{ comment: CommentDto }>('POST', `${thread(id, threadId)}/comments`, body),
  edit: (id: string, threadId: string, commentId: string, body: EditCommentBody) =>
    json<{ comment: CommentDto }>(
      'PATCH',
      `${thread(id, threadId)}/comments/${encodeURIComponent(commentId)}`,
      body,
    ),
  remove: (id: string, threadId: string, commentId: string) =>
    empty('DELETE', `${thread(id, threadId)}/comments/${encodeURIComponent(commentId)}`),
  resolve: (id: string, threadId: string) =>
    json<{ thread: ThreadDto }>('POST', `${thread(id, threadId)}/resolve`),
  reopen: (id: string, threadId: string) =>
    json<{ thread: ThreadDto }>('POST', `${thread(id, threadId)}/reopen`),
  /** The live stream of `thread` events (cookie auth). */
  eventsUrl: (id: string) => `/api${ws(id)}/events`,
};
