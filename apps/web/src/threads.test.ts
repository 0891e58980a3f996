import type { CommentDto, ThreadDto } from '@akkoord/domain';
import { describe, expect, it } from 'vitest';
import {
  matchesFilter,
  openCountsByClause,
  orderThreads,
  sameCounts,
  visibleThreads,
  type PlacedThread,
} from './threads';

function comment(over: Partial<CommentDto> = {}): CommentDto {
  return {
    id: 'c',
    threadId: 't',
    authorId: 'u1',
    authorName: 'Una',
    body: 'hallo',
    mentions: [],
    createdAt: 1,
    editedAt: null,
    deletedAt: null,
    ...over,
  };
}

function thread(over: Partial<ThreadDto> = {}): ThreadDto {
  return {
    id: 't',
    workspaceId: 'w',
    documentId: 'd',
    visibility: 'shared',
    partyId: null,
    clauseId: null,
    anchor: null,
    quote: '',
    status: 'open',
    createdBy: 'u1',
    createdAt: 1,
    resolvedBy: null,
    resolvedAt: null,
    detached: false,
    comments: [comment()],
    ...over,
  };
}

function placed(t: ThreadDto, pos: number | null, clauseId: string | null = null): PlacedThread {
  return { thread: t, pos, clauseId, range: null, detached: pos === null };
}

describe('matchesFilter', () => {
  it('filters by status, author, mention and visibility', () => {
    const mine = thread({ createdBy: 'me', comments: [comment({ authorId: 'me' })] });
    const reply = thread({ comments: [comment(), comment({ authorId: 'me' })] });
    const mention = thread({ comments: [comment({ mentions: ['me'] })] });
    const deletedMention = thread({
      comments: [comment({ mentions: ['me'], body: null, deletedAt: 2 })],
    });
    const internal = thread({ visibility: 'party', partyId: 'p' });
    const resolved = thread({ status: 'resolved' });
    expect(matchesFilter(mine, 'mine', 'me')).toBe(true);
    expect(matchesFilter(reply, 'mine', 'me')).toBe(true);
    expect(matchesFilter(mention, 'mine', 'me')).toBe(false);
    expect(matchesFilter(mention, 'mentions', 'me')).toBe(true);
    expect(matchesFilter(deletedMention, 'mentions', 'me')).toBe(false);
    expect(matchesFilter(internal, 'internal', 'me')).toBe(true);
    expect(matchesFilter(mine, 'internal', 'me')).toBe(false);
    expect(matchesFilter(resolved, 'open', 'me')).toBe(false);
    expect(matchesFilter(resolved, 'resolved', 'me')).toBe(true);
    expect(matchesFilter(resolved, 'all', 'me')).toBe(true);
  });
});

describe('ordering and counting', () => {
  const a = thread({ id: 'a', createdAt: 5 });
  const b = thread({ id: 'b', createdAt: 1 });
  const c = thread({ id: 'c', createdAt: 3 });
  const d = thread({ id: 'd', status: 'resolved' });
  const list = [placed(a, 40, 'k2'), placed(b, null), placed(c, 10, 'k1'), placed(d, 12, 'k1')];

  it('puts threads in document order, detached ones last', () => {
    expect(orderThreads(list).map((p) => p.thread.id)).toEqual(['c', 'd', 'a', 'b']);
  });

  it('breaks ties by age', () => {
    const older = thread({ id: 'z', createdAt: 0 });
    expect(orderThreads([placed(a, 7), placed(older, 7)]).map((p) => p.thread.id)).toEqual([
      'z',
      'a',
    ]);
  });

  it('filters to one clause', () => {
    expect(visibleThreads(list, 'all', 'me', 'k1').map((p) => p.thread.id)).toEqual(['c', 'd']);
    expect(visibleThreads(list, 'open', 'me', 'k1').map((p) => p.thread.id)).toEqual(['c']);
  });

  it('counts open threads per clause', () => {
    const counts = openCountsByClause(list);
    expect([...counts]).toEqual([
      ['k2', 1],
      ['k1', 1],
    ]);
    expect(
      sameCounts(
        counts,
        new Map([
          ['k1', 1],
          ['k2', 1],
        ]),
      ),
    ).toBe(true);
    expect(
      sameCounts(
        counts,
        new Map([
          ['k1', 2],
          ['k2', 1],
        ]),
      ),
    ).toBe(false);
  });
});
