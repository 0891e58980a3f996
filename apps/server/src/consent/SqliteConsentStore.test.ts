import { describe, expect, it } from 'vitest';
import { clauseTarget, consentWorld, processTarget } from './testFixtures';
import type { NewRound } from './ConsentStore';

const round = (over: Partial<NewRound> = {}): NewRound => ({
  id: 'r1',
  workspaceId: 'w1',
  meetingId: null,
  target: clauseTarget,
  clauseNumber: 'B-01',
  text: 'tekst',
  openedBy: 'u_fac',
  at: 1000,
  ...over,
});

const decision = (id: string, at = 2000) => ({
  id,
  workspaceId: 'w1',
  meetingId: null,
  roundId: 'r1',
  target: clauseTarget,
  clauseNumber: 'B-01',
  reason: '',
  actorId: 'u_fac',
  actor: { userId: 'u_fac', name: 'Fien' },
  at,
});

const agree = (partyId: string, userId: string, at = 1500) => ({
  roundId: 'r1',
  partyId,
  position: 'agree' as const,
  reason: '',
  userId,
  at,
});

describe('SqliteConsentStore', () => {
  it('CONS-1 keeps one open round per target; a closed one frees it', async () => {
    const { deps } = consentWorld();
    const s = deps.store;
    expect(await s.openRound(round())).toBe(true);
    expect(await s.openRound(round({ id: 'r2' }))).toBe(false);
    // Another target (the process document) is independent.
    expect(await s.openRound(round({ id: 'r3', target: processTarget }))).toBe(true);
    expect(await s.closeRound('r1', 'cancelled', decision('d1'), false)).toBe(true);
    expect(await s.openRound(round({ id: 'r2' }))).toBe(true);
  });

  it('CONS-2 keeps one position per party (its latest) and none once the round closed', async () => {
    const { deps } = consentWorld();
    const s = deps.store;
    await s.openRound(round());
    await s.setPosition({ ...agree('p_A', 'u_a1'), position: 'object', reason: 'te duur' });
    await s.setPosition(agree('p_A', 'u_a2', 1600));
    const r = (await s.round('w1', 'r1'))!;
    expect(r.positions).toEqual([
      expect.objectContaining({ partyId: 'p_A', position: 'agree', userId: 'u_a2', name: 'Arie' }),
    ]);
    await s.closeRound('r1', 'not-agreed', decision('d1'), false);
    expect(await s.setPosition(agree('p_B', 'u_b1'))).toBe(false);
    expect((await s.round('w1', 'r1'))!.positions).toHaveLength(1);
  });

  it('CONS-4 closes a round once, copying its positions into the decision', async () => {
    const { deps, db } = consentWorld();
    const s = deps.store;
    await s.openRound(round());
    await s.setPosition({ ...agree('p_A', 'u_a1'), position: 'reservation', reason: 'mits' });
    expect(await s.closeRound('r1', 'agreed', decision('d1'), false)).toBe(true);
    expect(await s.closeRound('r1', 'not-agreed', decision('d2'), false)).toBe(false);
    const expected = {
      id: 'd1',
      kind: 'consent',
      outcome: 'agreed',
      roundId: 'r1',
      target: clauseTarget,
      positions: [
        expect.objectContaining({
          partyId: 'p_A',
          position: 'reservation',
          reason: 'mits',
          name: 'Anna',
        }),
      ],
      actor: { userId: 'u_fac', name: 'Fien' },
      at: new Date(2000).toISOString(),
    };
    expect(await s.decisions('w1')).toEqual([expect.objectContaining(expected)]);
    expect(await s.round('w1', 'r1')).toMatchObject({ status: 'closed', outcome: 'agreed' });
    // The log is a copy: renaming the people involved later does not rewrite it.
    db.prepare("UPDATE users SET name = 'Iemand anders'").run();
    expect(await s.decisions('w1')).toEqual([expect.objectContaining(expected)]);
  });

  it('GATE-1 the first opening of the gate wins; an override of an open gate writes nothing', async () => {
    const { deps, db } = consentWorld();
    const s = deps.store;
    expect(await s.gate('w1')).toBeNull();
    await s.openRound(round({ target: processTarget, clauseNumber: null }));
    expect(await s.closeRound('r1', 'agreed', decision('d1', 3000), true)).toBe(true);
    expect(await s.gate('w1')).toEqual({ decisionId: 'd1', via: 'consent', at: 3000 });
    const override = {
      ...decision('d2'),
      kind: 'gate-override' as const,
      roundId: null,
      target: processTarget,
      outcome: 'opened',
      positions: [],
    };
    expect(await s.addDecision(override, true)).toBe(false);
    expect(await s.decisions('w1')).toHaveLength(1);
    expect(db.prepare('SELECT count(*) AS n FROM process_gates').get()).toEqual({ n: 1 });
  });

  it('lists open rounds and only the newest closed ones, newest first', async () => {
    const { deps } = consentWorld();
    const s = deps.store;
    for (let i = 1; i <= 3; i++) {
      await s.openRound(round({ id: `r${i}`, at: i * 10 }));
      await s.closeRound(
        `r${i}`,
        'cancelled',
        { ...decision(`d${i}`), roundId: `r${i}`, at: i * 10 + 1 },
        false,
      );
    }
    await s.openRound(round({ id: 'r9', at: 5 }));
    expect((await s.rounds('w1', 2)).map((r) => r.id)).toEqual(['r3', 'r2', 'r9']);
    expect((await s.rounds('w1')).map((r) => r.id)).toEqual(['r3', 'r2', 'r1', 'r9']);
    expect(await s.rounds('w2')).toEqual([]);
    expect(await s.round('w2', 'r1')).toBeNull();
  });

  it('knows the meetings of a workspace', async () => {
    const { deps, db } = consentWorld();
    db.prepare(
      "INSERT INTO meetings (id, workspace_id, title, scheduled_for, created_by, created_at) VALUES ('m1', 'w1', 'Overleg', 0, 'u_fac', 0)",
    ).run();
    expect(await deps.store.isMeetingOf('w1', 'm1')).toBe(true);
    expect(await deps.store.isMeetingOf('w2', 'm1')).toBe(false);
    expect(await deps.store.isMeetingOf('w1', 'nope')).toBe(false);
  });
});
