import { describe, expect, it } from 'vitest';
import type { Membership } from '../workspaces/WorkspaceStore';
import { threadAccess } from './visibility';

const corp: Membership = { role: 'negotiator', partyId: 'corp' };
const gem: Membership = { role: 'negotiator', partyId: 'gem' };
const facilitator: Membership = { role: 'facilitator', partyId: null };
const observer: Membership = { role: 'observer', partyId: null };
const agreement = { kind: 'agreement' as const };
const corpNotes = { kind: 'party-notes' as const, partyId: 'corp' };
const shared = { visibility: 'shared' as const, partyId: null };
const corpOnly = { visibility: 'party' as const, partyId: 'corp' };

describe('threadAccess', () => {
  it('CMT-1 shared threads follow the document: observers read, everyone else writes', () => {
    expect(threadAccess(corp, agreement, shared)).toBe('write');
    expect(threadAccess(facilitator, agreement, shared)).toBe('write');
    expect(threadAccess(observer, agreement, shared)).toBe('read');
    expect(threadAccess(null, agreement, shared)).toBeNull();
  });

  it('CMT-2 party threads are for that party’s negotiators only', () => {
    expect(threadAccess(corp, agreement, corpOnly)).toBe('write');
    expect(threadAccess(gem, agreement, corpOnly)).toBeNull();
    expect(threadAccess(facilitator, agreement, corpOnly)).toBeNull();
    expect(threadAccess(observer, agreement, corpOnly)).toBeNull();
    // An observer or facilitator with a stray party id is still not a negotiator.
    expect(threadAccess({ role: 'observer', partyId: 'corp' }, agreement, corpOnly)).toBeNull();
    expect(
      threadAccess({ role: 'negotiator', partyId: null }, agreement, {
        visibility: 'party',
        partyId: null,
      }),
    ).toBeNull();
  });

  it('CMT-2 threads on party notes are seen by nobody who cannot open the notes', () => {
    expect(threadAccess(corp, corpNotes, corpOnly)).toBe('write');
    expect(threadAccess(gem, corpNotes, corpOnly)).toBeNull();
    expect(threadAccess(gem, corpNotes, shared)).toBeNull();
    expect(threadAccess(facilitator, corpNotes, shared)).toBeNull();
  });
});
