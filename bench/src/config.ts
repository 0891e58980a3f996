/** Command-line flags (`--name=value` or `--name value`) with BENCH_* environment fallbacks. */
import type { ServerKind } from './servers';

export interface Config {
  servers: ServerKind[];
  scenarios: ('typing' | 'storm')[];
  rooms: number;
  clientsPerRoom: number;
  rate: number;
  duration: number;
  warmup: number;
  drainTimeout: number;
  stormRooms: number;
  stormClients: number;
  docBytes: number;
  settle: number;
  stormTimeout: number;
  awareness: boolean;
  repeat: number;
  out: string;
}

interface Opt {
  key: keyof Config;
  flag: string;
  def: string;
  help: string;
}

const OPTS: Opt[] = [
  {
    key: 'servers',
    flag: 'servers',
    def: 'akkoord,reference',
    help: 'servers to run, in this order (akkoord, reference)',
  },
  {
    key: 'scenarios',
    flag: 'scenarios',
    def: 'typing,storm',
    help: 'scenarios to run (typing, storm)',
  },
  { key: 'rooms', flag: 'rooms', def: '20', help: 'typing: rooms (R)' },
  {
    key: 'clientsPerRoom',
    flag: 'clients-per-room',
    def: '5',
    help: 'typing: clients per room (M)',
  },
  { key: 'rate', flag: 'rate', def: '5', help: 'typing: keystrokes per second per client' },
  { key: 'duration', flag: 'duration', def: '20', help: 'typing: measured seconds of typing' },
  {
    key: 'warmup',
    flag: 'warmup',
    def: '3',
    help: 'typing: seconds of unmeasured warm-up typing first',
  },
  {
    key: 'drainTimeout',
    flag: 'drain-timeout',
    def: '15',
    help: 'typing: max seconds to wait for outstanding deliveries',
  },
  {
    key: 'stormRooms',
    flag: 'storm-rooms',
    def: '4',
    help: 'storm: rooms, each seeded with one document',
  },
  {
    key: 'stormClients',
    flag: 'storm-clients',
    def: '200',
    help: 'storm: clients connecting at once (spread over the rooms)',
  },
  {
    key: 'docBytes',
    flag: 'doc-bytes',
    def: '1000000',
    help: 'storm: size of each seeded document (encoded Yjs state, bytes)',
  },
  {
    key: 'settle',
    flag: 'settle',
    def: '2',
    help: 'storm: seconds to wait after seeding before the storm',
  },
  {
    key: 'stormTimeout',
    flag: 'storm-timeout',
    def: '60',
    help: 'storm: max seconds for seeding, and for all clients to sync',
  },
  {
    key: 'awareness',
    flag: 'awareness',
    def: '1',
    help: 'clients send one awareness state on connect (1/0)',
  },
  {
    key: 'repeat',
    flag: 'repeat',
    def: '1',
    help: 'run every (scenario, server) pair N times, servers interleaved; tables show medians',
  },
  { key: 'out', flag: 'out', def: 'results', help: 'output directory (relative to bench/)' },
];

const QUICK: Partial<Record<keyof Config, string>> = {
  rooms: '4',
  duration: '5',
  warmup: '1',
  stormClients: '40',
  stormRooms: '2',
  docBytes: '200000',
  settle: '1',
};

export function usage(): string {
  const lines = ['Usage: pnpm bench [-- flags]', ''];
  for (const o of OPTS) {
    const env = 'BENCH_' + o.flag.toUpperCase().replace(/-/g, '_');
    lines.push(`  --${o.flag.padEnd(18)} ${o.help} (default ${o.def}; env ${env})`);
  }
  lines.push(
    '  --quick              small smoke-test preset (4 rooms, 5 s typing, 40 joiners of 200 kB docs)',
  );
  lines.push('  --help               this text');
  return lines.join('\n');
}

function positive(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0)
    throw new Error(`--${name}: expected a non-negative number, got "${v}"`);
  return n;
}

export function parseConfig(argv: string[], env: NodeJS.ProcessEnv): Config | 'help' {
  const raw = new Map<string, string>();
  let quick = env.BENCH_QUICK === '1';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') continue;
    if (a === '--help' || a === '-h') return 'help';
    if (a === '--quick') {
      quick = true;
      continue;
    }
    if (!a.startsWith('--')) throw new Error(`unexpected argument "${a}"\n${usage()}`);
    const eq = a.indexOf('=');
    let name: string;
    let value: string;
    if (eq > 0) {
      name = a.slice(2, eq);
      value = a.slice(eq + 1);
    } else {
      name = a.slice(2);
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new Error(`--${name} needs a value`);
      value = next;
      i++;
    }
    if (!OPTS.some((o) => o.flag === name)) throw new Error(`unknown flag --${name}\n${usage()}`);
    raw.set(name, value);
  }
  const get = (o: Opt): string => {
    const envName = 'BENCH_' + o.flag.toUpperCase().replace(/-/g, '_');
    return raw.get(o.flag) ?? env[envName] ?? (quick ? QUICK[o.key] : undefined) ?? o.def;
  };
  const cfg: Record<string, unknown> = {};
  for (const o of OPTS) {
    const v = get(o);
    switch (o.key) {
      case 'servers': {
        const list = v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        for (const s of list)
          if (s !== 'akkoord' && s !== 'reference')
            throw new Error(`--servers: unknown server "${s}"`);
        cfg[o.key] = list;
        break;
      }
      case 'scenarios': {
        const list = v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        for (const s of list)
          if (s !== 'typing' && s !== 'storm')
            throw new Error(`--scenarios: unknown scenario "${s}"`);
        cfg[o.key] = list;
        break;
      }
      case 'awareness':
        cfg[o.key] = v === '1' || v === 'true';
        break;
      case 'out':
        cfg[o.key] = v;
        break;
      default:
        cfg[o.key] = positive(o.flag, v);
    }
  }
  const c = cfg as unknown as Config;
  if (c.clientsPerRoom < 2)
    throw new Error('--clients-per-room must be at least 2 (fan-out needs receivers)');
  if (c.rate <= 0 || c.rate > 50) throw new Error('--rate must be in (0, 50]');
  if (!Number.isInteger(c.repeat) || c.repeat < 1 || c.repeat > 10)
    throw new Error('--repeat must be an integer in 1..10');
  if (c.rooms < 1 || c.stormRooms < 1 || c.stormClients < 1)
    throw new Error('rooms and clients must be >= 1');
  if (c.duration > 600 || c.stormTimeout > 600)
    throw new Error('--duration and --storm-timeout are capped at 600 s');
  if (c.rooms * c.clientsPerRoom > 2000 || c.stormClients > 5000)
    throw new Error('client counts capped (2000 typing, 5000 storm)');
  return c;
}
