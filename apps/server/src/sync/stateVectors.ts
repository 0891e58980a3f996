import * as Y from 'yjs';

/**
 * True when a client's state vector holds nothing of the document, so the whole document is
 * its diff. Joiners in that position can all be sent one shared encoding.
 */
export function coversNothingOf(stateVector: Uint8Array, doc: Y.Doc): boolean {
  const sv = Y.decodeStateVector(stateVector);
  for (const [client, clock] of sv) {
    if (clock > 0 && doc.store.clients.has(client)) return false;
  }
  return true;
}
