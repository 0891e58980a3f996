import path from 'node:path';
import Database from 'better-sqlite3';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MessageType, SyncMessageType } from '@akkoord/protocol';
import type { Metrics } from '../../src/Metrics';
import type { RawClient } from './rawClient';

/** Hand-built y-websocket frames (the wire format, written independently of the server's wire.ts). */
export function syncFrame(sub: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.sync);
  encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export const step1Frame = (stateVector: Uint8Array = Y.encodeStateVector(new Y.Doc())) =>
  syncFrame(SyncMessageType.step1, stateVector);
export const step2Frame = (update: Uint8Array) => syncFrame(SyncMessageType.step2, update);
export const updateFrame = (update: Uint8Array) => syncFrame(SyncMessageType.update, update);

export function awarenessFrame(awarenessUpdate: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.awareness);
  encoding.writeVarUint8Array(e, awarenessUpdate);
  return encoding.toUint8Array(e);
}

/** An awareness update written by hand, so states can be arbitrary (even invalid) JSON text. */
export function rawAwarenessUpdate(
  entries: { clientId: number; clock: number; json: string }[],
): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const x of entries) {
    encoding.writeVarUint(e, x.clientId);
    encoding.writeVarUint(e, x.clock);
    encoding.writeVarString(e, x.json);
  }
  return encoding.toUint8Array(e);
}

export const queryAwarenessFrame = () => Uint8Array.of(MessageType.queryAwareness);

/** A top-level message of any type number (varuint) followed by arbitrary bytes. */
export function typedFrame(type: number, rest: Uint8Array = new Uint8Array(0)): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  encoding.writeUint8Array(e, rest);
  return encoding.toUint8Array(e);
}

/**
 * A Yjs update, from a fresh doc (its own client id, so it depends on nothing else), inserting
 * `text` at the start of the root Y.Text `root`.
 */
export function textUpdate(text: string, root = 't'): Uint8Array {
  const doc = new Y.Doc();
  doc.getText(root).insert(0, text);
  const u = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return u;
}

export interface DecodedFrame {
  type: number;
  sub?: number;
  payload?: Uint8Array;
  /** The reason of an auth permission-denied message. */
  reason?: string;
}

export function decodeFrame(f: Uint8Array): DecodedFrame {
  const d = decoding.createDecoder(f);
  const type = decoding.readVarUint(d);
  if (type === MessageType.sync) {
    const sub = decoding.readVarUint(d);
    return { type, sub, payload: decoding.readVarUint8Array(d) };
  }
  if (type === MessageType.awareness) return { type, payload: decoding.readVarUint8Array(d) };
  if (type === MessageType.auth) {
    decoding.readVarUint(d);
    return { type, reason: decoding.readVarString(d) };
  }
  return { type };
}

/** Sync-update (broadcast) payloads a raw client received. */
export function receivedUpdates(c: RawClient): Uint8Array[] {
  return c.frames.flatMap((f) => {
    const m = decodeFrame(f);
    return m.type === MessageType.sync && m.sub === SyncMessageType.update ? [m.payload!] : [];
  });
}

export function countFrames(c: RawClient, pred: (m: DecodedFrame) => boolean): number {
  let n = 0;
  for (const f of c.frames) if (pred(decodeFrame(f))) n++;
  return n;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

export function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).includes(
    Buffer.from(needle.buffer, needle.byteOffset, needle.byteLength),
  );
}

/** Value of one sample of a server metric (0 when the labelled series does not exist yet). */
export async function metricValue(
  metrics: Metrics,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const m = metrics.registry.getSingleMetric(name);
  if (!m) throw new Error(`no metric ${name}`);
  const { values } = await m.get();
  const hit = values.find((v) =>
    Object.entries(labels).every(
      ([k, val]) => String((v.labels as Record<string, unknown>)[k]) === val,
    ),
  );
  return hit?.value ?? 0;
}

export interface StoredRow {
  seq: number;
  room: string;
  data: Buffer;
}

/** The server's SQLite file, opened read-only next to the running server (WAL allows it). */
export function readStoredUpdates(dataDir: string, room?: string): StoredRow[] {
  const db = new Database(path.join(dataDir, 'akkoord.sqlite'), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    const sql = room
      ? 'SELECT seq, room, data FROM doc_update WHERE room = ? ORDER BY seq'
      : 'SELECT seq, room, data FROM doc_update ORDER BY seq';
    const stmt = db.prepare<unknown[], StoredRow>(sql);
    return room ? stmt.all(room) : stmt.all();
  } finally {
    db.close();
  }
}

export function readSnapshot(dataDir: string, room: string): Buffer | null {
  const db = new Database(path.join(dataDir, 'akkoord.sqlite'), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    const row = db
      .prepare<[string], { state: Buffer }>('SELECT state FROM doc_snapshot WHERE room = ?')
      .get(room);
    return row?.state ?? null;
  } finally {
    db.close();
  }
}

/** Seeded PRNG (mulberry32): the same seed gives the same fuzz run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Polls an async condition (e.g. a metric); fails with a description instead of hanging. */
export async function waitForAsync(
  cond: () => Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const start = Date.now();
  while (!(await cond())) {
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
