/**
 * Summarises V8 .cpuprofile files (from BENCH_CPU_PROF=<dir> pnpm bench): self time per
 * function and per package/file, heaviest first.
 *   node --import tsx src/profileSummary.ts <file.cpuprofile> [top=25]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
const top = Number(process.argv[3] ?? '25');
if (!file) {
  console.error('usage: profileSummary.ts <file.cpuprofile> [top]');
  process.exit(2);
}
const prof = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
for (let i = 0; i < prof.samples.length; i++) {
  const id = prof.samples[i]!;
  selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const shortUrl = (u: string): string => {
  const m = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(u);
  if (m) return `${m[1]}/${m[2]}`;
  return u.replace(/^file:\/\/.*?\/work\/main\//, '').replace(/^node:/, 'node:');
};
const fn = new Map<string, number>();
const pkg = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  const url = shortUrl(n.callFrame.url);
  const name = `${n.callFrame.functionName || '(anonymous)'}  ${url}:${n.callFrame.lineNumber + 1}`;
  fn.set(name, (fn.get(name) ?? 0) + us);
  const group =
    url === ''
      ? n.callFrame.functionName || '(native)'
      : url
          .split('/')
          .slice(0, url.startsWith('@') ? 2 : 1)
          .join('/');
  pkg.set(group, (pkg.get(group) ?? 0) + us);
}
const print = (title: string, m: Map<string, number>): void => {
  console.log(`\n${title} (total ${(total / 1e6).toFixed(2)} s sampled)`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1e3).toFixed(0).padStart(7)} ms  ${k}`,
    );
  }
};
print('self time by package / file', pkg);
print('self time by function', fn);
