import { describe, expect, it } from 'vitest';
import { canManage, documentAccess, gatedAccess } from './access';

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

  it('GATE-1 a closed gate makes the agreement read-only for negotiators only', () => {
    const neg = { role: 'negotiator' as const, partyId: 'A' };
    const fac = { role: 'facilitator' as const, partyId: null };
    expect(gatedAccess(neg, agreement, true)).toBe('read');
    expect(gatedAccess(neg, agreement, false)).toBe('write');
    expect(gatedAccess(fac, agreement, true)).toBe('write');
    expect(gatedAccess(neg, { kind: 'process' }, true)).toBe('write');
    expect(gatedAccess(neg, notesA, true)).toBe('write');
    expect(gatedAccess({ role: 'observer', partyId: null }, agreement, false)).toBe('read');
    expect(gatedAccess(null, agreement, true)).toBeNull();
  });
});
