import { describe, expect, it } from 'vitest';
import type { Clause } from './clause';
import type { ThreadDto } from './comments';
import type { ConsentRoundDto, PositionDto } from './facilitation';
import { clause as fixtureClause, CORP, GEM, HURD, PARTIES } from './testFixtures';
import { clauseTurns, threadDigestOf } from './turns';
import type { ThreadDigest } from './waitingOn';

const DOC = 'agreement-1';

const clause = (id: string, over: Partial<Clause> = {}): Clause =>
  fixtureClause(id, { text: 'Tekst.', ...over });

function position(partyId: string, p: PositionDto['position']): PositionDto {
  return { partyId, position: p, reason: '', userId: `u-${partyId}`, name: 'X', at: '' };
}

function round(clauseId: string, positions: PositionDto[], over: Partial<ConsentRoundDto> = {}) {
  const r: ConsentRoundDto = {
    id: `r-${clauseId}`,
    workspaceId: 'w',
    meetingId: null,
    target: { kind: 'clause', documentId: DOC, clauseId },
    clauseNumber: 'B-01',
    text: 'Tekst.',
    status: 'open',
    outcome: null,
    positions,
    openedAt: '',
    closedAt: null,
    ...over,
  };
  return r;
}

function thread(over: Partial<ThreadDigest>): ThreadDigest {
  return {
    id: 't1',
    documentId: DOC,
    clauseId: 'c1',
    status: 'open',
    visibility: 'shared',
    partyId: null,
    mentions: [],
    lastAuthorParty: CORP,
    createdAt: 1,
    resolvedAt: null,
    ...over,
  };
}

const base = { parties: PARTIES, documentId: DOC };

describe('clauseTurns', () => {
  it('a party with an empty counterpart owes a commitment; a filled one does not', () => {
    const turns = clauseTurns({
      ...base,
      clauses: [
        clause('c1', {
          counterparts: [
            { party: HURD, commitment: '  ', due: null },
            { party: GEM, commitment: 'Grond.', due: null },
          ],
        }),
        clause('c2', { counterparts: [{ party: GEM, commitment: 'Ja.', due: null }] }),
      ],
    });
    expect(turns.get('c1')).toEqual([{ partyId: HURD, reasons: ['commitment'] }]);
    expect(turns.has('c2')).toBe(false);
  });

  it('not on withdrawn clauses, not the owner listed as its own counterpart', () => {
    const turns = clauseTurns({
      ...base,
      clauses: [
        clause('c1', {
          status: 'withdrawn',
          counterparts: [{ party: GEM, commitment: '', due: null }],
        }),
        clause('c2', { counterparts: [{ party: CORP, commitment: '', due: null }] }),
      ],
    });
    expect(turns.size).toBe(0);
  });

  it('an open round on the clause: the parties that stated no position yet, in party order', () => {
    const turns = clauseTurns({
      ...base,
      clauses: [clause('c1'), clause('c2')],
      rounds: [
        round('c1', [position(GEM, 'agree'), position('gone-party', 'object')]),
        // Closed rounds and rounds elsewhere do not count.
        round('c2', [], { status: 'closed', outcome: 'not-agreed' }),
        round('c2', [], { target: { kind: 'clause', documentId: 'other', clauseId: 'c2' } }),
        round('c2', [], { target: { kind: 'process', documentId: DOC } }),
      ],
    });
    expect(turns.get('c1')).toEqual([
      { partyId: CORP, reasons: ['position'] },
      { partyId: HURD, reasons: ['position'] },
    ]);
    expect(turns.has('c2')).toBe(false);
  });

  it('open threads on the clause awaiting an answer, or mentioning a member', () => {
    const turns = clauseTurns({
      ...base,
      clauses: [
        clause('c1', { counterparts: [{ party: GEM, commitment: '', due: null }] }),
        clause('c2', { owner: GEM }),
      ],
      rounds: [round('c1', [position(CORP, 'agree'), position(HURD, 'reservation')])],
      threads: [
        // Last word from the corporation: the municipality (counterpart party) must answer.
        thread({ lastAuthorParty: CORP }),
        // Mentions a tenants' member on c2.
        thread({ id: 't2', clauseId: 'c2', mentions: ['u-h'], lastAuthorParty: GEM }),
        // Resolved, other document, or another party's internal thread: nothing.
        thread({ id: 't3', clauseId: 'c2', status: 'resolved', lastAuthorParty: CORP }),
        thread({ id: 't4', documentId: 'x', clauseId: 'c2', lastAuthorParty: CORP }),
        thread({
          id: 't5',
          clauseId: 'c2',
          visibility: 'party',
          partyId: CORP,
          lastAuthorParty: CORP,
        }),
      ],
      members: [{ userId: 'u-h', partyId: HURD }],
    });
    expect(turns.get('c1')).toEqual([
      { partyId: GEM, reasons: ['commitment', 'position', 'answer'] },
    ]);
    expect(turns.get('c2')).toEqual([{ partyId: HURD, reasons: ['answer'] }]);
  });
});

describe('threadDigestOf', () => {
  const comment = (authorId: string, mentions: string[] = [], deleted = false) => ({
    id: `${authorId}-${mentions.join()}`,
    threadId: 't1',
    authorId,
    authorName: authorId,
    body: deleted ? null : 'x',
    mentions,
    createdAt: 1,
    editedAt: null,
    deletedAt: deleted ? 2 : null,
  });
  const dto = (comments: ThreadDto['comments']): ThreadDto => ({
    id: 't1',
    workspaceId: 'w',
    documentId: DOC,
    visibility: 'shared',
    partyId: null,
    clauseId: 'c1',
    anchor: null,
    quote: '',
    status: 'open',
    createdBy: 'a',
    createdAt: 5,
    resolvedBy: null,
    resolvedAt: null,
    detached: false,
    comments,
  });
  const members = [
    { userId: 'a', partyId: CORP },
    { userId: 'b', partyId: GEM },
    { userId: 'f', partyId: null },
  ];

  it('mentions stay pending until the mentioned person writes; the last author gives the party', () => {
    expect(threadDigestOf(dto([comment('a', ['b', 'a'])]), members)).toMatchObject({
      mentions: ['b'],
      lastAuthorParty: CORP,
    });
    expect(threadDigestOf(dto([comment('a', ['b']), comment('b')]), members)).toMatchObject({
      mentions: [],
      lastAuthorParty: GEM,
    });
    // Deleted comments count for neither; the facilitator has no party.
    expect(threadDigestOf(dto([comment('f'), comment('a', ['b'], true)]), members)).toMatchObject({
      mentions: [],
      lastAuthorParty: null,
    });
  });
});
