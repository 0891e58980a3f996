/**
 * `pnpm bench`: compares our sync server with the y-websocket reference server under the
 * same load in the same run. For every (scenario, server) pair a fresh server process is
 * started (own process group), a fresh load-generator process is forked, and the server's
 * CPU and peak RSS are read from /proc at the load generator's phase marks. Results are
 * printed as Markdown and written to bench/<out>/latest.md and latest.json.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConfig, usage, type Config } from './config';
import { resetPeak, sampleGroup, sampleMachine, type ProcSample } from './proc';
import type { FromLoad, LoadParams, LoadResult, ToLoad } from './protocol';
import { renderMarkdown } from './report';
import {
  BENCH_DIR,
  REPO_ROOT,
  launch,
  SERVER_LABEL,
  type ServerHandle,
  trackedGroups,
  type ServerKind,
  type StopInfo,
} from './servers';

export interface ServerRun {
  scenario: 'typing' | 'storm';
  kind: ServerKind;
  label: string;
  /** Repetition number (1-based). */
  rep: number;
  ok: boolean;
  error?: string;
  result?: LoadResult;
  startupMs?: number;
  /** Server counters over the measured window (between the load generator's marks). */
  windowS?: number;
  cpuS?: number;
  cpuPctOfCore?: number;
  cpuUserS?: number;
  cpuSysS?: number;
  peakRssMiB?: number;
  rssAtStartMiB?: number;
  peakIsWindow?: boolean;
  /** CPU (in cores) used during the window by everything except the server and the load
   * generator: other work on the machine that may disturb the measurement. */
  otherCores?: number;
  /** The server's own Prometheus counters, end minus start of the window (akkoord only). */
  metricsDelta?: Record<string, number>;
  loadAvgAtStart?: number;
  serverAliveAtEnd?: boolean;
  stop?: StopInfo;
  outputTail?: string;
  logs: string[];
}

const runId = Date.now().toString(36);

/** Process groups we started and have not yet reaped: killed if the orchestrator is interrupted. */
const liveGroups = trackedGroups;
function killAllGroups(): void {
  for (const pgid of liveGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  liveGroups.clear();
}
process.on('exit', killAllGroups);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    console.error(`\n${sig}: killing server and load-generator process groups`);
    killAllGroups();
    process.exit(130);
  });
}

async function loadParams(
  cfg: Config,
  scenario: 'typing' | 'storm',
  server: ServerHandle,
): Promise<LoadParams> {
  if (scenario === 'typing') {
    return {
      scenario,
      urls: await server.prepareRooms(`bench-t-${runId}`, cfg.rooms),
      clientsPerRoom: cfg.clientsPerRoom,
      rate: cfg.rate,
      durationS: cfg.duration,
      warmupS: cfg.warmup,
      drainTimeoutS: cfg.drainTimeout,
      connectTimeoutS: 30,
      awareness: cfg.awareness,
    };
  }
  return {
    scenario,
    urls: await server.prepareRooms(`bench-s-${runId}`, cfg.stormRooms),
    clients: cfg.stormClients,
    docBytes: cfg.docBytes,
    settleS: cfg.settle,
    timeoutS: cfg.stormTimeout,
    graceMs: 500,
    awareness: cfg.awareness,
  };
}

/** Upper bound for one load-generator process; it is killed if it runs longer. */
function loadDeadlineMs(cfg: Config, scenario: 'typing' | 'storm'): number {
  if (scenario === 'typing')
    return (30 * 2 + cfg.warmup + cfg.duration + 2 * cfg.drainTimeout + 60) * 1000;
  return (3 * cfg.stormTimeout + cfg.settle + 120) * 1000;
}

