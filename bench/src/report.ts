/** Markdown rendering of a bench run. With --repeat N, table cells are medians over the N runs. */
import type { Config } from './config';
import type { StormResult, TypingResult } from './protocol';
import type { ServerRun } from './run';
import { SERVER_LABEL, type ServerKind } from './servers';

export interface ReportInput {
  cfg: Config;
  runs: ServerRun[];
  startedAt: Date;
  finishedAt: Date;
  env: { node: string; platform: string; cpus: string; memGiB: number; git: string };
}

// Statistics over an empty set come back as null: print a dash rather than crash the report.
const f = (v: number | null | undefined, digits = 1): string =>
  v == null || Number.isNaN(v) ? '–' : v.toFixed(digits);
const ms = (v: number | null | undefined): string =>
  v == null || Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(2) : v.toFixed(1);
const pct = (a: number, b: number): string =>
  b === 0 ? '–' : `${((100 * a) / b).toFixed(b === a ? 0 : 2)}%`;

function median(vs: number[]): number {
  const a = vs.filter((v) => !Number.isNaN(v)).sort((x, y) => x - y);
  if (a.length === 0) return NaN;
  const m = Math.floor(a.length / 2);
  return a.length % 2 ? a[m]! : (a[m - 1]! + a[m]!) / 2;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}
function table(head: string[], rows: string[][]): string {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
}

function closes(c: Record<string, number>): string {
  const e = Object.entries(c);
  return e.length === 0 ? 'none' : e.map(([k, n]) => `${n}× ${k}`).join(', ');
}

function typingLost(t: TypingResult): boolean {
  return (
    t.delivered !== t.expected ||
    t.warmupDelivered !== t.warmupExpected ||
    t.echoDelivered !== t.echoExpected ||
    !t.converged
  );
}

/** The akkoord server's own view of the window, from its /metrics (if present). */
function serverMetrics(r: ServerRun): string {
  const d = r.metricsDelta;
  if (!d) return '';
  const g = (k: string): number => d[k] ?? NaN;
  const parts: string[] = [];
  const ins = g('akkoord_updates_in_total');
  const tx = g('akkoord_persist_seconds_count');
  if (ins > 0) {
    parts.push(
      `${ins} updates stored in ${f(tx, 0)} SQLite transactions (${f(ins / tx, 2)} per batch, ` +
        `mean ${ms((1000 * g('akkoord_persist_seconds_sum')) / tx)} ms each)`,
    );
  }
  const fo = g('akkoord_fanout_seconds_count');
  if (fo > 0)
    parts.push(
      `server-side receive→broadcast mean ${ms((1000 * g('akkoord_fanout_seconds_sum')) / fo)} ms`,
    );
  const enc = Object.entries(d).filter(
    ([k, v]) => k.startsWith('akkoord_state_encodings_total{') && v > 0,
  );
  if (enc.length)
    parts.push(
      `state encodings ${enc.map(([k, v]) => `${k.slice(k.indexOf('{'))}=${v}`).join(' ')}`,
    );
  const comp = g('akkoord_compactions_total');
  if (comp > 0) parts.push(`${comp} compactions`);
  const refused = g('akkoord_updates_refused_total');
  if (refused > 0) parts.push(`${refused} updates REFUSED`);
  const closes = Object.entries(d).filter(
    ([k, v]) => k.startsWith('akkoord_ws_closes_total{') && v > 0,
  );
  if (closes.length)
    parts.push(`closes ${closes.map(([k, v]) => `${k.slice(k.indexOf('{'))}=${v}`).join(' ')}`);
  return parts.length ? `server /metrics: ${parts.join('; ')}; ` : '';
}

function shutdown(r: ServerRun): string {
  const s = r.stop;
  if (!s) return '–';
  if (s.diedEarly) return `had already exited (code ${s.code}, signal ${s.exitSignal})`;
  if (s.signal === 'SIGKILL') return 'did not exit within 10 s of SIGTERM (killed)';
  return `SIGTERM → exit ${s.code ?? s.exitSignal} in ${f(s.ms, 0)} ms`;
}

