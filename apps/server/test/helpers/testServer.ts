import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configFrom, type Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import { buildServer, type AkkoordServer, type ServerOverrides } from '../../src/server';
import { allowAll } from '../../src/sync/Authorizer';

export interface TestServer {
  server: AkkoordServer;
  config: Config;
  url: string;
  wsUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

export function tempDir(prefix = 'akkoord-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * A real server on a real socket (port 0) with a real SQLite file in a fresh directory.
 * Protocol tests get an allow-all authorizer unless `realAuth` asks for accounts and roles.
 */
export async function startTestServer(
  env: Record<string, string | number> = {},
  overrides: ServerOverrides & { realAuth?: boolean } = {},
): Promise<TestServer> {
  const { realAuth, ...rest } = overrides;
  const dataDir = (env.DATA_DIR as string | undefined) ?? tempDir();
  const config = configFrom({
    UNLOAD_GRACE_MS: 50,
    LOG_LEVEL: 'silent',
    // Suites sign up many people from 127.0.0.1; the registration limit has its own test.
    REGISTER_MAX_PER_ADDRESS: 100_000,
    ...env,
    DATA_DIR: dataDir,
  });
  const server = buildServer(config, {
    log: createLogger(config.logLevel),
    ...(realAuth ? {} : { authorizer: allowAll }),
    ...rest,
  });
  const addr = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${addr.port}`;
  return {
    server,
    config,
    url,
    wsUrl: `ws://127.0.0.1:${addr.port}/sync`,
    dataDir,
    stop: () => server.shutdown(),
  };
}
