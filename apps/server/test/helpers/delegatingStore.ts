import type { DocumentStore } from '../../src/persistence/DocumentStore';

/** The real store with some methods replaced, for tests that need to gate or fail one call. */
export function delegatingStore(
  inner: DocumentStore,
  patch: Partial<DocumentStore>,
): DocumentStore {
  return {
    load: (room) => inner.load(room),
    append: (entries) => inner.append(entries),
    compact: (room, snapshot, upto) => inner.compact(room, snapshot, upto),
    close: () => inner.close(),
    ...patch,
  };
}
