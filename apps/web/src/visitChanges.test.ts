import type { ChangesResponse, ClauseChange, NotificationDto } from '@akkoord/domain';
import { describe, expect, it } from 'vitest';
import {
  changedAspects,
  countChanges,
  mergeNotifications,
  newestFirst,
  summarizeVisit,
  waitingPartiesToShow,
} from './visitChanges';

const clause = (id: string, text: string) => ({
  id,
  number: '1.1',
  text,
  status: 'draft' as const,
  owner: null,
  theme: null,
  counterparts: [],
});

const changed = (over: Partial<Extract<ClauseChange, { kind: 'changed' }>>): ClauseChange => ({
  kind: 'changed',
  clauseId: 'c1',
  number: '1.1',
  text: null,
  status: null,
  owner: null,
  theme: null,
  counterparts: [],
  ...over,
});

const response = (over: Partial<ChangesResponse>): ChangesResponse => ({
  since: '2026-03-01T10:00:00.000Z',
  baseline: 'snapshot',
  changes: [],
  threads: { opened: 0, resolved: 0 },
  version: 'v1',
  ...over,
});

describe('countChanges', () => {
  it('counts added, changed, removed and status changes', () => {
    const changes: ClauseChange[] = [
      { kind: 'added', clauseId: 'a', number: '1', clause: clause('a', 'x') },
      changed({ status: { from: 'draft', to: 'agreed' } }),
      changed({ text: [{ op: 'ins', text: 'x' }] }),
      { kind: 'removed', clauseId: 'b', number: '2', clause: clause('b', 'y') },
    ];
    expect(countChanges(changes)).toEqual({ added: 1, changed: 2, removed: 1, status: 1 });
  });
});

describe('summarizeVisit', () => {
  it('says first visit, nothing new, unavailable or changes', () => {
    expect(summarizeVisit(response({ baseline: 'first-visit', since: null }))).toEqual({
      kind: 'first-visit',
    });
    expect(summarizeVisit(response({})).kind).toBe('nothing-new');
    expect(summarizeVisit(response({ baseline: 'unavailable' })).kind).toBe('unavailable');
    expect(summarizeVisit(response({ changes: [changed({ theme: null })] })).kind).toBe('changes');
  });

  it('counts new or resolved threads as news even without clause changes', () => {
    expect(summarizeVisit(response({ threads: { opened: 1, resolved: 0 } })).kind).toBe('changes');
    expect(summarizeVisit(response({ threads: null })).kind).toBe('nothing-new');
  });
});

describe('changedAspects', () => {
  it('lists what changed in a clause, in a fixed order', () => {
    expect(
      changedAspects(
        changed({
          text: [{ op: 'same', text: 'a' }],
          owner: { from: null, to: 'p1' },
          status: { from: 'draft', to: 'proposed' },
        }),
      ),
    ).toEqual(['text', 'status', 'owner']);
    expect(
      changedAspects({ kind: 'added', clauseId: 'a', number: '1', clause: clause('a', '') }),
    ).toEqual([]);
  });
});

describe('waitingPartiesToShow', () => {
  it('puts the viewer’s party first and leaves out parties with nothing waiting', () => {
    const empty = { clauses: [], threads: [] };
    const thread = {
      threadId: 't',
      documentId: 'd',
      clauseId: null,
      number: null,
      reason: 'mentioned' as const,
    };
    const result = waitingPartiesToShow({
      viewerPartyId: 'p2',
      threadsIncluded: true,
      parties: [
        { partyId: 'p1', clauses: [], threads: [thread] },
        { partyId: 'p2', clauses: [], threads: [thread] },
        { partyId: 'p3', ...empty },
      ],
    });
    expect(result.map((p) => p.partyId)).toEqual(['p2', 'p1']);
  });
});

describe('notifications order', () => {
  const n = (id: string, createdAt: number) => ({ id, createdAt }) as NotificationDto;
  it('sorts newest first and merges pages without duplicates', () => {
    expect(newestFirst([n('a', 1), n('b', 3), n('c', 2)]).map((x) => x.id)).toEqual([
      'b',
      'c',
      'a',
    ]);
    expect(mergeNotifications([n('b', 3)], [n('b', 3), n('a', 1)]).map((x) => x.id)).toEqual([
      'b',
      'a',
    ]);
  });
});
