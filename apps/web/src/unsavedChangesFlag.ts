/**
 * Remembers per room that the IndexedDB cache may hold changes the server has not confirmed,
 * so a reload while offline still says "not saved" instead of pretending all is well.
 */
const key = (room: string): string => `akkoord.unsaved.${room}`;

export function readUnsavedFlag(room: string): boolean {
  try {
    return localStorage.getItem(key(room)) === '1';
  } catch {
    return false;
  }
}

export function writeUnsavedFlag(room: string, unsaved: boolean): void {
  try {
    if (unsaved) localStorage.setItem(key(room), '1');
    else localStorage.removeItem(key(room));
  } catch {
    // Without storage we only lose the warning after a reload; the data itself is in IndexedDB.
  }
}
