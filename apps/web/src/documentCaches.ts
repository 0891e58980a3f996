import { readUnsavedFlag } from './unsavedChangesFlag';

const prefix = 'akkoord:';

/** The IndexedDB name of a room's local copy (see useSharedDocument). */
export function cacheName(room: string): string {
  return `${prefix}${room}`;
}

/**
 * Deletes the local copies of documents when someone logs out, so the next person at a shared
 * computer (a library, a community centre) cannot read them. Copies with work the server has
 * not confirmed yet are kept: deleting those would lose text for good.
 */
export async function clearDocumentCaches(): Promise<void> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  try {
    const databases = await indexedDB.databases();
    for (const { name } of databases) {
      if (name === undefined || !name.startsWith(prefix)) continue;
      if (readUnsavedFlag(name.slice(prefix.length))) continue;
      indexedDB.deleteDatabase(name);
    }
  } catch {
    // Best effort: a browser that refuses to list or delete keeps its copies.
  }
}
