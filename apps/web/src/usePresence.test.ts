import { Awareness } from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { participantsOf } from './usePresence';

describe('participantsOf', () => {
  it('lists users with a name, ourselves first', () => {
    const ours = new Awareness(new Y.Doc());
    ours.setLocalStateField('user', { name: 'Zoë', color: '#1f5f99' });
    const theirs = new Awareness(new Y.Doc());
    theirs.setLocalStateField('user', { name: 'Anna', color: '#a1173c' });
    const nameless = new Awareness(new Y.Doc());
    nameless.setLocalStateField('cursor', null);

    for (const other of [theirs, nameless]) {
      const state = other.getLocalState();
      ours.states.set(other.clientID, state ?? {});
    }

    expect(participantsOf(ours)).toEqual([
      { clientId: ours.clientID, name: 'Zoë', color: '#1f5f99', isSelf: true },
      { clientId: theirs.clientID, name: 'Anna', color: '#a1173c', isSelf: false },
    ]);
  });
});
