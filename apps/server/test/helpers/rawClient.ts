import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import { MessageType, SyncMessageType } from '@akkoord/protocol';

export interface RawClient {
  ws: WebSocket;
  frames: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
  send(frame: Uint8Array): void;
  /** Update payloads received as sync update/step2 messages. */
  updates(): Uint8Array[];
  authDenials(): string[];
}

/** A bare socket speaking frames we build by hand, to do what a well-behaved provider never does. */
export async function connectRaw(wsUrl: string, room: string, query = ''): Promise<RawClient> {
  const ws = new WebSocket(`${wsUrl}/${room}${query}`);
  const frames: Uint8Array[] = [];
  ws.on('message', (d: Buffer) => frames.push(new Uint8Array(d)));
  ws.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', () => reject(new Error('upgrade refused')));
    void closed.then(() => resolve());
  });
  return {
    ws,
    frames,
    closed,
    send: (f) => ws.send(f),
    updates: () => frames.flatMap((f) => decodeSyncPayload(f)),
    authDenials: () =>
      frames.flatMap((f) => {
        const d = decoding.createDecoder(f);
        if (decoding.readVarUint(d) !== MessageType.auth) return [];
        decoding.readVarUint(d);
        return [decoding.readVarString(d)];
      }),
  };
}

function decodeSyncPayload(f: Uint8Array): Uint8Array[] {
  const d = decoding.createDecoder(f);
  if (decoding.readVarUint(d) !== MessageType.sync) return [];
  const sub = decoding.readVarUint(d);
  if (sub !== SyncMessageType.step2 && sub !== SyncMessageType.update) return [];
  return [decoding.readVarUint8Array(d)];
}
