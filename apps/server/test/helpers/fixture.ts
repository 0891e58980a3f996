import type { Socket } from 'node:net';
import { afterEach } from 'vitest';
import type WebSocket from 'ws';
import type { ServerOverrides } from '../../src/server';
import { connectClient, type Client } from './clients';
import { connectRaw, type RawClient } from './rawClient';
import { startTestServer, type TestServer } from './testServer';

/**
 * Servers, providers and raw sockets for one test file, all torn down after each test (paused
 * sockets are resumed first so their close can complete).
 */
export function serverFixture() {
  const servers: TestServer[] = [];
  const clients: Client[] = [];
  const sockets: WebSocket[] = [];

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const ws of sockets.splice(0)) {
      (ws as unknown as { _socket?: Socket })._socket?.resume();
      ws.terminate();
    }
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  return {
    async server(
      env: Record<string, string | number> = {},
      overrides: ServerOverrides & { realAuth?: boolean } = {},
    ): Promise<TestServer> {
      const s = await startTestServer(env, overrides);
      servers.push(s);
      return s;
    },
    client(s: TestServer, room: string, params: Record<string, string> = {}): Client {
      const c = connectClient(s.wsUrl, room, { params });
      clients.push(c);
      return c;
    },
    async raw(s: TestServer, room: string, query = ''): Promise<RawClient> {
      const c = await connectRaw(s.wsUrl, room, query);
      sockets.push(c.ws);
      return c;
    },
    /** Tears down a socket the test opened itself. */
    track(ws: WebSocket): void {
      sockets.push(ws);
    },
  };
}

/** Rejects with a description when `p` takes longer than `ms`. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)),
        ms,
      );
    }),
  ]);
}
