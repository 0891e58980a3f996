import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webIndex = path.join(repoRoot, 'apps/web/dist/index.html');

export interface RunningServer {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the server wrote, for failure messages. */
  output(): string;
  /** SIGTERM to the whole process group, SIGKILL after 5 s. Safe to call twice. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export interface StartServerOptions {
  /** Reuse a data directory, to restart "the same" server. */
  dataDir?: string;
  /** Delete the data directory on stop; defaults to true only for a fresh temporary one. */
  removeDataDirOnStop?: boolean;
  /** Fixed port, e.g. to bring a stopped server back where clients reconnect to. */
  port?: number;
  startTimeoutMs?: number;
  /** Extra environment, e.g. a lower login limit to reach throttling quickly. */
  env?: Record<string, string>;
}

interface ListeningLine {
  msg: 'listening';
  port: number;
  url: string;
}

/** Newest modification time of the web app's sources, to catch a forgotten rebuild. */
function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(
      newest,
      entry.isDirectory() ? newestSourceMtime(full) : statSync(full).mtimeMs,
    );
  }
  return newest;
}

function assertWebAppBuilt(): void {
  const rebuild = '(pnpm --filter @akkoord/web build). The server under test serves it.';
  if (!existsSync(webIndex)) {
    throw new Error(
      `${path.relative(repoRoot, webIndex)} is missing: build the web app first ${rebuild}`,
    );
  }
  // Testing an old build against new sources gives results about code that no longer exists.
  if (newestSourceMtime(path.join(repoRoot, 'apps/web/src')) > statSync(webIndex).mtimeMs) {
    throw new Error(`apps/web/dist is older than apps/web/src: rebuild the web app ${rebuild}`);
  }
}

function parseListening(line: string): ListeningLine | null {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) return null;
    const record = value as Record<string, unknown>;
    if (record['msg'] !== 'listening') return null;
    const { port, url } = record;
    if (typeof port !== 'number' || typeof url !== 'string') return null;
    return { msg: 'listening', port, url };
  } catch {
    return null; // not every line is JSON (e.g. a tsx warning)
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (err) {
    // ESRCH: the group is already gone, which is what we wanted.
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

/**
 * Starts the real server (apps/server/src/main.ts) in its own process group, so stop() also ends
 * anything it spawned and a failing test cannot leave it holding our output pipes.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  assertWebAppBuilt();
  const removeDataDir = options.removeDataDirOnStop ?? options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'akkoord-e2e-')));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(options.port ?? 0),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    // Every test person signs up from 127.0.0.1; the limit itself is tested in the server suite.
    REGISTER_MAX_PER_ADDRESS: '100000',
    ...options.env,
  };
  // Inherited from `node --test`; the server is not a test file and must not behave like one.
  delete env['NODE_TEST_CONTEXT'];

  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: repoRoot,
    detached: true,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the server process');

  const lines: string[] = [];
  const remember = (line: string): void => {
    lines.push(line);
    if (lines.length > 500) lines.shift();
  };
  // Keep reading both pipes for the server's whole life: a full pipe would block it.
  const stdout = createInterface({ input: child.stdout });
  createInterface({ input: child.stderr }).on('line', (line) => remember(`[stderr] ${line}`));
  const output = (): string => lines.join('\n');

  let stopping: Promise<void> | null = null;
  const stop = ({ keepData = false }: { keepData?: boolean } = {}): Promise<void> => {
    stopping ??= (async () => {
      if (!exited(child)) {
        killGroup(pid, 'SIGTERM');
        if (!(await waitForExit(child, 5000))) {
          killGroup(pid, 'SIGKILL');
          await waitForExit(child, 5000);
        }
      }
      if (removeDataDir && !keepData) await rm(dataDir, { recursive: true, force: true });
    })();
    return stopping;
  };

  const timeoutMs = options.startTimeoutMs ?? 30_000;
  try {
    const listening = await new Promise<ListeningLine>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server did not log "listening" within ${timeoutMs} ms`)),
        timeoutMs,
      );
      stdout.on('line', (line) => {
        remember(line);
        const parsed = parseListening(line);
        if (parsed !== null) {
          clearTimeout(timer);
          resolve(parsed);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`server exited before listening (code ${code}, signal ${signal})`));
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    return { url: listening.url, port: listening.port, dataDir, output, stop };
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- server output ---\n${output()}`, {
      cause: err,
    });
  }
}
