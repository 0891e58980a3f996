/** Markdown rendering of a bench run. */
import type { Config } from './config';
import type { LatencySummary, StormResult, TypingResult } from './protocol';
import type { ServerRun } from './run';

interface Report {
  cfg: Config;
  runs: ServerRun[];
  startedAt: Date;
  finishedAt: Date;
  env: { node: string; platform: string; cpus: string; memGiB: number };
}

const f = (v: number | undefined, digits = 1): string =>
  v === undefined || Number.isNaN(v) ? '–' : v.toFixed(digits);
const ms = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(2) : v.toFixed(1));
const pct = (a: number, b: number): string => (b === 0 ? '–' : `${((100 * a) / b).toFixed(b === a ? 0 : 2)}%`);

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}
function table(head: string[], rows: string[][]): string {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
}

function lat(l: LatencySummary | undefined): string[] {
  return [ms(l?.p50), ms(l?.p95), ms(l?.p99), ms(l?.max)];
}

function failedRow(r: ServerRun, width: number): string[] {
  const cells = [`**${r.label}**`, `not measured: ${(r.error ?? 'unknown error').split('\n')[0]!.slice(0, 160)}`];
  while (cells.length < width) cells.push('');
  return cells;
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

export function renderMarkdown(rep: Report): string {
  const { cfg, runs } = rep;
  const out: string[] = [];
  out.push(`# Akkoord sync bench — ${rep.startedAt.toISOString()}`);
  out.push('');
  out.push(
    `Machine: ${rep.env.cpus}, ${rep.env.memGiB} GiB, ${rep.env.platform}, Node ${rep.env.node}. ` +
      `Run took ${((rep.finishedAt.getTime() - rep.startedAt.getTime()) / 1000).toFixed(0)} s. ` +
      'Each row: a fresh server process (own process group) and a separate load-generator process; ' +
      'server CPU = utime+stime of the server process group over the measured window only; ' +
      'peak RSS = VmHWM, reset at the start of the window.',
  );
  const targets: string[] = [];
  const by = (scenario: string, kind: string): ServerRun | undefined =>
    runs.find((r) => r.scenario === scenario && r.kind === kind);

  // ---------------------------------------------------------------- typing
  const typing = runs.filter((r) => r.scenario === 'typing');
  if (typing.length) {
    out.push('');
    out.push('## Scenario A — typing (fan-out latency)');
    out.push('');
    out.push(
      `Parameters: ${cfg.rooms} rooms × ${cfg.clientsPerRoom} clients = ${cfg.rooms * cfg.clientsPerRoom} clients, ` +
        `${cfg.rate} keystrokes/s each (${cfg.rooms * cfg.clientsPerRoom * cfg.rate} updates/s in total), ` +
        `${cfg.duration} s measured after ${cfg.warmup} s of unmeasured warm-up typing; ` +
        `one Y.XmlText insert per keystroke, in the client's own paragraph of the \`default\` XmlFragment; ` +
        `awareness on connect: ${cfg.awareness ? 'yes' : 'no'}. ` +
        'Fan-out = keystroke sent by one client → received by each other client in the room; ' +
        'echo = → back at the sender (for akkoord: the durability acknowledgement).',
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
    for (const r of typing) {
      const t = r.result as TypingResult | undefined;
      if (!r.ok || !t) {
        rows.push(failedRow(r, head.length));
        continue;
      }
      rows.push([
        `**${r.label}**`,
        ...lat(t.fanout),
        `${ms(t.echo.p50)} / ${ms(t.echo.p99)}`,
        `${t.delivered} / ${t.expected} (${pct(t.delivered, t.expected)})`,
        f(r.cpuS, 2),
        f(r.cpuPctOfCore, 1),
        f(r.peakRssMiB, 0),
        f(t.loadCpuPct, 0),
      ]);
    }
    out.push(table(head, rows));
    out.push('');
    for (const r of typing) {
      const t = r.result as TypingResult | undefined;
      if (!r.ok || !t) continue;
      out.push(
        `- ${r.label}: ${t.keystrokes} keystrokes in ${f(t.measuredWallS)} s window; ` +
          `warm-up ${t.warmupDelivered}/${t.warmupExpected} delivered; echoes ${t.echoDelivered}/${t.echoExpected}; ` +
          `convergence: ${t.convergenceDetail}; drain after last keystroke ${ms(t.drainMs)} ms; ` +
          `closes: ${closes(t.closes)}; permission-denied: ${t.denied}; ` +
          `client errors: ${t.errors.length ? t.errors.join('; ') : 'none'}; ` +
          `max timer lag of a keystroke ${ms(t.sendLagMaxMs)} ms; RSS at window start ${f(r.rssAtStartMiB, 0)} MiB; ` +
          `server shutdown: ${shutdown(r)}.`,
      );
    }
    const ours = by('typing', 'akkoord');
    const ref = by('typing', 'reference');
    const ot = ours?.ok ? (ours.result as TypingResult) : undefined;
    const rt = ref?.ok ? (ref.result as TypingResult) : undefined;
    if (ours) {
      targets.push(
        ot
          ? `- ${typingLost(ot) ? 'FAIL' : 'PASS'} — zero lost updates in scenario A (akkoord): ` +
              `${ot.delivered}/${ot.expected} fan-out, ${ot.warmupDelivered}/${ot.warmupExpected} warm-up, ` +
              `${ot.echoDelivered}/${ot.echoExpected} echoes, ${ot.converged ? 'converged' : 'DIVERGED'}`
          : `- FAIL — zero lost updates in scenario A (akkoord): not measured (${ours.error?.split('\n')[0]})`,
      );
    }
    if (ref && rt) {
      targets.push(
        `- ${typingLost(rt) ? 'FAIL' : 'PASS'} — zero lost updates in scenario A (reference, for comparison): ` +
          `${rt.delivered}/${rt.expected} fan-out, ${rt.echoDelivered}/${rt.echoExpected} echoes`,
      );
    }
    if (ours && ref) {
      if (ot && rt && ours.cpuS !== undefined && ref.cpuS !== undefined) {
        targets.push(
          `- ${ours.cpuS <= ref.cpuS ? 'PASS' : 'FAIL'} — akkoord server CPU ≤ reference CPU in scenario A ` +
            `(while persisting every update): ${f(ours.cpuS, 2)} s vs ${f(ref.cpuS, 2)} s ` +
            `(ratio ${f(ours.cpuS / ref.cpuS, 2)}×)`,
        );
      } else {
        targets.push('- FAIL — akkoord server CPU ≤ reference CPU in scenario A: not measured for both servers');
      }
    }
  }

  // ---------------------------------------------------------------- storm
  const storm = runs.filter((r) => r.scenario === 'storm');
  if (storm.length) {
    out.push('');
    out.push('## Scenario B — join storm');
    out.push('');
    const s0 = storm.find((r) => r.ok)?.result as StormResult | undefined;
    out.push(
      `Parameters: ${cfg.stormRooms} rooms, each seeded through a client with a ~${(cfg.docBytes / 1e6).toFixed(2)} MB document` +
        (s0
          ? ` (${s0.seed.stateBytes} B encoded state, ${s0.seed.paragraphs} paragraphs, ${s0.seed.textLength} characters, ` +
            `simulated editing history by 3 authors, sent as ${s0.seed.batches} update messages)`
          : '') +
        `; the seeder leaves, ${cfg.settle} s settle, then ${cfg.stormClients} clients ` +
        `(${Math.ceil(cfg.stormClients / cfg.stormRooms)} per room) connect at once; awareness on connect: ${cfg.awareness ? 'yes' : 'no'}. ` +
        'Join time = connect call → arrival of the server message that completes the client\'s copy of the ' +
        'document (verified afterwards by replaying each client\'s received payloads into a fresh Y.Doc and comparing ' +
        'text length and a hash of the XML with the seed). Total wall time = first connect call → last client complete.',
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
    ];
    const rows: string[][] = [];
    for (const r of storm) {
      const s = r.result as StormResult | undefined;
      if (!r.ok || !s) {
        rows.push(failedRow(r, head.length));
        continue;
      }
      rows.push([
        `**${r.label}**`,
        `${s.complete} / ${s.clients}`,
        ms(s.join.p50),
        ms(s.join.p95),
        ms(s.join.max),
        ms(s.wallMs),
        f(r.cpuS, 2),
        f(r.peakRssMiB, 0),
        f(s.bytesIn / 1e6, 0),
      ]);
    }
    out.push(table(head, rows));
    out.push('');
    for (const r of storm) {
      const s = r.result as StormResult | undefined;
      if (!r.ok || !s) continue;
      out.push(
        `- ${r.label}: seeding + verification took ${f(s.seed.seedMs / 1000)} s (not measured); ` +
          `synced (got sync step 2) ${s.synced}/${s.clients}; ws open → complete p50 ${ms(s.firstByteToSync.p50)} ms; ` +
          `closes: ${closes(s.closes)}; permission-denied: ${s.denied}; ` +
          `client errors: ${s.errors.length ? s.errors.join('; ') : 'none'}; ` +
          `RSS at storm start ${f(r.rssAtStartMiB, 0)} MiB; server shutdown: ${shutdown(r)}.`,
      );
    }
    const ours = by('storm', 'akkoord');
    const ref = by('storm', 'reference');
    const os = ours?.ok ? (ours.result as StormResult) : undefined;
    const rs = ref?.ok ? (ref.result as StormResult) : undefined;
    if (ours) {
      targets.push(
        os
          ? `- ${os.complete === os.clients ? 'PASS' : 'FAIL'} — every joining client got the complete document (akkoord): ${os.complete}/${os.clients}`
          : `- FAIL — join storm (akkoord): not measured (${ours.error?.split('\n')[0]})`,
      );
    }
    if (ours && ref) {
      if (os && rs && !Number.isNaN(os.wallMs) && !Number.isNaN(rs.wallMs)) {
        const speedup = rs.wallMs / os.wallMs;
        targets.push(
          `- ${speedup >= 3 ? 'PASS' : 'FAIL'} — akkoord join storm ≥ 3× faster than the reference (total wall time): ` +
            `${ms(os.wallMs)} ms vs ${ms(rs.wallMs)} ms = ${f(speedup, 2)}×`,
        );
      } else {
        targets.push('- FAIL — akkoord join storm ≥ 3× faster than the reference: not measured completely for both servers');
      }
    }
  }

  out.push('');
  out.push('## Targets');
  out.push('');
  out.push(targets.length ? targets.join('\n') : '(no targets apply to this selection of servers/scenarios)');

  const failed = runs.filter((r) => !r.ok);
  if (failed.length) {
    out.push('');
    out.push('## Failures');
    for (const r of failed) {
      out.push('');
      out.push(`### ${r.scenario} / ${r.label}`);
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

function shutdown(r: ServerRun): string {
  const s = r.stop;
  if (!s) return '–';
  if (s.diedEarly) return `had already exited (code ${s.code}, signal ${s.exitSignal})`;
  if (s.signal === 'SIGKILL') return 'did not exit within 10 s of SIGTERM (killed)';
  return `SIGTERM → exit ${s.code ?? s.exitSignal} in ${f(s.ms, 0)} ms`;
}
