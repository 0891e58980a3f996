import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { DocumentDto, PartyDto, WorkspaceDto } from '@akkoord/domain';

/** The parts of any API answer the tests look at; each test narrows what it needs. */
export interface ApiBody {
  error?: {
    code: string;
    message: string;
    details?: { fields?: Record<string, string>; retryAfterSeconds?: number };
  };
  [key: string]: unknown;
}

export interface ApiResponse<T = ApiBody> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  /** Sent as `Authorization: Bearer`. */
  token?: string;
  /** Sent as the session cookie. */
  cookie?: string;
  origin?: string;
  /** JSON-encoded. */
  body?: unknown;
  /** Sent as-is (for malformed or oversized bodies). */
  raw?: string | Buffer;
  headers?: Record<string, string>;
}

/** One real HTTP request against the server under test. */
export async function call<T = ApiBody>(
  base: string,
  method: string,
  path: string,
  o: CallOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token !== undefined) headers.authorization = `Bearer ${o.token}`;
  if (o.cookie !== undefined) headers.cookie = `akkoord_session=${o.cookie}`;
  if (o.origin !== undefined) headers.origin = o.origin;
  let payload: string | Buffer | undefined;
  if (o.raw !== undefined) payload = o.raw;
  else if (o.body !== undefined) payload = JSON.stringify(o.body);
  if (payload !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(base + path, { method, headers, body: payload });
  const text = await res.text();
  let body: unknown = text;
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

/** Asserts the status and the contract's error shape `{"error": {"code", "message"}}`. */
export function expectError(
  res: ApiResponse<unknown>,
  status: number,
  code?: string,
): ApiBody['error'] & object {
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  const err = (res.body as ApiBody).error;
  expect(err, `error body for ${status}`).toBeDefined();
  expect(typeof err!.code).toBe('string');
  expect(typeof err!.message).toBe('string');
  expect(err!.message.length).toBeGreaterThan(0);
  if (code) expect(err!.code).toBe(code);
  return err!;
}

/** 400 validation_failed naming the given fields. */
export function expectFieldError(res: ApiResponse<unknown>, ...fields: string[]): void {
  const err = expectError(res, 400, 'validation_failed');
  const got = err.details?.fields ?? {};
  for (const f of fields) expect(Object.keys(got), `field details should name "${f}"`).toContain(f);
}

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
  token: string;
}

export const PASSWORD = 'correct-horse-battery';

export async function register(
  base: string,
  name: string,
  email = `u-${randomUUID()}@example.nl`,
): Promise<TestUser> {
  const res = await call<{ user: { id: string; email: string; name: string }; token: string }>(
    base,
    'POST',
    '/api/auth/register',
    {
      body: { email, password: PASSWORD, name },
    },
  );
  if (res.status !== 201)
    throw new Error(`register ${name} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...res.body.user, password: PASSWORD, token: res.body.token };
}

/** Registers in parallel: scrypt runs on the thread pool, so this is much faster than one by one. */
export function registerAll<K extends string>(
  base: string,
  names: readonly K[],
): Promise<Record<K, TestUser>> {
  return Promise.all(names.map((n) => register(base, n))).then(
    (users) => Object.fromEntries(names.map((n, i) => [n, users[i]!])) as Record<K, TestUser>,
  );
}

export async function createWorkspace(
  base: string,
  token: string,
  body: unknown = { title: 'Prestatieafspraken 2026' },
): Promise<WorkspaceDto> {
  const res = await call<{ workspace: WorkspaceDto }>(base, 'POST', '/api/workspaces', {
    token,
    body,
  });
  if (res.status !== 201)
    throw new Error(`create workspace failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.workspace;
}

export async function getWorkspace(base: string, token: string, id: string): Promise<WorkspaceDto> {
  const res = await call<{ workspace: WorkspaceDto }>(base, 'GET', `/api/workspaces/${id}`, {
    token,
  });
  if (res.status !== 200)
    throw new Error(`get workspace failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.workspace;
}

export interface Invitation {
  id: string;
  token: string;
  url: string;
}

export async function invite(
  base: string,
  token: string,
  workspaceId: string,
  body: unknown,
): Promise<Invitation> {
  const res = await call<{ invitation: Invitation }>(
    base,
    'POST',
    `/api/workspaces/${workspaceId}/invitations`,
    { token, body },
  );
  if (res.status !== 201)
    throw new Error(`invite failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.invitation;
}

export async function accept(base: string, token: string, invitationToken: string): Promise<void> {
  const res = await call(base, 'POST', `/api/invitations/${invitationToken}/accept`, { token });
  if (res.status !== 200)
    throw new Error(`accept failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Makes `user` a member of the workspace with the given role, through a fresh invitation. */
export async function join(
  base: string,
  facilitatorToken: string,
  workspaceId: string,
  user: TestUser,
  role: string,
  partyId?: string,
): Promise<void> {
  const inv = await invite(
    base,
    facilitatorToken,
    workspaceId,
    partyId ? { role, partyId } : { role },
  );
  await accept(base, user.token, inv.token);
}

export interface World {
  users: Record<'facilitator' | 'negotiatorA' | 'negotiatorB' | 'observer' | 'outsider', TestUser>;
  workspace: WorkspaceDto;
  partyA: PartyDto;
  partyB: PartyDto;
  docs: { process: DocumentDto; agreement: DocumentDto; notesA: DocumentDto; notesB: DocumentDto };
  /** A workspace of the outsider's, which nobody else belongs to. */
  otherWorkspace: WorkspaceDto;
}

/**
 * One negotiation with every role: a facilitator (its creator), a negotiator for each of the
 * first two parties, an observer, and an outsider who has a workspace of their own.
 */
export async function buildWorld(base: string): Promise<World> {
  const users = await registerAll(base, [
    'facilitator',
    'negotiatorA',
    'negotiatorB',
    'observer',
    'outsider',
  ] as const);
  const [created, otherWorkspace] = await Promise.all([
    createWorkspace(base, users.facilitator.token, { title: 'Voorbeeldstad 2026' }),
    createWorkspace(base, users.outsider.token, { title: 'Elders 2026' }),
  ]);
  const partyA = created.parties[0]!;
  const partyB = created.parties[1]!;
  await join(base, users.facilitator.token, created.id, users.negotiatorA, 'negotiator', partyA.id);
  await join(base, users.facilitator.token, created.id, users.negotiatorB, 'negotiator', partyB.id);
  await join(base, users.facilitator.token, created.id, users.observer, 'observer');
  const workspace = await getWorkspace(base, users.facilitator.token, created.id);
  const doc = (pred: (d: DocumentDto) => boolean) => workspace.documents.find(pred)!;
  return {
    users,
    workspace,
    partyA,
    partyB,
    docs: {
      process: doc((d) => d.kind === 'process'),
      agreement: doc((d) => d.kind === 'agreement'),
      notesA: doc((d) => d.kind === 'party-notes' && d.partyId === partyA.id),
      notesB: doc((d) => d.kind === 'party-notes' && d.partyId === partyB.id),
    },
    otherWorkspace,
  };
}

/** The session cookie's value from a response's Set-Cookie headers. */
export function sessionCookie(headers: Headers): string | undefined {
  const c = headers.getSetCookie().find((h) => h.startsWith('akkoord_session='));
  return c ? decodeURIComponent(c.slice('akkoord_session='.length).split(';')[0]!) : undefined;
}