function noise(r: ServerRun): string {
  return (
    `other processes on the machine used ${f(r.otherCores, 2)} cores during the window ` +
    `(1-min load average at start ${f(r.loadAvgAtStart, 2)})`
  );
}

interface Group<T> {
  kind: ServerKind;
  label: string;
  all: ServerRun[];
  ok: { run: ServerRun; res: T }[];
}

function groups<T>(
  runs: ServerRun[],
  scenario: 'typing' | 'storm',
  servers: ServerKind[],
): Group<T>[] {
  return servers
    .map((kind) => {
      const all = runs.filter((r) => r.scenario === scenario && r.kind === kind);
      const ok = all.filter((r) => r.ok && r.result).map((run) => ({ run, res: run.result as T }));
      return { kind, label: SERVER_LABEL[kind], all, ok };
    })
    .filter((g) => g.all.length > 0);
}

function med<T>(g: Group<T>, get: (run: ServerRun, res: T) => number | undefined): number {
  return median(g.ok.map(({ run, res }) => get(run, res) ?? NaN));
}

function sum<T>(g: Group<T>, get: (res: T) => number): number {
  return g.ok.reduce((a, { res }) => a + get(res), 0);
}

function labelCell<T>(g: Group<T>, repeat: number): string {
  if (repeat <= 1) return `**${g.label}**`;
  return `**${g.label}** (median of ${g.ok.length}${g.ok.length < g.all.length ? ` — ${g.all.length - g.ok.length} failed` : ''})`;
}

function failedRow<T>(g: Group<T>, width: number): string[] {
  const err = g.all.find((r) => r.error)?.error ?? 'unknown error';
  const cells = [`**${g.label}**`, `not measured: ${err.split('\n')[0]!.slice(0, 160)}`];
  while (cells.length < width) cells.push('');
  return cells;
}

function repTag(r: ServerRun, repeat: number): string {
  return repeat > 1 ? `${r.label} #${r.rep}` : r.label;
}

