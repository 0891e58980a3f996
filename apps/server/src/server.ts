import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloseCode } from '@akkoord/protocol';
import { createApp } from './app';
import type { Config } from './config';
import { createLogger, type Logger } from './logger';
import { Metrics } from './Metrics';
import type { DocumentStore } from './persistence/DocumentStore';
import { openDatabase } from './persistence/openDatabase';
import { SqliteDocumentStore } from './persistence/SqliteDocumentStore';
import { WriteBatcher } from './persistence/WriteBatcher';
import { allowAll, type Authorizer } from './sync/Authorizer';
import { attachSync, type SyncHandle } from './sync/attachSync';

export interface ServerOverrides {
  store?: DocumentStore;
  authorizer?: Authorizer;
  log?: Logger;
}

export interface AkkoordServer {
  readonly http: http.Server;
  readonly sync: SyncHandle;
  readonly metrics: Metrics;
  readonly store: DocumentStore;
  readonly log: Logger;
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stop accepting, store everything pending, close sockets with 1012, free every document. */
  shutdown(): Promise<void>;
}

/** Composes the server from its parts; the defaults are the embedded SQLite setup. */
export function buildServer(config: Config, overrides: ServerOverrides = {}): AkkoordServer {
  const log = overrides.log ?? createLogger(config.logLevel);
  const metrics = new Metrics();
  const store = overrides.store ?? new SqliteDocumentStore(openDatabase(config.dataDir, config.durability));
  const batcher = new WriteBatcher(store, metrics, log);
  let ready = false;
  const app = createApp({ metrics, log, webDist: config.webDist, isReady: () => ready });
  const server = http.createServer(app);
  const sync = attachSync(server, {
    store,
    batcher,
    authorizer: overrides.authorizer ?? allowAll,
    limits: config.limits,
    metrics,
    log,
  });
  let shuttingDown: Promise<void> | null = null;

  return {
    http: server,
    sync,
    metrics,
    store,
    log,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          ready = true;
          resolve(server.address() as AddressInfo);
        });
      }),
    shutdown: () => {
      shuttingDown ??= (async () => {
        ready = false;
        sync.stopAccepting();
        server.close();
        server.closeIdleConnections();
        await batcher.drain();
        sync.closeAll(CloseCode.serverRestarting, 'server restarting');
        await sync.registry.unloadAll();
        await batcher.drain();
        sync.dispose();
        await store.close();
        server.closeAllConnections();
      })();
      return shuttingDown;
    },
  };
}
