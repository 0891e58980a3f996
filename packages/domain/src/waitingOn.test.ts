import { describe, expect, it } from 'vitest';
import type { Clause, ClauseStatus, Counterpart } from './clause';
import { CORP, GEM, HURD } from './testFixtures';
import {
  excerpt,
  threadCountsSince,
  waitingOn,
  WaitingOnResponse,
  type ThreadDigest,
  type WaitingOnParty,
} from './waitingOn';

const ZORG = 'p-zorg';
const parties = [{ id: CORP }, { id: GEM }, { id: HURD }, { id: ZORG }];

function clause(
  id: string,
  owner: string | null,
  counterparts: [string | null, string][],
  status: ClauseStatus = 'proposed',
): Clause {
  return {
    id,
    number: `B-${id}`,
    theme: 'beschikbaarheid',
    text: `Tekst van ${id}.`,
    owner,
    counterparts: counterparts.map(([party, commitment]): Counterpart => ({
      party,
      commitment,
      due: null,
    })),
    status,
  };
}

const byParty = (lists: WaitingOnParty[]) =>
  Object.fromEntries(lists.map((l) => [l.partyId, l.clauses.map((c) => c.clauseId)]));

const docs = (agreement: Clause[], process: Clause[] = []) => [
  { documentId: 'd-proc', kind: 'process' as const, clauses: process },
  { documentId: 'd-agr', kind: 'agreement' as const, clauses: agreement },
];

describe('waitingOn: clauses', () => {
  it('lists, per party, the clauses where its counterpart commitment is still empty', () => {
    const lists = waitingOn({
      parties,
      documents: docs(
        [
          clause('1', CORP, [
            [GEM, ''],
            [HURD, 'Denkt mee.'],
          ]),
          clause('2', GEM, [
            [CORP, '  \n '],
            [HURD, ''],
          ]),
          clause('3', HURD, [[CORP, 'Doet iets.']]),
        ],
        [clause('p1', null, [[ZORG, '']])],
      ),
    });
    expect(byParty(lists)).toEqual({
      [CORP]: ['2'],
      [GEM]: ['1'],
      [HURD]: ['2'],
      [ZORG]: ['p1'],
    });
    expect(lists.find((l) => l.partyId === ZORG)!.clauses[0]).toEqual({
      documentId: 'd-proc',
      documentKind: 'process',
      clauseId: 'p1',
      number: 'B-p1',
      reason: 'empty-commitment',
      excerpt: 'Tekst van p1.',
    });
  });

  it('gives every party a list (empty ones too), in party order', () => {
    const lists = waitingOn({ parties, documents: docs([]) });
    expect(lists).toEqual(parties.map((p) => ({ partyId: p.id, clauses: [], threads: [] })));
  });

  it('puts the viewer’s party first', () => {
    const lists = waitingOn({ parties, documents: docs([]), firstPartyId: HURD });
    expect(lists.map((l) => l.partyId)).toEqual([HURD, CORP, GEM, ZORG]);
  });

  it('lists a clause once per party however many empty counterparts it has there', () => {
    const lists = waitingOn({
      parties,
      documents: docs([
        clause('1', CORP, [
          [GEM, ''],
          [GEM, ''],
        ]),
      ]),
    });
    expect(byParty(lists)[GEM]).toEqual(['1']);
  });

  it('skips withdrawn clauses, counterparts without party, the owner’s own and unknown parties', () => {
    const lists = waitingOn({
      parties,
      documents: docs([
        clause('w', CORP, [[GEM, '']], 'withdrawn'),
        clause('n', CORP, [[null, '']]),
        clause('o', CORP, [[CORP, '']]),
        clause('u', CORP, [['p-unknown', '']]),
      ]),
    });
    expect(lists.every((l) => l.clauses.length === 0)).toBe(true);
  });

  it('keeps agreed and draft clauses with an empty counterpart on the list', () => {
    const lists = waitingOn({
      parties,
      documents: docs([
        clause('a', CORP, [[GEM, '']], 'agreed'),
        clause('d', CORP, [[GEM, '']], 'draft'),
      ]),
    });
    expect(byParty(lists)[GEM]).toEqual(['a', 'd']);
  });

  it('cuts long clause texts for the excerpt', () => {
    expect(excerpt('a'.repeat(200))).toBe(`${'a'.repeat(120)}…`);
    expect(excerpt('  regel\n\nnog een  ')).toBe('regel nog een');
    expect(excerpt('é'.repeat(5), 3)).toBe('ééé…');
  });
});

function thread(over: Partial<ThreadDigest> & { id: string }): ThreadDigest {
  return {
    documentId: 'd-agr',
    clauseId: '1',
    status: 'open',
    visibility: 'shared',
    partyId: null,
    mentions: [],
    lastAuthorParty: null,
    createdAt: 1000,
    resolvedAt: null,
    ...over,
  };
}

