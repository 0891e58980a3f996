import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { fallbackColor, isHexColor } from './colorContrast';
import { displayName } from './renderCaret';

export interface Participant {
  clientId: number;
  /** Name, with the party when the server tells us one. */
  name: string;
  color: string;
  isSelf: boolean;
}

function readUser(state: Record<string, unknown>): { name: string; color: string } | null {
  const user = state['user'];
  if (typeof user !== 'object' || user === null) return null;
  const record = user as Record<string, unknown>;
  const name = displayName(record);
  if (name.trim() === '') return null;
  return { name, color: isHexColor(record['color']) ? record['color'] : fallbackColor };
}

/** Everyone in the room according to awareness; ourselves first, then alphabetical. */
export function participantsOf(awareness: Awareness): Participant[] {
  const participants: Participant[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const user = readUser(state);
    if (user !== null) {
      participants.push({ clientId, ...user, isSelf: clientId === awareness.clientID });
    }
  });
  return participants.sort(
    (a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name),
  );
}

export function usePresence(awareness: Awareness): Participant[] {
  const [participants, setParticipants] = useState(() => participantsOf(awareness));
  useEffect(() => {
    const refresh = (): void => setParticipants(participantsOf(awareness));
    refresh();
    // 'change' fires only when a state really changed, not on the 15 s keep-alive renewals.
    awareness.on('change', refresh);
    return () => awareness.off('change', refresh);
  }, [awareness]);
  return participants;
}
