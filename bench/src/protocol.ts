/** IPC between the orchestrator (run.ts) and the load-generator process (load.ts). */

export interface TypingParams {
  scenario: 'typing';
  urls: string[]; // one per room
  clientsPerRoom: number;
  rate: number; // keystrokes per second per client
  durationS: number;
  warmupS: number;
  drainTimeoutS: number;
  connectTimeoutS: number;
  awareness: boolean;
}

export interface StormParams {
  scenario: 'storm';
  urls: string[]; // one per room
  clients: number; // total, spread round-robin over the rooms
  docBytes: number;
  settleS: number;
  timeoutS: number;
  graceMs: number;
  awareness: boolean;
}

export type LoadParams = TypingParams | StormParams;

export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface TypingResult {
  scenario: 'typing';
  clients: number;
  connectMs: number;
  keystrokes: number; // measured keystrokes sent
  expected: number; // keystrokes x (M-1)
  delivered: number;
  warmupKeystrokes: number;
  warmupExpected: number;
  warmupDelivered: number;
  echoExpected: number;
  echoDelivered: number;
  fanout: LatencySummary;
  echo: LatencySummary;
  measuredWallS: number;
  drainMs: number;
  converged: boolean;
  convergenceDetail: string;
  closes: Record<string, number>;
  denied: number;
  errors: string[];
  loadCpuS: number;
  loadCpuPct: number;
  sendLagMaxMs: number;
  /** Event-loop delay of the load generator in the measured window (high = load-gen stalls). */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

export interface StormResult {
  scenario: 'storm';
  seed: {
    stateBytes: number;
    batches: number;
    textLength: number;
    paragraphs: number;
    buildMs: number;
    seedMs: number;
  };
  clients: number;
  synced: number;
  complete: number;
  join: LatencySummary; // per client: connect call -> complete doc received
  firstByteToSync: LatencySummary; // per client: ws open -> complete doc received
  open: LatencySummary; // per client: connect call -> WebSocket open (handshake + auth)
  wallMs: number; // first connect call -> last client complete
  bytesIn: number;
  closes: Record<string, number>;
  denied: number;
  errors: string[];
  verifyMs: number;
  distinctPayloads: number;
  loadCpuS: number;
}

export type LoadResult = TypingResult | StormResult;

export type FromLoad =
  | { type: 'mark'; name: string }
  | { type: 'log'; text: string }
  | { type: 'result'; result: LoadResult }
  | { type: 'error'; error: string };

export type ToLoad = { type: 'start'; params: LoadParams } | { type: 'ack'; name: string };
