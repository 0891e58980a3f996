import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode, ROOM_NAME_PATTERN, SYNC_PATH } from '@akkoord/protocol';
import type { SyncLimits } from '../config';
import { AppError, toCloseCode } from '../errors';
import type { Logger } from '../logger';
import type { Metrics } from '../Metrics';
import type { DocumentStore } from '../persistence/DocumentStore';
import type { WriteBatcher } from '../persistence/WriteBatcher';
import type { Authorizer, Grant } from './Authorizer';
import { Connection } from './Connection';
import { RoomRegistry } from './RoomRegistry';

export interface SyncDeps {
  store: DocumentStore;
  batcher: WriteBatcher;
  authorizer: Authorizer;
  limits: SyncLimits;
  metrics: Metrics;
  log: Logger;
  /** Ids of the clauses locked in a room's document (default: none). */
  lockedClauses?: (room: string) => Promise<readonly string[]>;
}

export interface SyncHandle {
  readonly registry: RoomRegistry;
  readonly connections: ReadonlySet<Connection>;
  /** Refuses new upgrades (503) from now on. */
  stopAccepting(): void;
  /** Closes every open socket with the given code. */
  closeAll(code: number, reason: string): void;
  /**
   * Re-decides access for every open connection of a user (after a role change or removal):
   * refused ones are closed with the refusal's code, the rest follow their new access.
   */
  recheckUser(userId: string): Promise<void>;
  /** Closes (4401) every socket opened with this session. */
  endSession(sessionId: string): void;
  /** Stops the heartbeat and the WebSocket server. */
  dispose(): void;
}

/** Wires the y-websocket endpoint `/sync/<room>` onto the HTTP server's upgrade event. */
export function attachSync(server: Server, deps: SyncDeps): SyncHandle {
  const registry = new RoomRegistry(deps);
  const connections = new Set<Connection>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: deps.limits.maxMessageBytes,
    perMessageDeflate: false,
  });
  let accepting = true;
  let pendingUpgrades = 0;

  const refuseHttp = (socket: Duplex, status: string) => {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  /** Completes the handshake only to close with a code the client can act on. */
  const refuseWs = (
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    code: number,
    reason: string,
  ) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      deps.metrics.closes.inc({ code: String(code) });
      ws.close(code, reason);
    });
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (err) => deps.log.debug({ err: err.message }, 'upgrade socket error'));
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(`${SYNC_PATH}/`)) return refuseHttp(socket, '404 Not Found');
    if (!accepting) return refuseHttp(socket, '503 Service Unavailable');
    let room: string;
    try {
      room = decodeURIComponent(url.pathname.slice(SYNC_PATH.length + 1));
    } catch {
      room = '';
    }
    if (!ROOM_NAME_PATTERN.test(room))
      return refuseWs(req, socket, head, CloseCode.unknownRoom, 'unknown room');
    // Upgrades still being authorized count too, or a burst could slip past the cap.
    if (connections.size + pendingUpgrades >= deps.limits.maxConnections) {
      return refuseWs(
        req,
        socket,
        head,
        CloseCode.tryAgainLater,
        'server is full, try again later',
      );
    }
    pendingUpgrades += 1;
    deps.authorizer.authorize(req, room).then(
      (grant) => {
        pendingUpgrades -= 1;
        if (!accepting) return refuseHttp(socket, '503 Service Unavailable');
        wss.handleUpgrade(req, socket, head, (ws) => open(ws, room, grant));
      },
      (err: unknown) => {
        pendingUpgrades -= 1;
        if (!(err instanceof AppError)) deps.log.error({ err }, 'authorizer failed');
        const { code, reason } = toCloseCode(err);
        refuseWs(req, socket, head, code, reason);
      },
    );
  };

  const open = (ws: WebSocket, room: string, grant: Grant) => {
    const conn = new Connection(ws, room, grant, deps.limits, deps.metrics, deps.log);
    connections.add(conn);
    deps.metrics.connections.set(connections.size);
    conn.onClose(() => {
      connections.delete(conn);
      deps.metrics.connections.set(connections.size);
    });
    conn.log.debug('connected');
    registry.join(conn).catch((err: unknown) => {
      conn.log.error({ err }, 'join failed');
      conn.close(CloseCode.internalError, 'could not open the document');
    });
  };

  server.on('upgrade', onUpgrade);
  const heartbeat = setInterval(() => {
    for (const c of connections) c.checkAlive();
    void closeEndedSessions();
  }, deps.limits.heartbeatMs);

  /** Sessions can end elsewhere (expiry, another instance's logout): look once per heartbeat. */
  const closeEndedSessions = async () => {
    const live = deps.authorizer.sessionLive?.bind(deps.authorizer);
    if (!live) return;
    const ids = new Set([...connections].flatMap((c) => (c.session ? [c.session.id] : [])));
    for (const id of ids) {
      const ok = await live(id).catch(() => true);
      if (!ok) endSession(id, 'session expired, log in again');
    }
  };

  const endSession = (sessionId: string, reason: string) => {
    for (const c of [...connections]) {
      if (c.session?.id === sessionId) c.close(CloseCode.notAuthenticated, reason);
    }
  };
  heartbeat.unref();

  return {
    registry,
    connections,
    stopAccepting: () => {
      accepting = false;
    },
    closeAll: (code, reason) => {
      for (const c of [...connections]) c.close(code, reason);
    },
    recheckUser: async (userId) => {
      const recheck = deps.authorizer.recheck?.bind(deps.authorizer);
      if (!recheck) return;
      const mine = [...connections].filter((c) => c.userId === userId);
      await Promise.all(
        mine.map(async (c) => {
          try {
            const grant = await recheck(userId, c.room);
            const wasReadOnly = c.readOnly;
            c.access = grant.access;
            c.presence = grant.presence;
            // Others must see the new role/party now, not at the client's next cursor move.
            registry.get(c.room)?.restampPresence(c);
            if (wasReadOnly) registry.get(c.room)?.becameWritable(c);
          } catch (err) {
            const { code, reason } = toCloseCode(err);
            c.close(code, reason);
          }
        }),
      );
    },
    endSession: (sessionId) => endSession(sessionId, 'logged out'),
    dispose: () => {
      clearInterval(heartbeat);
      server.off('upgrade', onUpgrade);
      wss.close();
    },
  };
}
