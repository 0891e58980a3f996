import path from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MessageType, SyncMessageType } from '@akkoord/protocol';
import { encodeAwareness, encodeSyncStep1, encodeUpdate } from '../../../src/sync/wire';
import { waitFor } from '../../helpers/clients';
import { decodeFrame } from '../../helpers/frames';

/**
 * A bare y-websocket socket (no provider): it sends exactly the frames a test builds, and can
 * carry a cookie and an Origin header like a browser would.
 */
export interface Sock {
  ws: WebSocket;
  frames: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
  /** Set once the socket closed. */
  closeCode: number | null;
  opened: boolean;
  send(frame: Uint8Array): void;
}

const open = new Set<Sock>();

export interface SockOptions {
  token?: string;
  cookie?: string;
  origin?: string;
  /** Frames sent the moment the socket opens, before anything is received. */
  onOpen?: Uint8Array[];
}

export function openSock(wsUrl: string, room: string, o: SockOptions = {}): Sock {
  const headers: Record<string, string> = {};
  if (o.cookie !== undefined) headers.cookie = `akkoord_session=${o.cookie}`;
  if (o.origin !== undefined) headers.origin = o.origin;
  const query = o.token !== undefined ? `?token=${encodeURIComponent(o.token)}` : '';
  const ws = new WebSocket(`${wsUrl}/${room}${query}`, { headers });
  const sock: Sock = {
    ws,
    frames: [],
    closeCode: null,
    opened: false,
    closed: new Promise((resolve) =>
      ws.on('close', (code, reason) => {
        sock.closeCode = code;
        open.delete(sock);
        resolve({ code, reason: reason.toString() });
      }),
    ),
    send: (f) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(f);
    },
  };
  open.add(sock);
  ws.on('error', () => {});
  ws.on('message', (d: Buffer) => sock.frames.push(new Uint8Array(d)));
  ws.on('open', () => {
    sock.opened = true;
    for (const f of o.onOpen ?? []) ws.send(f);
  });
  return sock;
}

/** Closes every socket a test opened (afterEach). */
export async function closeAllSocks(): Promise<void> {
  const all = [...open];
  for (const s of all) s.ws.terminate();
  await Promise.all(all.map((s) => s.closed));
}

export const decode = decodeFrame;

export const authDenials = (s: Sock): string[] =>
  s.frames.map(decode).flatMap((m) => (m.type === MessageType.auth ? [m.reason ?? ''] : []));

const hasBytes = (hay: Uint8Array, needle: Uint8Array) =>
  Buffer.from(hay).includes(Buffer.from(needle));

/** Whether any document payload (step 2 or update) this socket received contains `marker`. */
export function received(s: Sock, marker: string): boolean {
  const bytes = new TextEncoder().encode(marker);
  return s.frames.some((f) => {
    const m = decode(f);
    return (
      m.type === MessageType.sync && m.sub !== SyncMessageType.step1 && hasBytes(m.payload!, bytes)
    );
  });
}

/** A Yjs update inserting `text` into the Y.Text `t`, from a doc of its own. */
export function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  const u = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return u;
}

export const step1 = () => encodeSyncStep1(Y.encodeStateVector(new Y.Doc()));
export const updateFrame = (text: string) => encodeUpdate(textUpdate(text));
export const awarenessFrame = encodeAwareness;

/**
 * How the server answered the upgrade: the close code of a refusal, or 'open' once the server
 * answered a sync step 1 (so the connection is really admitted to the room, not just upgraded).
 */
export async function outcome(s: Sock, timeoutMs = 5000): Promise<'open' | number> {
  await waitFor(() => s.opened || s.closeCode !== null, timeoutMs, 'socket open');
  s.send(step1());
  await waitFor(
    () => s.closeCode !== null || s.frames.some((f) => decode(f).sub === SyncMessageType.step2),
    timeoutMs,
    'step 2 or close',
  );
  return s.closeCode ?? 'open';
}

/** The close code once an open socket is closed by the server, or 'open' if it is not within the time. */
export async function closedWithin(s: Sock, timeoutMs = 3000): Promise<number | 'open'> {
  const deadline = Date.now() + timeoutMs;
  while (s.closeCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  return s.closeCode ?? 'open';
}

/**
 * Sends an update carrying `marker` and reports what the server did with it: 'write' when it
 * came back as the durable echo, 'read' when refused with permission-denied, or a close code.
 */
export async function tryWrite(
  s: Sock,
  marker: string,
  timeoutMs = 5000,
): Promise<'write' | 'read' | number> {
  const deniedBefore = authDenials(s).length;
  s.send(updateFrame(marker));
  let result: 'write' | 'read' | number | null = null;
  await waitFor(
    () => {
      if (received(s, marker)) result = 'write';
      else if (authDenials(s).length > deniedBefore) result = 'read';
      else if (s.closeCode !== null) result = s.closeCode;
      return result !== null;
    },
    timeoutMs,
    `answer to the update "${marker}"`,
  );
  return result!;
}

/** Whether `marker` is anywhere in the stored documents (update log and snapshots of every room). */
export function storedAnywhere(dataDir: string, marker: string): boolean {
  const bytes = Buffer.from(marker, 'utf8');
  const db = new Database(path.join(dataDir, 'akkoord.sqlite'), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    const updates = db.prepare<[], { data: Buffer }>('SELECT data FROM doc_update').all();
    const snapshots = db.prepare<[], { state: Buffer }>('SELECT state FROM doc_snapshot').all();
    return (
      updates.some((r) => r.data.includes(bytes)) || snapshots.some((r) => r.state.includes(bytes))
    );
  } finally {
    db.close();
  }
}

/** Rows in the update log for one room. */
export function storedRows(dataDir: string, room: string): number {
  const db = new Database(path.join(dataDir, 'akkoord.sqlite'), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    return db
      .prepare<[string], { n: number }>('SELECT count(*) AS n FROM doc_update WHERE room = ?')
      .get(room)!.n;
  } finally {
    db.close();
  }
}

/** Runs a statement on the server's SQLite file from outside (to age sessions or invitations). */
export function writeDb(dataDir: string, sql: string, ...params: unknown[]): number {
  const db = new Database(path.join(dataDir, 'akkoord.sqlite'), { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return db.prepare(sql).run(...params).changes;
  } finally {
    db.close();
  }
}

export function readDb<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.join(dataDir, 'akkoord.sqlite'), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
