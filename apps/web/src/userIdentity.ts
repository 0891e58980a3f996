import { useSyncExternalStore } from 'react';

export interface UserIdentity {
  /** Empty until the user has told us their name. */
  name: string;
  /** #rrggbb; CollaborationCaret ignores any other colour format. */
  color: string;
}

/**
 * Caret and presence colours. Each one carries white label text at a contrast of at least
 * 4.5:1 (checked in a test) and is still distinguishable from its neighbours. With accounts
 * the server replaces this with the party colour in what others see.
 */
export const userColors = [
  '#1f5f99', // blue
  '#a1173c', // crimson
  '#2e6b30', // green
  '#7a2e8c', // purple
  '#8a3b12', // rust
  '#00676b', // teal
  '#5a4fcf', // indigo
  '#6b5900', // olive
] as const;

const nameKey = 'akkoord.userName';
const colorKey = 'akkoord.userColor';
export const maxNameLength = 60;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Blocked storage only means the user types their name again next visit.
  }
}

function pickColor(): string {
  const stored = read(colorKey);
  if (stored !== null && (userColors as readonly string[]).includes(stored)) return stored;
  const color = userColors[Math.floor(Math.random() * userColors.length)] ?? userColors[0];
  write(colorKey, color);
  return color;
}

const listeners = new Set<() => void>();
let snapshot: UserIdentity | null = null;

function getSnapshot(): UserIdentity {
  snapshot ??= { name: read(nameKey) ?? '', color: pickColor() };
  return snapshot;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').slice(0, maxNameLength);
}

export function saveUserName(name: string): void {
  const normalized = normalizeName(name);
  write(nameKey, normalized);
  snapshot = { ...getSnapshot(), name: normalized };
  for (const listener of listeners) listener();
}

export function useUserIdentity(): UserIdentity {
  return useSyncExternalStore(subscribe, getSnapshot);
}
