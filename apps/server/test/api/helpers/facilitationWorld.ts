import { afterAll, beforeAll } from 'vitest';
import type { MinutesDto } from '@akkoord/domain';
import type { MinutesDrafter } from '../../../src/meetings/MeetingService';
import type { ServerOverrides } from '../../../src/server';
import { connectClient, whenSynced, type Client } from '../../helpers/clients';
import { startTestServer, type TestServer } from '../../helpers/testServer';
import { openEventStream, type EventStreamClient } from './eventStream';
import {
  buildWorld,
  call,
  type ApiBody,
  type ApiResponse,
  type TestUser,
  type World,
} from './http';

/**
 * The shared setup of the facilitation API suites (meetings, queue, parking, consent, gate,
 * minutes): a real server with real accounts and roles, the standard world of `buildWorld`, and
 * the event streams and sync clients a suite opens, all closed after the suite.
 */
export interface FacilitationWorld {
  readonly srv: TestServer;
  /** Built before the suite unless `world: false` was asked. */
  readonly world: World;
  fac(): TestUser;
  negA(): TestUser;
  negB(): TestUser;
  obs(): TestUser;
  outsider(): TestUser;
  wsId(): string;
  /** One API call as `user`; `body` is sent only when given. */
  as<T = ApiBody>(
    user: TestUser,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiResponse<T>>;
  /** `as(user, 'POST', …)`. */
  post<T = ApiBody>(user: TestUser, path: string, body?: unknown): Promise<ApiResponse<T>>;
  /** The workspace's event stream as `user` (default: the world's workspace). */
  events(user: TestUser, workspaceId?: string): Promise<EventStreamClient>;
  /** A real sync client on `room` as `user`, once synced. */
  syncClient(room: string, user: TestUser): Promise<Client>;
  /** Closes the event streams opened so far (they are closed after the suite anyway). */
  closeStreams(): void;
}

export interface FacilitationWorldOptions {
  /** Server overrides besides `realAuth`, which is always on. */
  server?: ServerOverrides;
  /** Build the standard world before the suite (default true). */
  world?: boolean;
  /** More setup, run after the server started and the world was built. */
  setup?: () => Promise<void>;
}

/** Registers the suite's `beforeAll`/`afterAll` and answers the running server and world. */
export function facilitationWorld(options: FacilitationWorldOptions = {}): FacilitationWorld {
  let srv: TestServer | undefined;
  let world: World | undefined;
  const streams: EventStreamClient[] = [];
  const clients: Client[] = [];

  const started = (): TestServer => {
    if (!srv) throw new Error('the test server has not started');
    return srv;
  };
  const built = (): World => {
    if (!world) throw new Error('no world was built for this suite');
    return world;
  };
  const as = <T = ApiBody>(user: TestUser, method: string, path: string, body?: unknown) =>
    call<T>(started().url, method, path, {
      token: user.token,
      ...(body !== undefined ? { body } : {}),
    });

  const w: FacilitationWorld = {
    get srv() {
      return started();
    },
    get world() {
      return built();
    },
    fac: () => built().users.facilitator,
    negA: () => built().users.negotiatorA,
    negB: () => built().users.negotiatorB,
    obs: () => built().users.observer,
    outsider: () => built().users.outsider,
    wsId: () => built().workspace.id,
    as,
    post: (user, path, body) => as(user, 'POST', path, body),
    async events(user, workspaceId = built().workspace.id) {
      const stream = await openEventStream(started().url, workspaceId, { token: user.token });
      streams.push(stream);
      return stream;
    },
    async syncClient(room, user) {
      const c = connectClient(started().wsUrl, room, { params: { token: user.token } });
      clients.push(c);
      await whenSynced(c);
      return c;
    },
    closeStreams() {
      for (const s of streams.splice(0)) s.close();
    },
  };

  beforeAll(async () => {
    srv = await startTestServer({}, { ...options.server, realAuth: true });
    if (options.world !== false) world = await buildWorld(srv.url);
    await options.setup?.();
  });
  afterAll(async () => {
    w.closeStreams();
    for (const c of clients.splice(0)) c.destroy();
    await srv?.stop();
  });
  return w;
}

/** A stand-in for the minutes module: answers a draft `# <meetingId>` and records each call. */
export function recordingDrafter(
  drafted: { workspaceId: string; meetingId: string }[] = [],
): MinutesDrafter {
  return {
    draftFor: (workspaceId, meetingId): Promise<MinutesDto> => {
      drafted.push({ workspaceId, meetingId });
      return Promise.resolve({
        meetingId,
        status: 'draft',
        body: `# ${meetingId}`,
        version: 1,
        approvals: [],
        updatedAt: new Date().toISOString(),
        updatedBy: null,
        lockedAt: null,
      });
    },
  };
}