async function runOne(
  cfg: Config,
  scenario: 'typing' | 'storm',
  kind: ServerKind,
  rep: number,
): Promise<ServerRun> {
  const run: ServerRun = { scenario, kind, label: SERVER_LABEL[kind], rep, ok: false, logs: [] };
  const tag = cfg.repeat > 1 ? `${scenario}/${kind}#${rep}` : `${scenario}/${kind}`;
  const say = (s: string): void => {
    run.logs.push(s);
    console.error(`[${tag}] ${s}`);
  };
  let server: ServerHandle | undefined;
  let load: ChildProcess | undefined;
  try {
    server = await launch(kind);
    run.startupMs = server.startupMs;
    say(`server pid ${server.pid} listening on ${server.port} (${server.startupMs.toFixed(0)} ms)`);
    const srv = server;
    const params = await loadParams(cfg, scenario, srv);

    let s0: ProcSample | undefined;
    let s1: ProcSample | undefined;
    let t0 = 0;
    let t1 = 0;
    let p0: Record<string, number> | undefined;
    let m0 = { busyS: NaN, totalS: NaN };
    let m1 = { busyS: NaN, totalS: NaN };
    const child = fork(path.join(BENCH_DIR, 'src/load.ts'), [], {
      execArgv: ['--import', 'tsx'],
      cwd: BENCH_DIR,
      detached: true, // own process group, killed in finally
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    load = child;
    if (child.pid !== undefined) liveGroups.add(child.pid);
    const result = await new Promise<LoadResult>((resolve, reject) => {
      const deadline = setTimeout(
        () => reject(new Error(`load generator exceeded ${loadDeadlineMs(cfg, scenario) / 1000}s`)),
        loadDeadlineMs(cfg, scenario),
      );
      const done = (f: () => void): void => {
        clearTimeout(deadline);
        f();
      };
      const scrape = async (): Promise<Record<string, number> | undefined> => {
        try {
          return await srv.scrapeMetrics?.();
        } catch (err) {
          say(`could not read /metrics: ${String(err)}`);
          return undefined;
        }
      };
      const onMessage = async (msg: FromLoad): Promise<void> => {
        if (msg.type === 'mark') {
          if (msg.name.endsWith('-start')) {
            // Scrape before the window opens, so the scrape's own CPU is not counted.
            p0 = await scrape();
            run.peakIsWindow = resetPeak(srv.pid);
            s0 = sampleGroup(srv.pid);
            m0 = sampleMachine();
            run.loadAvgAtStart = os.loadavg()[0];
            t0 = performance.now();
          } else {
            s1 = sampleGroup(srv.pid);
            m1 = sampleMachine();
            t1 = performance.now();
            const p1 = await scrape();
            if (p0 && p1) {
              const d: Record<string, number> = {};
              for (const [k, v] of Object.entries(p1))
                if (k.startsWith('akkoord_')) d[k] = v - (p0[k] ?? 0);
              run.metricsDelta = d;
            }
          }
          child.send({ type: 'ack', name: msg.name } satisfies ToLoad);
        } else if (msg.type === 'log') {
          say(msg.text);
        } else if (msg.type === 'result') {
          done(() => resolve(msg.result));
        } else if (msg.type === 'error') {
          done(() => reject(new Error(`load generator: ${msg.error}`)));
        }
      };
      child.on('message', (msg: FromLoad) => {
        void onMessage(msg);
      });
      child.on('exit', (code, signal) =>
        done(() =>
          reject(
            new Error(`load generator exited (code ${code}, signal ${signal}) without a result`),
          ),
        ),
      );
      child.send({ type: 'start', params } satisfies ToLoad);
    });
    run.result = result;
    if (s0 && s1) {
      run.windowS = (t1 - t0) / 1000;
      run.cpuS = s1.cpuSeconds - s0.cpuSeconds;
      run.cpuPctOfCore = (100 * run.cpuS) / run.windowS;
      run.cpuUserS = s1.userSeconds - s0.userSeconds;
      run.cpuSysS = s1.sysSeconds - s0.sysSeconds;
      run.peakRssMiB = s1.peakRssMiB;
      run.rssAtStartMiB = s0.rssMiB;
      run.otherCores = (m1.busyS - m0.busyS - run.cpuS - result.loadCpuS) / run.windowS;
    }
    run.ok = true;
  } catch (err) {
    run.error = err instanceof Error ? err.message : String(err);
    say(`FAILED: ${run.error}`);
  } finally {
    if (load?.pid !== undefined && load.exitCode === null) {
      try {
        process.kill(-load.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    if (load?.pid !== undefined) liveGroups.delete(load.pid);
    if (server) {
      run.serverAliveAtEnd = server.alive();
      if (!run.serverAliveAtEnd) say('server process had died before the end of the scenario');
      run.stop = await server.stop(10_000);
      run.outputTail = server.output().slice(-4000);
      say(
        `server stopped: ${run.stop.signal}` +
          (run.stop.signal === 'SIGTERM'
            ? ` -> exit code ${run.stop.code} in ${run.stop.ms.toFixed(0)} ms`
            : ' (did not exit within 10 s of SIGTERM)'),
      );
    }
  }
  return run;
}

/** Commit plus whether the server's sources differ from it (the tree is shared and edited live). */
function gitDescription(): string {
  try {
    const opts = {
      cwd: REPO_ROOT,
      encoding: 'utf8' as const,
      stdio: ['ignore', 'pipe', 'ignore'] as ('ignore' | 'pipe')[],
    };
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], opts).trim();
    const dirty = execFileSync(
      'git',
      ['status', '--porcelain', '--', 'apps/server', 'packages'],
      opts,
    )
      .split('\n')
      .filter(Boolean).length;
    return (
      `commit ${head}` +
      (dirty
        ? ` + ${dirty} uncommitted change(s) in apps/server and packages`
        : ', server sources clean')
    );
  } catch {
    return 'git unavailable';
  }
}

async function main(): Promise<void> {
  let cfg: Config;
  try {
    const parsed = parseConfig(process.argv.slice(2), process.env);
    if (parsed === 'help') {
      console.log(usage());
      return;
    }
    cfg = parsed;
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 2;
    return;
  }
  const startedAt = new Date();
  const runs: ServerRun[] = [];
  for (const scenario of cfg.scenarios) {
    for (let rep = 1; rep <= cfg.repeat; rep++) {
      // Alternate the order on every repetition so neither server always goes first.
      const order = rep % 2 === 1 ? cfg.servers : [...cfg.servers].reverse();
      for (const kind of order) runs.push(await runOne(cfg, scenario, kind, rep));
    }
  }
  const finishedAt = new Date();
  const env = {
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpus: `${os.cpus().length} x ${os.cpus()[0]?.model ?? '?'}`,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    git: gitDescription(),
  };
  const md = renderMarkdown({ cfg, runs, startedAt, finishedAt, env });
  console.log(md);
  const outDir = path.resolve(BENCH_DIR, cfg.out);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'latest.md'), md);
  writeFileSync(
    path.join(outDir, 'latest.json'),
    JSON.stringify({ startedAt, finishedAt, env, config: cfg, runs }, null, 2) + '\n',
  );
  console.error(
    `wrote ${path.relative(process.cwd(), path.join(outDir, 'latest.md'))} and latest.json`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