export function renderMarkdown(rep: ReportInput): string {
  const { cfg, runs } = rep;
  const out: string[] = [];
  out.push(`# Akkoord sync bench — ${rep.startedAt.toISOString()}`);
  out.push('');
  out.push(
    `Machine: ${rep.env.cpus}, ${rep.env.memGiB} GiB, ${rep.env.platform}, Node ${rep.env.node}. ` +
      `Code: ${rep.env.git}. ` +
      `Run took ${((rep.finishedAt.getTime() - rep.startedAt.getTime()) / 1000).toFixed(0)} s` +
      (cfg.repeat > 1
        ? `, ${cfg.repeat} repetitions per server (order alternating), cells are medians`
        : '') +
      '. Each row: a fresh server process (own process group) and a separate load-generator process ' +
      '(same client code and parameters for both servers); server CPU = utime+stime of the server process group ' +
      'over the measured window only (start-up, connecting, seeding and warm-up excluded); peak RSS = VmHWM, ' +
      'reset at the start of the window.',
  );
  const targets: string[] = [];

  // ---------------------------------------------------------------- typing
  const tg = groups<TypingResult>(runs, 'typing', cfg.servers);
  if (tg.length) {
    const M = cfg.clientsPerRoom;
    out.push('');
    out.push('## Scenario A — typing (fan-out latency)');
    out.push('');
    out.push(
      `Parameters: ${cfg.rooms} rooms × ${M} clients = ${cfg.rooms * M} clients, ` +
        `${cfg.rate} keystrokes/s each (${cfg.rooms * M * cfg.rate} updates/s into the server, ` +
        `${cfg.rooms * M * cfg.rate * (M - 1)} fan-out deliveries/s plus echoes), ` +
        `${cfg.duration} s measured after ${cfg.warmup} s of unmeasured warm-up typing; ` +
        "one Y.XmlText insert (one update message) per keystroke, into the client's own paragraph of the " +
        `\`default\` XmlFragment; awareness state sent on connect: ${cfg.awareness ? 'yes' : 'no'}. ` +
        'Fan-out = keystroke update sent by one client → received by each other client in the room ' +
        "(matched by the struct's (clientID, clock)); echo = → back at the sender (for akkoord this is the " +
        'acknowledgement that the update is durably stored).',
    );
    out.push('');
    const head = [
      'server',
      'fan-out p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'echo p50 / p99 ms',
      'delivered / expected',
      'server CPU s',
      'CPU % of 1 core',
      'peak RSS MiB',
      'load-gen CPU %',
    ];
    const rows: string[][] = [];
    for (const g of tg) {
      if (g.ok.length === 0) {
        rows.push(failedRow(g, head.length));
        continue;
      }
      const delivered = sum(g, (t) => t.delivered);
      const expected = sum(g, (t) => t.expected);
      rows.push([
        labelCell(g, cfg.repeat),
        ms(med(g, (_, t) => t.fanout.p50)),
        ms(med(g, (_, t) => t.fanout.p95)),
        ms(med(g, (_, t) => t.fanout.p99)),
        ms(med(g, (_, t) => t.fanout.max)),
        `${ms(med(g, (_, t) => t.echo.p50))} / ${ms(med(g, (_, t) => t.echo.p99))}`,
        `${delivered} / ${expected} (${pct(delivered, expected)})`,
        f(
          med(g, (r) => r.cpuS),
          2,
        ),
        f(
          med(g, (r) => r.cpuPctOfCore),
          1,
        ),
        f(
          med(g, (r) => r.peakRssMiB),
          0,
        ),
        f(
          med(g, (_, t) => t.loadCpuPct),
          0,
        ),
      ]);
    }
    out.push(table(head, rows));
    out.push('');
    for (const g of tg) {
      for (const { run: r, res: t } of g.ok) {
        out.push(
          `- ${repTag(r, cfg.repeat)}: ${t.keystrokes} keystrokes in a ${f(t.measuredWallS)} s window` +
            (cfg.repeat > 1
              ? `, fan-out p50/p99 ${ms(t.fanout.p50)}/${ms(t.fanout.p99)} ms, server CPU ${f(r.cpuS, 2)} s`
              : '') +
            `; warm-up ${t.warmupDelivered}/${t.warmupExpected} delivered; echoes ${t.echoDelivered}/${t.echoExpected}; ` +
            `convergence: ${t.convergenceDetail}; closes: ${closes(t.closes)}; permission-denied: ${t.denied}; ` +
            `client errors: ${t.errors.length ? t.errors.join('; ') : 'none'}; ` +
            `server CPU user/sys ${f(r.cpuUserS, 2)}/${f(r.cpuSysS, 2)} s, RSS at window start ${f(r.rssAtStartMiB, 0)} MiB; ` +
            serverMetrics(r) +
            `load-gen event-loop delay p99 ${ms(t.loopDelayP99Ms)} / max ${ms(t.loopDelayMaxMs)} ms; ` +
            `server shutdown: ${shutdown(r)}; ${noise(r)}.`,
        );
      }
      for (const r of g.all.filter((x) => !x.ok))
        out.push(`- ${repTag(r, cfg.repeat)}: FAILED — ${r.error?.split('\n')[0]}`);
    }
    const ours = tg.find((g) => g.kind === 'akkoord');
    const ref = tg.find((g) => g.kind === 'reference');
    if (ours) {
      if (ours.ok.length === 0) {
        targets.push(`- FAIL — zero lost updates in scenario A (akkoord): not measured`);
      } else {
        const lost = ours.ok.some(({ res }) => typingLost(res)) || ours.ok.length < ours.all.length;
        targets.push(
          `- ${lost ? 'FAIL' : 'PASS'} — zero lost updates in scenario A (akkoord): ` +
            `${sum(ours, (t) => t.delivered)}/${sum(ours, (t) => t.expected)} fan-out, ` +
            `${sum(ours, (t) => t.warmupDelivered)}/${sum(ours, (t) => t.warmupExpected)} warm-up, ` +
            `${sum(ours, (t) => t.echoDelivered)}/${sum(ours, (t) => t.echoExpected)} echoes, ` +
            `${ours.ok.every(({ res }) => res.converged) ? 'all clients converged' : 'DIVERGED'}`,
        );
      }
    }
    if (ref && ref.ok.length) {
      const lost = ref.ok.some(({ res }) => typingLost(res));
      targets.push(
        `- (for comparison) reference lost updates: ${lost ? 'YES' : 'none'} — ` +
          `${sum(ref, (t) => t.delivered)}/${sum(ref, (t) => t.expected)} fan-out, ` +
          `${sum(ref, (t) => t.echoDelivered)}/${sum(ref, (t) => t.echoExpected)} echoes`,
      );
    }
    if (ours && ref) {
      const oc = med(ours, (r) => r.cpuS);
      const rc = med(ref, (r) => r.cpuS);
      targets.push(
        Number.isNaN(oc) || Number.isNaN(rc)
          ? '- FAIL — akkoord server CPU ≤ reference CPU in scenario A: not measured for both servers'
          : `- ${oc <= rc ? 'PASS' : 'FAIL'} — akkoord server CPU ≤ reference CPU in scenario A (while persisting every update): ` +
              `${f(oc, 2)} s vs ${f(rc, 2)} s (akkoord/reference = ${f(oc / rc, 2)}×)`,
      );
    }
  }

  // ---------------------------------------------------------------- storm
  const sg = groups<StormResult>(runs, 'storm', cfg.servers);
  if (sg.length) {
    out.push('');
    out.push('## Scenario B — join storm');
    out.push('');
    const s0 = sg.flatMap((g) => g.ok)[0]?.res;
    out.push(
      `Parameters: ${cfg.stormRooms} rooms, each seeded through a client with a ~${(cfg.docBytes / 1e6).toFixed(2)} MB document` +
        (s0
          ? ` (${s0.seed.stateBytes} B encoded Yjs state, ${s0.seed.paragraphs} paragraphs, ${s0.seed.textLength} characters; ` +
            `a simulated editing history by 3 authors with inserts, deletes and bold/italic marks, sent as ${s0.seed.batches} update messages)`
          : '') +
        `; the seeder leaves, ${cfg.settle} s settle, then ${cfg.stormClients} clients ` +
        `(${Math.ceil(cfg.stormClients / cfg.stormRooms)} per room) connect at once; awareness state sent on connect: ${cfg.awareness ? 'yes' : 'no'}. ` +
        "Join time = connect call → arrival of the server message that completes the client's copy of the document " +
        "(verified after the window by replaying each client's received sync payloads into a fresh Y.Doc and comparing " +
        'text length and a SHA-1 of the XML with the seed). Total wall time = first connect call → last client complete. ' +
        'All clients share one load-generator process, which must receive clients × document size bytes; its CPU is listed.',
    );
    out.push('');
    const head = [
      'server',
      'complete / clients',
      'join p50 ms',
      'p95 ms',
      'max ms',
      'total wall ms',
      'server CPU s',
      'peak RSS MiB',
      'received MB',
      'load-gen CPU s',
    ];
    const rows: string[][] = [];
    for (const g of sg) {
      if (g.ok.length === 0) {
        rows.push(failedRow(g, head.length));
        continue;
      }
      rows.push([
        labelCell(g, cfg.repeat),
        `${sum(g, (s) => s.complete)} / ${sum(g, (s) => s.clients)}`,
        ms(med(g, (_, s) => s.join.p50)),
        ms(med(g, (_, s) => s.join.p95)),
        ms(med(g, (_, s) => s.join.max)),
        ms(med(g, (_, s) => s.wallMs)),
        f(
          med(g, (r) => r.cpuS),
          2,
        ),
        f(
          med(g, (r) => r.peakRssMiB),
          0,
        ),
        f(
          med(g, (_, s) => s.bytesIn / 1e6),
          0,
        ),
        f(
          med(g, (_, s) => s.loadCpuS),
          2,
        ),
      ]);
    }
    out.push(table(head, rows));
    out.push('');
    for (const g of sg) {
      for (const { run: r, res: s } of g.ok) {
        out.push(
          `- ${repTag(r, cfg.repeat)}: ` +
            (cfg.repeat > 1 ? `wall ${ms(s.wallMs)} ms, server CPU ${f(r.cpuS, 2)} s; ` : '') +
            `seeding + verification ${f(s.seed.seedMs / 1000)} s (not measured); ` +
            `got sync step 2: ${s.synced}/${s.clients}; connect → ws open p50/max ${ms(s.open.p50)}/${ms(s.open.max)} ms, ws open → complete p50 ${ms(s.firstByteToSync.p50)} ms; ` +
            `closes: ${closes(s.closes)}; permission-denied: ${s.denied}; ` +
            `client errors: ${s.errors.length ? s.errors.join('; ') : 'none'}; ` +
            `server CPU user/sys ${f(r.cpuUserS, 2)}/${f(r.cpuSysS, 2)} s, RSS at storm start ${f(r.rssAtStartMiB, 0)} MiB; ` +
            serverMetrics(r) +
            `server shutdown: ${shutdown(r)}; ${noise(r)}.`,
        );
      }
      for (const r of g.all.filter((x) => !x.ok))
        out.push(`- ${repTag(r, cfg.repeat)}: FAILED — ${r.error?.split('\n')[0]}`);
    }
    const ours = sg.find((g) => g.kind === 'akkoord');
    const ref = sg.find((g) => g.kind === 'reference');
    if (ours) {
      const c = sum(ours, (s) => s.complete);
      const n = sum(ours, (s) => s.clients);
      targets.push(
        ours.ok.length === 0
          ? '- FAIL — join storm (akkoord): not measured'
          : `- ${c === n && ours.ok.length === ours.all.length ? 'PASS' : 'FAIL'} — every joining client got the complete document (akkoord): ${c}/${n}`,
      );
    }
    if (ours && ref) {
      const ow = med(ours, (_, s) => s.wallMs);
      const rw = med(ref, (_, s) => s.wallMs);
      targets.push(
        Number.isNaN(ow) || Number.isNaN(rw)
          ? '- FAIL — akkoord join storm ≥ 3× faster than the reference: not measured completely for both servers'
          : `- ${rw / ow >= 3 ? 'PASS' : 'FAIL'} — akkoord join storm ≥ 3× faster than the reference (total wall time): ` +
              `${ms(ow)} ms vs ${ms(rw)} ms = ${f(rw / ow, 2)}× ` +
              `(server CPU ${f(
                med(ours, (r) => r.cpuS),
                2,
              )} s vs ${f(
                med(ref, (r) => r.cpuS),
                2,
              )} s)`,
      );
    }
  }

  out.push('');
  out.push('## Targets');
  out.push('');
  out.push('Printed for information; the bench never fails because of them.');
  out.push('');
  out.push(
    targets.length
      ? targets.join('\n')
      : '(no targets apply to this selection of servers/scenarios)',
  );

  const failed = runs.filter((r) => !r.ok);
  if (failed.length) {
    out.push('');
    out.push('## Failures');
    for (const r of failed) {
      out.push('');
      out.push(`### ${r.scenario} / ${repTag(r, cfg.repeat)}`);
      out.push('');
      out.push('```');
      out.push((r.error ?? '').slice(0, 3000));
      if (r.outputTail) {
        out.push('--- server output (tail) ---');
        out.push(r.outputTail.slice(-2000));
      }
      out.push('```');
    }
  }
  out.push('');
  return out.join('\n');
}
