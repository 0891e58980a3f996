/**
 * The load generator. Runs in its own process (forked by run.ts with an IPC channel), so the
 * server's CPU is measured alone. It announces phase boundaries with `mark` messages and
 * waits for the orchestrator's `ack` (which samples the server's /proc counters in between),
 * then sends one `result` and exits. Every loop here is bounded in count and in time.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { BenchClient } from './client';
import { buildSeed, fingerprint, type DocFingerprint } from './seed';
import { summarize } from './stats';
import type {
  FromLoad,
  LoadParams,
  StormParams,
  StormResult,
  ToLoad,
  TypingParams,
  TypingResult,
} from './protocol';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function send(msg: FromLoad): void {
  process.send?.(msg);
}
function log(text: string): void {
  send({ type: 'log', text });
}

const ackWaiters = new Map<string, () => void>();
/** Tell the orchestrator we reached a phase boundary; it samples the server, then acks. */
function mark(name: string): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ackWaiters.delete(name);
      resolve();
    }, 10_000);
    ackWaiters.set(name, () => {
      clearTimeout(timer);
      resolve();
    });
    send({ type: 'mark', name });
  });
}

function closeSummary(clients: BenchClient[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of clients) {
    if (!c.closed) continue;
    const k = `${c.closeCode}${c.closeReason ? ' ' + c.closeReason : ''}`;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

function errorSummary(clients: BenchClient[]): string[] {
  const set = new Set<string>();
  for (const c of clients) for (const e of c.errors) if (set.size < 10) set.add(e);
  return [...set];
}

/** Resolves when cond() holds, checking every stepMs, or after timeoutMs. */
async function waitFor(cond: () => boolean, timeoutMs: number, stepMs = 20): Promise<boolean> {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    if (cond()) return true;
    await sleep(stepMs);
  }
  return cond();
}

// ---------------------------------------------------------------------------------------
// Scenario A: typing
// ---------------------------------------------------------------------------------------

interface Sent {
  sentAt: number;
  room: number;
  sender: number; // index within room
  measured: boolean;
  got: Uint8Array; // per receiver index in room: 1 once received
}

async function runTyping(p: TypingParams): Promise<TypingResult> {
  const R = p.urls.length;
  const M = p.clientsPerRoom;
  const sent = new Map<number, Sent>(); // key: clientID * 2^21 + clock
  const KEY = 2 ** 21;
  const fanout: number[] = [];
  const echo: number[] = [];
  let delivered = 0;
  let warmupDelivered = 0;
  let echoDelivered = 0;
  let echoExpected = 0;

  const rooms: BenchClient[][] = [];
  const all: BenchClient[] = [];
  const t0 = performance.now();
  for (let r = 0; r < R; r++) {
    const row: BenchClient[] = [];
    for (let m = 0; m < M; m++) {
      const client: BenchClient = new BenchClient({
        url: p.urls[r]!,
        mode: 'live',
        awareness: p.awareness,
        name: `typist ${r}.${m}`,
        onPayload: (payload, _kind, t) => {
          // Identify keystrokes by the (clientID, clock) of the structs in the update.
          let decoded: ReturnType<typeof Y.decodeUpdate>;
          try {
            decoded = Y.decodeUpdate(payload);
          } catch {
            return;
          }
          for (const s of decoded.structs) {
            if (!(s instanceof Y.Item)) continue;
            const base = s.id.client * KEY;
            for (let c = s.id.clock, end = s.id.clock + s.length; c < end; c++) {
              const rec = sent.get(base + c);
              if (!rec || rec.room !== r || rec.got[m] === 1) continue;
              rec.got[m] = 1;
              const dt = t - rec.sentAt;
              if (rec.sender === m) {
                echoDelivered++;
                if (rec.measured) echo.push(dt);
              } else if (rec.measured) {
                delivered++;
                fanout.push(dt);
              } else {
                warmupDelivered++;
              }
            }
          }
        },
      });
      row.push(client);
      all.push(client);
    }
    rooms.push(row);
  }
  await Promise.all(all.map((c) => c.whenSynced(p.connectTimeoutS * 1000)));
  const notSynced = all.filter((c) => !c.synced).length;
  if (notSynced > 0) {
    throw new Error(
      `${notSynced}/${all.length} clients did not sync within ${p.connectTimeoutS}s; closes: ` +
        JSON.stringify(closeSummary(all)) +
        ' errors: ' +
        JSON.stringify(errorSummary(all)),
    );
  }
  // Each client creates its own paragraph to type into. Akkoord's documents start from a
  // template, so count paragraphs on top of what each document already held.
  const base = new Map(all.map((c) => [c, c.doc.getXmlFragment('default').length]));
  const texts: Y.XmlText[] = [];
  for (const c of all) {
    const para = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    para.insert(0, [text]);
    c.doc.getXmlFragment('default').push([para]);
    texts.push(text);
  }
  const allParagraphs = await waitFor(
    () => all.every((c) => c.doc.getXmlFragment('default').length === base.get(c)! + M),
    p.connectTimeoutS * 1000,
  );
  if (!allParagraphs) throw new Error('initial paragraphs did not reach every client in time');
  const connectMs = performance.now() - t0;
  log(`typing: ${all.length} clients connected and synced in ${connectMs.toFixed(0)} ms`);

  const interval = 1000 / p.rate;
  let sendLagMaxMs = 0;
  const chars = 'abcdefghijklmnopqrstuvwxyz     ';

  /** Every client types `count` keystrokes at `rate`, each starting at a random phase. */
  const typePhase = async (count: number, measured: boolean): Promise<number> => {
    let sentCount = 0;
    const start = performance.now() + 50;
    await Promise.all(
      all.map(
        (c, idx) =>
          new Promise<void>((resolve) => {
            const r = Math.floor(idx / M);
            const m = idx % M;
            const text = texts[idx]!;
            const phase = Math.random() * interval;
            let k = 0;
            const step = (): void => {
              if (k >= count || c.closed) {
                resolve();
                return;
              }
              const due = start + phase + k * interval;
              const now = performance.now();
              if (now - due > sendLagMaxMs) sendLagMaxMs = now - due;
              const clock = Y.getState(c.doc.store, c.doc.clientID);
              const rec: Sent = { sentAt: 0, room: r, sender: m, measured, got: new Uint8Array(M) };
              sent.set(c.doc.clientID * KEY + clock, rec);
              rec.sentAt = performance.now();
              // the doc's update handler sends the update synchronously inside insert()
              text.insert(text.length, chars[Math.floor(Math.random() * chars.length)]!);
              sentCount++;
              echoExpected++;
              k++;
              const next = start + phase + k * interval;
              setTimeout(step, Math.max(0, next - performance.now()));
            };
            setTimeout(step, Math.max(0, start + phase - performance.now()));
          }),
      ),
    );
    return sentCount;
  };

  // Warm-up (excluded from the latency figures and from the server CPU window).
  const warmupCount = Math.round(p.warmupS * p.rate);
  const warmupKeystrokes = warmupCount > 0 ? await typePhase(warmupCount, false) : 0;
  const warmupExpected = warmupKeystrokes * (M - 1);
  await waitFor(() => warmupDelivered >= warmupExpected, p.drainTimeoutS * 1000);
  await sleep(200);

  await mark('typing-start');
  sendLagMaxMs = 0;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const tm0 = performance.now();
  const measuredCount = Math.round(p.durationS * p.rate);
  const keystrokes = await typePhase(measuredCount, true);
  const tSent = performance.now();
  const expected = keystrokes * (M - 1);
  await waitFor(
    () => delivered >= expected && echoDelivered >= echoExpected,
    p.drainTimeoutS * 1000,
    10,
  );
  const drainMs = performance.now() - tSent;
  const measuredWallS = (performance.now() - tm0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  loop.disable();
  await mark('typing-end');

  // Convergence: every client in a room must hold the same content.
  let converged = true;
  let convergenceDetail = 'all rooms identical';
  for (let r = 0; r < R && converged; r++) {
    const ref = rooms[r]![0]!.doc.getXmlFragment('default').toJSON();
    for (const c of rooms[r]!) {
      if (c.doc.getXmlFragment('default').toJSON() !== ref) {
        converged = false;
        convergenceDetail = `room ${r} diverged`;
        break;
      }
    }
  }
  const closes = closeSummary(all);
  const denied = all.reduce((a, c) => a + c.denied.length, 0);
  const errors = errorSummary(all);
  for (const c of all) c.close();
  const loadCpuS = (cpu.user + cpu.system) / 1e6;
  return {
    scenario: 'typing',
    clients: all.length,
    connectMs,
    keystrokes,
    expected,
    delivered,
    warmupKeystrokes,
    warmupExpected,
    warmupDelivered,
    echoExpected,
    echoDelivered,
    fanout: summarize(fanout),
    echo: summarize(echo),
    measuredWallS,
    drainMs,
    converged,
    convergenceDetail,
    closes,
    denied,
    errors,
    loadCpuS,
    loadCpuPct: (100 * loadCpuS) / measuredWallS,
    sendLagMaxMs,
    loopDelayP99Ms: loop.percentile(99) / 1e6,
    loopDelayMaxMs: loop.max / 1e6,
  };
}

// ---------------------------------------------------------------------------------------
// Scenario B: join storm
// ---------------------------------------------------------------------------------------

async function seedRoom(
  url: string,
  batches: Uint8Array[],
  expect: DocFingerprint,
  timeoutS: number,
): Promise<DocFingerprint> {
  const seeder = new BenchClient({ url, mode: 'capture', awareness: false, name: 'seeder' });
  if (!(await seeder.whenSynced(timeoutS * 1000))) {
    throw new Error(
      `seeder could not sync (${seeder.closeCode} ${seeder.closeReason} ${seeder.errors.join('; ')})`,
    );
  }
  // Akkoord's documents start from a template: what the server must end with is that starting
  // content plus the seed, so fold the starting content (captured at sync) into the expectation.
  if (seeder.captured.length > 0) {
    const d = new Y.Doc();
    for (const c of seeder.captured) Y.applyUpdate(d, c.payload);
    for (const b of batches) Y.applyUpdate(d, b);
    expect = fingerprint(d);
    d.destroy();
  }
  // Paced: ~50 messages/s, like a fast but human-driven client (servers may rate-limit).
  for (const b of batches) {
    if (seeder.closed) throw new Error(`seeder closed ${seeder.closeCode} ${seeder.closeReason}`);
    seeder.sendUpdate(b);
    await sleep(20);
  }
  // Wait until the server's copy is complete: a probe client joins and checks the content.
  const end = performance.now() + timeoutS * 1000;
  let last = '';
  while (performance.now() < end) {
    const probe = new BenchClient({ url, mode: 'live', awareness: false, name: 'probe' });
    await probe.whenSynced(Math.max(1, end - performance.now()));
    await sleep(100);
    const fp = fingerprint(probe.doc);
    probe.close();
    if (fp.hash === expect.hash) {
      seeder.close();
      return expect;
    }
    last = JSON.stringify(fp);
    await sleep(250);
  }
  seeder.close();
  throw new Error(`seeded document incomplete on the server after ${timeoutS}s: ${last}`);
}

async function runStorm(p: StormParams): Promise<StormResult> {
  const seed = buildSeed(p.docBytes);
  log(
    `storm: seed doc ${seed.stateBytes} B in ${seed.batches.length} messages, ` +
      `${seed.fingerprint.textLength} chars (built in ${seed.buildMs.toFixed(0)} ms)`,
  );
  const ts0 = performance.now();
  // Per room: what a complete copy looks like (a template, where the server has one, plus the seed).
  const expected = await Promise.all(
    p.urls.map((u) => seedRoom(u, seed.batches, seed.fingerprint, p.timeoutS)),
  );
  const seedMs = performance.now() - ts0;
  log(
    `storm: ${p.urls.length} rooms seeded and verified in ${seedMs.toFixed(0)} ms; settling ${p.settleS}s`,
  );
  await sleep(p.settleS * 1000);

  await mark('storm-start');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const clients: BenchClient[] = [];
  for (let i = 0; i < p.clients; i++) {
    clients.push(
      new BenchClient({
        url: p.urls[i % p.urls.length]!,
        mode: 'capture',
        awareness: p.awareness,
        name: `joiner ${i}`,
      }),
    );
  }
  await waitFor(() => clients.every((c) => c.synced || c.closed), p.timeoutS * 1000, 5);
  // Trailing messages (if a server sends the document in several parts) get a short grace.
  await sleep(p.graceMs);
  const cpu = process.cpuUsage(cpu0);
  await mark('storm-end');

  // Verification (outside the measured window): replay each client's received sync payloads
  // into a fresh doc until it matches the seed; the client's join time is the arrival of the
  // payload that completed it. Identical payload sequences are verified once.
  const tv = performance.now();
  const memo = new Map<string, number>(); // sequence hash -> index of completing payload (-1: never)
  const join: number[] = [];
  const fromOpen: number[] = [];
  let complete = 0;
  let lastDone = t0;
  for (const [ci, c] of clients.entries()) {
    if (c.captured.length === 0) continue;
    const want = expected[ci % p.urls.length]!;
    const h = createHash('sha1');
    h.update(want.hash);
    for (const { payload } of c.captured) {
      h.update(String(payload.byteLength));
      h.update(payload);
    }
    const key = h.digest('hex');
    let idx = memo.get(key);
    if (idx === undefined) {
      idx = -1;
      const d = new Y.Doc();
      for (let i = 0; i < c.captured.length; i++) {
        Y.applyUpdate(d, c.captured[i]!.payload);
        const fp = fingerprint(d);
        if (fp.textLength === want.textLength && fp.hash === want.hash) {
          idx = i;
          break;
        }
      }
      d.destroy();
      memo.set(key, idx);
    }
    if (idx >= 0) {
      complete++;
      const t = c.captured[idx]!.t;
      join.push(t - c.createdAt);
      fromOpen.push(t - c.openedAt);
      if (t > lastDone) lastDone = t;
    }
  }
  const verifyMs = performance.now() - tv;
  const result: StormResult = {
    scenario: 'storm',
    seed: {
      stateBytes: seed.stateBytes,
      batches: seed.batches.length,
      textLength: seed.fingerprint.textLength,
      paragraphs: seed.fingerprint.paragraphs,
      buildMs: seed.buildMs,
      seedMs,
    },
    clients: clients.length,
    synced: clients.filter((c) => c.synced).length,
    complete,
    join: summarize(join),
    firstByteToSync: summarize(fromOpen),
    open: summarize(
      clients.filter((c) => !Number.isNaN(c.openedAt)).map((c) => c.openedAt - c.createdAt),
    ),
    wallMs: complete === clients.length ? lastDone - t0 : NaN,
    bytesIn: clients.reduce((a, c) => a + c.bytesIn, 0),
    closes: closeSummary(clients),
    denied: clients.reduce((a, c) => a + c.denied.length, 0),
    errors: errorSummary(clients),
    verifyMs,
    distinctPayloads: memo.size,
    loadCpuS: (cpu.user + cpu.system) / 1e6,
  };
  for (const c of clients) c.close();
  return result;
}

// ---------------------------------------------------------------------------------------

async function main(params: LoadParams): Promise<void> {
  const result = params.scenario === 'typing' ? await runTyping(params) : await runStorm(params);
  send({ type: 'result', result });
}

if (!process.send) {
  console.error('load.ts must be started by run.ts (it needs an IPC channel)');
  process.exit(2);
}

process.on('message', (msg: ToLoad) => {
  if (msg.type === 'ack') {
    ackWaiters.get(msg.name)?.();
    ackWaiters.delete(msg.name);
  } else if (msg.type === 'start') {
    main(msg.params).then(
      () => setTimeout(() => process.exit(0), 50),
      (err: unknown) => {
        send({
          type: 'error',
          error: err instanceof Error ? (err.stack ?? err.message) : String(err),
        });
        setTimeout(() => process.exit(1), 50);
      },
    );
  }
});
