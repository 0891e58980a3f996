import * as Y from 'yjs';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import { MessageType, SyncMessageType } from '@akkoord/protocol';
import { encodeSyncStep1, encodeUpdate } from '../../src/sync/wire';

/**
 * A writer that speaks the protocol itself so a test can see exactly which updates the server
 * sent back: every update payload it receives lands in `seen`.
 */
export class RawWriter {
  readonly doc = new Y.Doc();
  readonly seen: Uint8Array[] = [];
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<number>;
  onSeen: (() => void) | null = null;

  constructor(wsUrl: string, room: string, token?: string) {
    this.ws = new WebSocket(`${wsUrl}/${room}${token ? `?token=${token}` : ''}`);
    this.ws.on('error', () => {});
    this.opened = new Promise((resolve) => this.ws.once('open', () => resolve()));
    this.closed = new Promise((resolve) => this.ws.once('close', (code) => resolve(code)));
    this.ws.on('message', (data: Buffer) => this.receive(new Uint8Array(data)));
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this && this.ws.readyState === WebSocket.OPEN)
        this.ws.send(encodeUpdate(update));
    });
    void this.opened.then(() => this.ws.send(encodeSyncStep1(Y.encodeStateVector(this.doc))));
  }

  private receive(frame: Uint8Array): void {
    const d = decoding.createDecoder(frame);
    if (decoding.readVarUint(d) !== MessageType.sync) return;
    const sub = decoding.readVarUint(d);
    const payload = decoding.readVarUint8Array(d);
    if (sub === SyncMessageType.step2 || sub === SyncMessageType.update) {
      this.seen.push(payload);
      Y.applyUpdate(this.doc, payload, this);
      this.onSeen?.();
    }
  }
}

/** True when `state` already contains everything in `updates` (nothing would change). */
export function containsAll(state: Uint8Array, updates: Uint8Array[]): boolean {
  const base = new Y.Doc();
  Y.applyUpdate(base, state);
  const merged = new Y.Doc();
  Y.applyUpdate(merged, state);
  for (const u of updates) Y.applyUpdate(merged, u);
  const same =
    Buffer.compare(Y.encodeStateVector(base), Y.encodeStateVector(merged)) === 0 &&
    base.getText('t').toString() === merged.getText('t').toString() &&
    merged.store.pendingStructs === null;
  base.destroy();
  merged.destroy();
  return same;
}
