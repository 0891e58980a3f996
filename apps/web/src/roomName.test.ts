import { describe, expect, it } from 'vitest';
import { isValidRoomName } from './roomName';

describe('isValidRoomName', () => {
  it.each(['a', 'afspraken-2027', 'Gemeente_Utrecht.2026', 'x'.repeat(128), '...'])(
    'accepts %s',
    (room) => expect(isValidRoomName(room)).toBe(true),
  );

  it.each(['', ' ', 'met spatie', 'a/b', 'ä', 'x'.repeat(129), '.', '..', 'a?b', 'a#b', '%20'])(
    'rejects %j',
    (room) => expect(isValidRoomName(room)).toBe(false),
  );
});
