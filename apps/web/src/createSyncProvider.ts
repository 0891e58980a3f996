import { SYNC_PATH } from '@akkoord/protocol';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';

/** The sync endpoint lives on the same origin that served the app (the dev server proxies it). */
export function syncServerUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const wsProtocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${wsProtocol}//${location.host}${SYNC_PATH}`;
}

/**
 * The one place that knows how to reach the sync server. Credentials (`params: { token }`)
 * belong here when they arrive.
 *
 * Created unconnected: the save tracker must hook in before the first message, and the
 * IndexedDB cache should be loaded first so our first reply to the server is a small diff.
 */
export function createSyncProvider(room: string, doc: Y.Doc): WebsocketProvider {
  return new WebsocketProvider(syncServerUrl(window.location), room, doc, { connect: false });
}
