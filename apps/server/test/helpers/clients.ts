import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';

// Every provider registers a process 'exit' listener; tests open hundreds on purpose.
process.setMaxListeners(0);

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: () => string;
  destroy(): void;
}

/** A real y-websocket provider over `ws`, with BroadcastChannel off so it must use the server. */
export function connectClient(
  wsUrl: string,
  room: string,
  opts: { doc?: Y.Doc; params?: Record<string, string>; connect?: boolean } = {},
): Client {
  const doc = opts.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: opts.params ?? {},
    connect: opts.connect ?? true,
  });
  return {
    doc,
    provider,
    text: () => doc.getText('t').toString(),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

export function whenSynced(c: Client, timeoutMs = 10_000): Promise<void> {
  if (c.provider.synced) return Promise.resolve();
  return waitFor(() => c.provider.synced, timeoutMs, 'provider synced');
}

/** Polls a condition; fails with a description instead of hanging. */
export async function waitFor(
  cond: () => boolean,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