describe('waitingOn: threads', () => {
  const members = [
    { userId: 'u-corp', partyId: CORP },
    { userId: 'u-gem', partyId: GEM },
    { userId: 'u-hurd', partyId: HURD },
    { userId: 'u-fac', partyId: null },
  ];
  // Clause 1: owned by CORP, GEM contributes.
  const agreement = [clause('1', CORP, [[GEM, 'Levert grond.']])];
  const threadsOf = (threads: ThreadDigest[]) =>
    Object.fromEntries(
      waitingOn({ parties, documents: docs(agreement), threads, members }).map((l) => [
        l.partyId,
        l.threads.map((t) => `${t.threadId}:${t.reason}`),
      ]),
    );

  it('a mention of a party’s member waits on that party', () => {
    const t = thread({
      id: 't',
      clauseId: null,
      mentions: ['u-hurd', 'u-fac'],
      lastAuthorParty: CORP,
    });
    expect(threadsOf([t])).toEqual({ [CORP]: [], [GEM]: [], [HURD]: ['t:mentioned'], [ZORG]: [] });
  });

  it('an open thread on a clause awaits the answer of the involved parties that did not write last', () => {
    expect(threadsOf([thread({ id: 't', lastAuthorParty: GEM })])).toEqual({
      [CORP]: ['t:awaiting-answer'],
      [GEM]: [],
      [HURD]: [],
      [ZORG]: [],
    });
    // The facilitator (no party) wrote last: both involved parties are awaited.
    expect(threadsOf([thread({ id: 't', lastAuthorParty: null })])).toEqual({
      [CORP]: ['t:awaiting-answer'],
      [GEM]: ['t:awaiting-answer'],
      [HURD]: [],
      [ZORG]: [],
    });
  });

  it('mentioned wins over awaiting-answer, also when a colleague of the same party wrote last', () => {
    const t = thread({ id: 't', mentions: ['u-corp', 'u-gem'], lastAuthorParty: GEM });
    expect(threadsOf([t])).toEqual({
      [CORP]: ['t:mentioned'],
      [GEM]: ['t:mentioned'],
      [HURD]: [],
      [ZORG]: [],
    });
  });

  it('an involved party that wrote last and is not mentioned is not waited on', () => {
    const t = thread({ id: 't', mentions: ['u-hurd'], lastAuthorParty: GEM });
    expect(threadsOf([t])).toEqual({
      [CORP]: ['t:awaiting-answer'],
      [GEM]: [],
      [HURD]: ['t:mentioned'],
      [ZORG]: [],
    });
  });

  it('ignores resolved threads', () => {
    const t = thread({ id: 't', status: 'resolved', mentions: ['u-hurd'] });
    expect(Object.values(threadsOf([t])).flat()).toEqual([]);
  });

  it('a party-internal thread only counts for its own party', () => {
    const t = thread({
      id: 't',
      visibility: 'party',
      partyId: CORP,
      mentions: ['u-gem', 'u-corp'],
      lastAuthorParty: null,
    });
    expect(threadsOf([t])).toEqual({ [CORP]: ['t:mentioned'], [GEM]: [], [HURD]: [], [ZORG]: [] });
  });

  it('carries the clause number when the clause is found, and fits the API schema', () => {
    const lists = waitingOn({
      parties,
      documents: docs(agreement),
      threads: [
        thread({ id: 't', mentions: ['u-gem'] }),
        thread({ id: 'x', clauseId: 'gone', mentions: ['u-gem'] }),
      ],
      members,
    });
    const gem = lists.find((l) => l.partyId === GEM)!;
    expect(gem.threads).toEqual([
      { threadId: 't', documentId: 'd-agr', clauseId: '1', number: 'B-1', reason: 'mentioned' },
      { threadId: 'x', documentId: 'd-agr', clauseId: 'gone', number: null, reason: 'mentioned' },
    ]);
    expect(
      WaitingOnResponse.parse({ viewerPartyId: GEM, threadsIncluded: true, parties: lists })
        .parties,
    ).toEqual(lists);
  });
});

describe('threadCountsSince', () => {
  it('counts the threads of one document opened and resolved after a moment', () => {
    const threads = [
      thread({ id: 'old', createdAt: 100 }),
      thread({ id: 'new', createdAt: 600 }),
      thread({ id: 'res', createdAt: 100, status: 'resolved', resolvedAt: 700 }),
      thread({ id: 'both', createdAt: 550, status: 'resolved', resolvedAt: 900 }),
      thread({ id: 'other', documentId: 'd-proc', createdAt: 900 }),
    ];
    expect(threadCountsSince(threads, 'd-agr', 500)).toEqual({ opened: 2, resolved: 2 });
    expect(threadCountsSince(threads, 'd-agr', 1000)).toEqual({ opened: 0, resolved: 0 });
  });
});
