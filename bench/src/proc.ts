/**
 * Linux /proc sampling of a server's process group: CPU seconds (utime+stime) and peak RSS
 * (VmHWM). We sum over every process whose process group is the server's pgid, so a server
 * that forks helpers is still measured in full (threads are already included in a process).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

let clkTck: number | undefined;
export function clockTicks(): number {
  if (clkTck === undefined) {
    const out = execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim();
    const n = Number(out);
    clkTck = Number.isFinite(n) && n > 0 ? n : 100;
  }
  return clkTck;
}

interface StatFields {
  pgrp: number;
  utime: number;
  stime: number;
}

function readStat(pid: number): StatFields | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // comm (field 2) may contain spaces/parens: parse after the last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state); field N is rest[N - 3].
  const pgrp = Number(rest[5 - 3]);
  const utime = Number(rest[14 - 3]);
  const stime = Number(rest[15 - 3]);
  return { pgrp, utime, stime };
}

function readStatusKb(pid: number, key: string): number {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function groupPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const st = readStat(pid);
    if (st && st.pgrp === pgid) pids.push(pid);
  }
  if (!pids.includes(pgid)) pids.unshift(pgid);
  return pids;
}

export interface ProcSample {
  /** utime + stime of all processes in the group, seconds. */
  cpuSeconds: number;
  userSeconds: number;
  sysSeconds: number;
  /** Sum of VmHWM (peak RSS) over the group, MiB. */
  peakRssMiB: number;
  /** Sum of VmRSS (current RSS) over the group, MiB. */
  rssMiB: number;
  pids: number[];
}

export function sampleGroup(pgid: number): ProcSample {
  const tck = clockTicks();
  let ticks = 0;
  let uticks = 0;
  let hwm = 0;
  let rss = 0;
  const pids = groupPids(pgid);
  for (const pid of pids) {
    const st = readStat(pid);
    if (!st) continue;
    ticks += st.utime + st.stime;
    uticks += st.utime;
    hwm += readStatusKb(pid, 'VmHWM');
    rss += readStatusKb(pid, 'VmRSS');
  }
  return {
    cpuSeconds: ticks / tck,
    userSeconds: uticks / tck,
    sysSeconds: (ticks - uticks) / tck,
    peakRssMiB: hwm / 1024,
    rssMiB: rss / 1024,
    pids,
  };
}

/**
 * Reset the peak-RSS high-water mark (VmHWM) of every process in the group to its current
 * RSS (`echo 5 > /proc/PID/clear_refs`, Linux >= 4.0), so a later VmHWM is the peak within
 * the measured window. Returns false if the kernel refused (then VmHWM is the lifetime peak).
 */
export function resetPeak(pgid: number): boolean {
  let ok = true;
  for (const pid of groupPids(pgid)) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      ok = false;
    }
  }
  return ok;
}

/** Machine-wide CPU time from /proc/stat (all cores), seconds: busy and total. */
export function sampleMachine(): { busyS: number; totalS: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest is already in user)
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const tck = clockTicks();
    return { busyS: (total - idle) / tck, totalS: total / tck };
  } catch {
    return { busyS: NaN, totalS: NaN };
  }
}
