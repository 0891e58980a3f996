import { describe, expect, it } from 'vitest';
import { canManage, documentAccess } from './access';

const notesA = { kind: 'party-notes' as const, partyId: 'A' };
const agreement = { kind: 'agreement' as const };

describe('documentAccess', () => {
  it('gives party notes to that party only', () => {
    expect(documentAccess({ role: 'negotiator', partyId: 'A' }, notesA)).toBe('write');
    expect(documentAccess({ role: 'negotiator', partyId: 'B' }, notesA)).toBeNull();
    expect(documentAccess({ role: 'facilitator', partyId: null }, notesA)).toBeNull();
    expect(documentAccess({ role: 'observer', partyId: null }, notesA)).toBeNull();
  });

  it('lets observers read and everyone else write shared documents', () => {
    expect(documentAccess({ role: 'observer', partyId: null }, agreement)).toBe('read');
    expect(documentAccess({ role: 'negotiator', partyId: 'B' }, agreement)).toBe('write');
    expect(documentAccess({ role: 'facilitator', partyId: null }, { kind: 'process' })).toBe(
      'write',
    );
    expect(documentAccess(null, agreement)).toBeNull();
  });

  it('lets only facilitators manage', () => {
    expect(canManage({ role: 'facilitator', partyId: null })).toBe(true);
    expect(canManage({ role: 'negotiator', partyId: 'A' })).toBe(false);
    expect(canManage(null)).toBe(false);
  });
});
