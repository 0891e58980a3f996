/**
 * Launchers for the two servers under test. Each runs as its own child process in its own
 * process group (detached), so it can be measured (/proc) and killed as a group.
 *
 * Everything that is specific to our server (command, env, readiness, URL scheme) lives in
 * `launchAkkoord`, so the rest of the bench does not change when the server does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SYNC_PATH } from '@akkoord/protocol';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(BENCH_DIR, '..');
export const AKKOORD_MAIN = path.join(REPO_ROOT, 'apps/server/src/main.ts');

export type ServerKind = 'akkoord' | 'reference';
export const SERVER_LABEL: Record<ServerKind, string> = {
  akkoord: 'akkoord',
  reference: 'y-websocket reference',
};

export interface ServerHandle {
  kind: ServerKind;
  pid: number;
  port: number;
  startupMs: number;
  /**
   * n sync URLs for n fresh rooms, ready to connect to (for akkoord this creates an account
   * and workspaces through the REST API and puts the session token in the URL).
   */
  prepareRooms(prefix: string, n: number): Promise<string[]>;
  /** Prometheus metrics (GET /metrics) if the server has them: name or name{labels} -> value. */
  scrapeMetrics?(): Promise<Record<string, number>>;
  /** Output the server wrote (tail), for diagnostics. */
  output(): string;
  /** Whether the process is still running. */
  alive(): boolean;
  /** SIGTERM the group, wait up to graceMs, then SIGKILL the group. */
  stop(graceMs?: number): Promise<StopInfo>;
}

export interface StopInfo {
  signal: 'SIGTERM' | 'SIGKILL';
  code: number | null;
  exitSignal: NodeJS.Signals | null;
  ms: number;
  /** The process had already exited before stop() was called. */
  diedEarly: boolean;
}

const TAIL = 16_000;

/** Process groups started by the bench and not yet reaped (killed on interruption by run.ts). */
export const trackedGroups = new Set<number>();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function httpOk(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

interface SpawnSpec {
  kind: ServerKind;
  args: string[];
  env: Record<string, string>;
  port: number;
  healthPath?: string;
  prepareRooms: (port: number, prefix: string, n: number) => Promise<string[]>;
  metricsPath?: string;
  cleanup?: () => void;
  startTimeoutMs: number;
}

async function spawnServer(spec: SpawnSpec): Promise<ServerHandle> {
  const t0 = performance.now();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  delete env.YPERSISTENCE;
  Object.assign(env, spec.env);
  const child: ChildProcess = spawn(process.execPath, spec.args, {
    cwd: REPO_ROOT,
    env,
    detached: true, // own process group
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${spec.kind}: spawn failed`);
  trackedGroups.add(pid);
  let out = '';
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitWaiters: (() => void)[] = [];
  let listeningPort: number | undefined;
  let lineBuf = '';
  const onData = (chunk: Buffer): void => {
    const s = chunk.toString();
    out = (out + s).slice(-TAIL);
    lineBuf += s;
    let nl: number;
    while ((nl = lineBuf.indexOf('\n')) >= 0) {
      const line = lineBuf.slice(0, nl);
      lineBuf = lineBuf.slice(nl + 1);
      if (listeningPort === undefined && line.includes('"listening"')) {
        try {
          const j = JSON.parse(line) as { msg?: string; port?: number };
          if (j.msg === 'listening' && typeof j.port === 'number') listeningPort = j.port;
        } catch {
          /* not JSON */
        }
      }
    }
    if (lineBuf.length > TAIL) lineBuf = lineBuf.slice(-TAIL);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', (c: Buffer) => {
    out = (out + c.toString()).slice(-TAIL);
  });
  child.on('close', (code, signal) => {
    exited = { code, signal };
    for (const w of exitWaiters.splice(0)) w();
  });

  const killGroup = (sig: NodeJS.Signals): void => {
    try {
      process.kill(-pid, sig);
    } catch {
      /* already gone */
    }
  };
  const waitExit = (ms: number): Promise<boolean> =>
    exited
      ? Promise.resolve(true)
      : new Promise((resolve) => {
          const t = setTimeout(() => resolve(false), ms);
          exitWaiters.push(() => {
            clearTimeout(t);
            resolve(true);
          });
        });

  const handle: ServerHandle = {
    kind: spec.kind,
    pid,
    port: spec.port,
    startupMs: 0,
    prepareRooms: (prefix, n) => spec.prepareRooms(handle.port, prefix, n),
    ...(spec.metricsPath
      ? {
          scrapeMetrics: () =>
            scrapePrometheus(`http://127.0.0.1:${handle.port}${spec.metricsPath}`),
        }
      : {}),
    output: () => out,
    alive: () => exited === undefined,
    async stop(graceMs = 10_000): Promise<StopInfo> {
      const ts = performance.now();
      const diedEarly = exited !== undefined;
      let signal: StopInfo['signal'] = 'SIGTERM';
      if (!exited) {
        killGroup('SIGTERM');
        if (!(await waitExit(graceMs))) {
          signal = 'SIGKILL';
          killGroup('SIGKILL');
          await waitExit(5000);
        }
      }
      // Stragglers in the group (e.g. helpers) never outlive the bench.
      killGroup('SIGKILL');
      trackedGroups.delete(pid);
      spec.cleanup?.();
      return {
        signal,
        code: exited?.code ?? null,
        exitSignal: exited?.signal ?? null,
        ms: performance.now() - ts,
        diedEarly,
      };
    },
  };

  // Ready when the server printed its listening line or (if configured) /healthz answers 200.
  const deadline = performance.now() + spec.startTimeoutMs;
  let ready = false;
  while (performance.now() < deadline && !exited) {
    if (listeningPort !== undefined) {
      handle.port = listeningPort;
      ready = true;
      break;
    }
    if (
      spec.healthPath &&
      spec.port > 0 &&
      (await httpOk(`http://127.0.0.1:${spec.port}${spec.healthPath}`))
    ) {
      ready = true;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!ready) {
    await handle.stop(2000);
    throw new Error(
      `${spec.kind} did not become ready within ${spec.startTimeoutMs} ms` +
        (exited ? ` (exited code=${exited.code} signal=${exited.signal})` : '') +
        `; output:\n${out.slice(-3000)}`,
    );
  }
  handle.startupMs = performance.now() - t0;
  return handle;
}

/**
 * BENCH_CPU_PROF=<dir>: run the servers with V8's --cpu-prof, writing .cpuprofile files to
 * <dir>/<server>/ when they exit (open them in Chrome DevTools). Off by default: profiling
 * costs CPU and would distort the comparison.
 */
function profArgs(kind: ServerKind): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return [];
  return ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir, kind)}`];
}

/** The y-websocket reference server (bench/src/refServer.ts), URL ws://127.0.0.1:PORT/<room>. */
export async function launchReference(): Promise<ServerHandle> {
  return spawnServer({
    kind: 'reference',
    args: [...profArgs('reference'), '--import', 'tsx', path.join(BENCH_DIR, 'src/refServer.ts')],
    env: { HOST: '127.0.0.1', PORT: '0' },
    port: 0,
    prepareRooms: (port, prefix, n) =>
      Promise.resolve(
        Array.from(
          { length: n },
          (_, i) => `ws://127.0.0.1:${port}/${encodeURIComponent(`${prefix}-${i}`)}`,
        ),
      ),
    startTimeoutMs: 30_000,
  });
}

