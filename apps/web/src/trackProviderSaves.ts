import { MessageType } from '@akkoord/protocol';
import * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { SaveTracker } from './SaveTracker';
import {
  isEmptyUpdate,
  permissionDeniedReason,
  readSyncFrame,
  readSyncPayload,
  refusesWrites,
} from './syncMessages';

export interface TrackProviderSavesOptions {
  /**
   * Transaction origins that are not the user's own edits, e.g. the IndexedDB cache replaying
   * what it stored earlier. They are still counted when the provider sends them, but they do
   * not mark the document "unsaved" while offline: the persisted flag covers that case.
   */
  cacheOrigins?: readonly unknown[];
}

/**
 * Feeds a SaveTracker from a live WebsocketProvider. Call before `provider.connect()` so the
 * first exchange is seen. Returns a function that undoes all hooks.
 */
export function trackProviderSaves(
  provider: WebsocketProvider,
  doc: Y.Doc,
  tracker: SaveTracker,
  options: TrackProviderSavesOptions = {},
): () => void {
  const cacheOrigins = new Set(options.cacheOrigins ?? []);

  const originalSyncHandler = provider.messageHandlers[MessageType.sync];
  if (originalSyncHandler === undefined) {
    throw new Error('y-websocket has no sync message handler; the provider API changed');
  }
  const syncHandler: typeof originalSyncHandler = (encoder, decoder, p, emitSynced, type) => {
    // emitSynced is false for BroadcastChannel traffic from other tabs: not the server's word.
    const body = emitSynced ? decoder.arr.slice(decoder.pos) : null;
    originalSyncHandler(encoder, decoder, p, emitSynced, type);
    if (body === null) return;
    const incoming = readSyncPayload(body);
    if (incoming.kind === 'step1') {
      // The provider sends this reply right after we return; it holds every local change the
      // server lacks, including edits made offline.
      const reply = readSyncFrame(encoding.toUint8Array(encoder));
      const update = reply.kind === 'step2' && !isEmptyUpdate(reply.update) ? reply.update : null;
      tracker.step1Answered(update);
    } else if (incoming.kind === 'step2' || incoming.kind === 'update') {
      tracker.updateReceived(incoming.update);
    }
  };
  provider.messageHandlers[MessageType.sync] = syncHandler;

  const originalAuthHandler = provider.messageHandlers[MessageType.auth];
  if (originalAuthHandler === undefined) {
    throw new Error('y-websocket has no auth message handler; the provider API changed');
  }
  const authHandler: typeof originalAuthHandler = (encoder, decoder, p, emitSynced, type) => {
    const body = emitSynced ? decoder.arr.slice(decoder.pos) : null;
    originalAuthHandler(encoder, decoder, p, emitSynced, type);
    const reason = body === null ? null : permissionDeniedReason(body);
    if (reason !== null && refusesWrites(reason)) tracker.writeRefused();
  };
  provider.messageHandlers[MessageType.auth] = authHandler;

  // Runs in the same 'update' event as the provider's own listener, so it sees exactly the
  // updates the provider sends, in the same order.
  const onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === provider) return;
    const ws = provider.ws;
    if (provider.wsconnected && ws !== null && ws.readyState === ws.OPEN) {
      tracker.updateSent(update);
    } else if (!cacheOrigins.has(origin)) {
      tracker.changeNotSent();
    }
  };
  doc.on('update', onDocUpdate);

  const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }): void => {
    if (status === 'connected') tracker.connectionOpened();
  };
  const onClose = (): void => tracker.connectionClosed();
  const onSync = (synced: boolean): void => tracker.syncedChanged(synced);
  const onClosed = ({ code }: { code: number }): void => tracker.connectionRefused(code);
  provider.on('status', onStatus);
  provider.on('connection-close', onClose);
  provider.on('sync', onSync);
  provider.on('closed', onClosed);

  return () => {
    if (provider.messageHandlers[MessageType.sync] === syncHandler) {
      provider.messageHandlers[MessageType.sync] = originalSyncHandler;
    }
    if (provider.messageHandlers[MessageType.auth] === authHandler) {
      provider.messageHandlers[MessageType.auth] = originalAuthHandler;
    }
    doc.off('update', onDocUpdate);
    provider.off('status', onStatus);
    provider.off('connection-close', onClose);
    provider.off('sync', onSync);
    provider.off('closed', onClosed);
  };
}
