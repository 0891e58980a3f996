import { useEffect, useState } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createSyncProvider } from './createSyncProvider';
import { cacheName } from './documentCaches';
import { SaveTracker } from './SaveTracker';
import { trackProviderSaves } from './trackProviderSaves';
import { readUnsavedFlag, writeUnsavedFlag } from './unsavedChangesFlag';

export interface SharedDocument {
  room: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  tracker: SaveTracker;
}

/** A broken or blocked IndexedDB must not keep the user away from the live document. */
const cacheLoadLimitMs = 3000;

/**
 * Opens one room: a Y.Doc cached in IndexedDB and synced over WebSocket. Returns null until the
 * cache is loaded, so the editor never flashes an empty page before the cached text appears.
 * Everything is torn down when the room changes or the page unmounts.
 */
export function useSharedDocument(room: string): SharedDocument | null {
  const [shared, setShared] = useState<SharedDocument | null>(null);

  useEffect(() => {
    const doc = new Y.Doc();
    const cache = new IndexeddbPersistence(cacheName(room), doc);
    const provider = createSyncProvider(room, doc);
    const tracker = new SaveTracker({
      initiallyUnsaved: readUnsavedFlag(room),
      onUnsavedChange: (unsaved) => writeUnsavedFlag(room, unsaved),
    });
    const untrack = trackProviderSaves(provider, doc, tracker, { cacheOrigins: [cache] });

    let active = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cacheLoaded = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, cacheLoadLimitMs);
      cache.whenSynced.then(
        () => resolve(),
        () => resolve(),
      );
    });
    // Connecting after the cache is loaded makes our first reply to the server a small diff
    // instead of re-sending the whole cached document as a fresh update.
    void cacheLoaded.then(() => {
      if (!active) return;
      provider.connect();
      setShared({ room, doc, provider, tracker });
    });

    return () => {
      active = false;
      clearTimeout(timer);
      untrack();
      provider.destroy();
      void cache.destroy();
      doc.destroy();
    };
  }, [room]);

  // After a room change the old (destroyed) document may still be in state for a moment.
  return shared?.room === room ? shared : null;
}