async function api<T>(
  port: number,
  method: string,
  p: string,
  body: unknown,
  token?: string,
): Promise<T> {
  // Bounded retries, honouring 429 Retry-After (the server may rate-limit account creation).
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`http://127.0.0.1:${port}/api${p}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (res.status === 429 && attempt < 5) {
      const wait = Math.min(10, Number(res.headers.get('retry-after') ?? '1') || 1);
      await new Promise((r) => setTimeout(r, wait * 1000));
      continue;
    }
    if (!res.ok) throw new Error(`${method} /api${p} -> ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }
}

/** Prometheus text format: every sample as `name{labels}` and summed per `name`. */
async function scrapePrometheus(url: string): Promise<Record<string, number>> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`GET ${url} -> ${res.status}`);
  const out: Record<string, number> = {};
  for (const line of (await res.text()).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const v = Number(m[3]);
    if (!Number.isFinite(v)) continue;
    if (m[2]) out[m[1]! + m[2]] = v;
    out[m[1]!] = (m[2] ? (out[m[1]!] ?? 0) : 0) + v;
  }
  return out;
}

interface WorkspaceDto {
  documents: { kind: string; room: string }[];
}

/**
 * Rooms on our server are documents of workspaces (unknown rooms are refused with 4404, and
 * connections need a session). One bench account (a facilitator) creates ceil(n/2)
 * workspaces and uses their `process` and `agreement` documents; every client connects as
 * that account with `?token=`, as the contract allows for non-browser clients.
 */
async function akkoordRooms(port: number, prefix: string, n: number): Promise<string[]> {
  const email = `${prefix}-${Math.random().toString(36).slice(2, 10)}@bench.invalid`.toLowerCase();
  const { token } = await api<{ token: string }>(port, 'POST', '/auth/register', {
    email,
    password: 'bench-password-not-secret',
    name: 'Bench',
  });
  const rooms: string[] = [];
  for (let w = 0; rooms.length < n; w++) {
    if (w > n) throw new Error('workspaces come without process/agreement documents');
    const { workspace } = await api<{ workspace: WorkspaceDto }>(
      port,
      'POST',
      '/workspaces',
      { title: `${prefix} ${w}` },
      token,
    );
    for (const d of workspace.documents) {
      if ((d.kind === 'process' || d.kind === 'agreement') && rooms.length < n) rooms.push(d.room);
    }
  }
  return rooms.map(
    (room) =>
      `ws://127.0.0.1:${port}${SYNC_PATH}/${encodeURIComponent(room)}?token=${encodeURIComponent(token)}`,
  );
}

/**
 * Our server: `node --import tsx apps/server/src/main.ts` with a fresh DATA_DIR, quiet logs
 * (LOG_LEVEL=warn, so per-connection logging does not cost CPU in the measurement). With
 * warn the "listening" info line is not printed, so we choose a free port ourselves and wait
 * for GET /healthz (contract: 200 once the server accepts connections); if the server does
 * print a listening line, its port wins. Set BENCH_AKKOORD_LOG_LEVEL to override.
 * URL: ws://127.0.0.1:PORT/sync/<room>?token=<session token> (see akkoordRooms).
 */
export async function launchAkkoord(): Promise<ServerHandle> {
  if (!existsSync(AKKOORD_MAIN)) {
    throw new Error(`${path.relative(REPO_ROOT, AKKOORD_MAIN)} does not exist (yet)`);
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'akkoord-bench-'));
  const port = await freePort();
  return spawnServer({
    kind: 'akkoord',
    args: [...profArgs('akkoord'), '--import', 'tsx', AKKOORD_MAIN],
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.BENCH_AKKOORD_LOG_LEVEL ?? 'warn',
    },
    port,
    healthPath: '/healthz',
    prepareRooms: akkoordRooms,
    metricsPath: '/metrics',
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
    startTimeoutMs: 60_000,
  });
}

export function launch(kind: ServerKind): Promise<ServerHandle> {
  return kind === 'akkoord' ? launchAkkoord() : launchReference();
}
