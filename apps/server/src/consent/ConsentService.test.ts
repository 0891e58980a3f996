import { CONTENT_FRAGMENT, type MeetingDto } from '@akkoord/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AppError } from '../errors';
import { clauseElement, themeSectionOf } from '../../test/helpers/yElements';
import { CLAUSE_TEXT, clauseTarget, consentWorld, processTarget } from './testFixtures';

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

const agree = { position: 'agree' as const };

describe('ConsentService', () => {
  it('CONS-1 only the facilitator opens and closes rounds; outsiders get 404', async () => {
    const w = consentWorld();
    expect(await code(w.consent.open('u_a1', 'w1', { target: clauseTarget }))).toBe('forbidden');
    expect(await code(w.consent.open('u_obs', 'w1', { target: clauseTarget }))).toBe('forbidden');
    expect(await code(w.consent.open('u_nobody', 'w1', { target: clauseTarget }))).toBe(
      'not_found',
    );
    const round = await w.consent.open('u_fac', 'w1', { target: clauseTarget });
    expect(round).toMatchObject({
      status: 'open',
      text: CLAUSE_TEXT,
      positions: [],
    });
    expect(round.clauseNumber).toMatch(/^[A-Z?]+-01$/);
    const close = { outcome: 'cancelled' as const };
    expect(await code(w.consent.close('u_b1', 'w1', round.id, close))).toBe('forbidden');
    expect(await w.consent.close('u_fac', 'w1', round.id, close)).toMatchObject({
      status: 'closed',
      outcome: 'cancelled',
    });
    expect(await code(w.consent.close('u_fac', 'w1', round.id, close))).toBe('conflict');
  });

  it('CONS-1 one open round per target; unknown clauses, notes and foreign meetings are refused', async () => {
    const w = consentWorld();
    await w.consent.open('u_fac', 'w1', { target: clauseTarget });
    expect(await code(w.consent.open('u_fac', 'w1', { target: clauseTarget }))).toBe('conflict');
    const other = { ...clauseTarget, clauseId: 'nope' };
    expect(await code(w.consent.open('u_fac', 'w1', { target: other }))).toBe('validation_failed');
    const notes = { kind: 'clause' as const, documentId: 'd_na', clauseId: 'c1' };
    expect(await code(w.consent.open('u_fac', 'w1', { target: notes }))).toBe('validation_failed');
    const foreign = { kind: 'clause' as const, documentId: 'd_other', clauseId: 'c1' };
    expect(await code(w.consent.open('u_fac', 'w1', { target: foreign }))).toBe(
      'validation_failed',
    );
    const processOnAgreement = { kind: 'process' as const, documentId: 'd_agr' };
    expect(await code(w.consent.open('u_fac', 'w1', { target: processOnAgreement }))).toBe(
      'validation_failed',
    );
    expect(
      await code(w.consent.open('u_fac', 'w1', { target: processTarget, meetingId: 'm_x' })),
    ).toBe('validation_failed');
  });

  it('CONS-2 negotiators state their own party’s position; facilitator and observer cannot', async () => {
    const w = consentWorld();
    const { id } = await w.consent.open('u_fac', 'w1', { target: clauseTarget });
    expect(await code(w.consent.position('u_fac', 'w1', id, agree))).toBe('forbidden');
    expect(await code(w.consent.position('u_obs', 'w1', id, agree))).toBe('forbidden');
    expect(await code(w.consent.position('u_a1', 'w1', 'cr_nope', agree))).toBe('not_found');
    await w.consent.position('u_a1', 'w1', id, { position: 'object', reason: 'te hoog' });
    // A second negotiator of the same party replaces the party's position, never adds one.
    const { round, tally } = await w.consent.position('u_a2', 'w1', id, agree);
    expect(round.positions).toEqual([
      expect.objectContaining({ partyId: 'p_A', userId: 'u_a2', position: 'agree' }),
    ]);
    expect(tally).toMatchObject({ agree: ['p_A'], missing: ['p_B', 'p_C'], consent: false });
  });

  it('CONS-3 LOCK-1 consent closes the round agreed, logs the decision and locks the clause', async () => {
    const w = consentWorld();
    const { id } = await w.consent.open('u_fac', 'w1', { target: clauseTarget });
    await w.consent.position('u_a1', 'w1', id, agree);
    await w.consent.position('u_b1', 'w1', id, { position: 'reservation', reason: 'mits' });
    expect(await w.locks.isLocked('d_agr', 'c1')).toBe(false);
    const done = await w.consent.position('u_c1', 'w1', id, agree);
    expect(done.tally.consent).toBe(true);
    expect(done.round).toMatchObject({ status: 'closed', outcome: 'agreed' });
    const [decision] = await w.consent.decisions('u_obs', 'w1');
    expect(decision).toMatchObject({
      kind: 'consent',
      outcome: 'agreed',
      roundId: id,
      target: clauseTarget,
      actor: { userId: 'u_c1', name: 'Cees' },
    });
    expect(decision!.positions.map((p) => [p.partyId, p.position, p.reason])).toEqual([
      ['p_A', 'agree', ''],
      ['p_B', 'reservation', 'mits'],
      ['p_C', 'agree', ''],
    ]);
    expect(await w.locks.list('w1')).toEqual([
      expect.objectContaining({ documentId: 'd_agr', clauseId: 'c1', decisionId: decision!.id }),
    ]);
    expect(await code(w.consent.position('u_a1', 'w1', id, agree))).toBe('conflict');
    // CONS-1: a locked clause gets no new round until it is reopened.
    expect(await code(w.consent.open('u_fac', 'w1', { target: clauseTarget }))).toBe('conflict');
    expect(w.events.map((e) => e.topic)).toContain('locks');
  });

  it('CONS-4 when locking fails the decision stays, the answer is 503 naming it, and a new round can lock', async () => {
    const w = consentWorld();
    const { id } = await w.consent.open('u_fac', 'w1', { target: clauseTarget });
    await w.consent.position('u_a1', 'w1', id, agree);
    await w.consent.position('u_b1', 'w1', id, agree);
    w.locks.failNext = new Error('document did not load');
    const err = await w.consent.position('u_c1', 'w1', id, agree).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const decisions = await w.consent.decisions('u_fac', 'w1');
    expect(err).toMatchObject({
      code: 'unavailable',
      details: { roundId: id, decisionId: decisions[0]!.id },
    });
    expect(decisions).toHaveLength(1);
    expect(await w.locks.isLocked('d_agr', 'c1')).toBe(false);
    const again = await w.consent.open('u_fac', 'w1', { target: clauseTarget });
    for (const u of ['u_a1', 'u_b1', 'u_c1']) await w.consent.position(u, 'w1', again.id, agree);
    expect(await w.locks.isLocked('d_agr', 'c1')).toBe(true);
  });

  it('CONS-4 a clause deleted while its round was open: the decision stays, the answer is 409', async () => {
    const w = consentWorld();
    const { id } = await w.consent.open('u_fac', 'w1', { target: clauseTarget });
    await w.consent.position('u_a1', 'w1', id, agree);
    await w.consent.position('u_b1', 'w1', id, agree);
    w.locks.failNext = new AppError('not_found', 'clause not found');
    const err = await w.consent.position('u_c1', 'w1', id, agree).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'conflict', details: { roundId: id } });
    expect(await w.consent.decisions('u_fac', 'w1')).toHaveLength(1);
  });

  it('CONS-4 closing without consent logs the positions and reason', async () => {
    const w = consentWorld();
    const { id } = await w.consent.open('u_fac', 'w1', { target: clauseTarget });
    await w.consent.position('u_b1', 'w1', id, { position: 'object', reason: 'onbetaalbaar' });
    await w.consent.close('u_fac', 'w1', id, { outcome: 'not-agreed', reason: 'geen akkoord' });
    expect(await w.consent.decisions('u_a1', 'w1')).toEqual([
      expect.objectContaining({
        kind: 'consent',
        outcome: 'not-agreed',
        reason: 'geen akkoord',
        positions: [expect.objectContaining({ partyId: 'p_B', reason: 'onbetaalbaar' })],
      }),
    ]);
    expect(await w.locks.isLocked('d_agr', 'c1')).toBe(false);
  });

  it('CONS-5 an open round holds its clause; closing, cancelling or consent ends the hold', async () => {
    const w = consentWorld();
    const held = () => w.locks.holds.get('d_agr\u0000c1') ?? null;
    const first = await w.consent.open('u_fac', 'w1', { target: clauseTarget });
    expect(held()).toBe(first.id);
    await w.consent.close('u_fac', 'w1', first.id, { outcome: 'not-agreed' });
    expect(held()).toBeNull();
    const second = await w.consent.open('u_fac', 'w1', { target: clauseTarget });
    expect(held()).toBe(second.id);
    await w.consent.close('u_fac', 'w1', second.id, { outcome: 'cancelled' });
    expect(held()).toBeNull();
    const third = await w.consent.open('u_fac', 'w1', { target: clauseTarget });
    for (const u of ['u_a1', 'u_b1', 'u_c1']) await w.consent.position(u, 'w1', third.id, agree);
    expect(held()).toBeNull();
    expect(await w.locks.isLocked('d_agr', 'c1')).toBe(true);
  });

  it('CONS-6 a process round holds every open clause of the process document; consent locks them', async () => {
    const w = consentWorld({ processFirst: true });
    const section = themeSectionOf(w.docs.get('r_d_proc')!, 'besluitvorming');
    section.insert(section.length, [
      clauseElement({ id: 'p1', text: 'De procesbegeleider zit de overleggen voor.' }),
      clauseElement({ id: 'p2', text: 'Besluiten nemen we met instemming.' }),
    ]);
    const procClause = { kind: 'clause' as const, documentId: 'd_proc', clauseId: 'p1' };
    // A clause round on the process document and a process round exclude each other.
    const single = await w.consent.open('u_fac', 'w1', { target: procClause });
    expect(await code(w.consent.open('u_fac', 'w1', { target: processTarget }))).toBe('conflict');
    await w.consent.close('u_fac', 'w1', single.id, { outcome: 'cancelled' });

    const round = await w.consent.open('u_fac', 'w1', { target: processTarget });
    expect(round.text).toContain('Besluiten nemen we met instemming.');
    expect(await w.locks.heldBy({ documentId: 'd_proc' }, round.id)).toEqual(['p1', 'p2']);
    expect(await code(w.consent.open('u_fac', 'w1', { target: procClause }))).toBe('conflict');
    // The agreement's clauses are not the process round's.
    expect(await code(w.consent.open('u_fac', 'w1', { target: clauseTarget }))).toBe('ok');
    for (const u of ['u_a1', 'u_b1', 'u_c1']) await w.consent.position(u, 'w1', round.id, agree);
    const decision = (await w.consent.decisions('u_fac', 'w1')).find((d) => d.roundId === round.id);
    expect((await w.locks.list('w1')).filter((l) => l.documentId === 'd_proc')).toEqual([
      expect.objectContaining({ clauseId: 'p1', decisionId: decision!.id }),
      expect.objectContaining({ clauseId: 'p2', decisionId: decision!.id }),
    ]);
    expect(await w.locks.heldBy({ documentId: 'd_proc' }, round.id)).toEqual([]);
  });

  it('CONS-6 cancelling a process round releases its clauses; a locked one is not held again', async () => {
    const w = consentWorld({ processFirst: true });
    const section = themeSectionOf(w.docs.get('r_d_proc')!, 'besluitvorming');
    section.insert(section.length, [
      clauseElement({ id: 'p1', text: 'Een.' }),
      clauseElement({ id: 'p2', text: 'Twee.' }),
    ]);
    await w.locks.lock({
      workspaceId: 'w1',
      documentId: 'd_proc',
      room: 'r_d_proc',
      clauseId: 'p1',
      decisionId: 'dc-old',
    });
    const round = await w.consent.open('u_fac', 'w1', { target: processTarget });
    expect(await w.locks.heldBy({ documentId: 'd_proc' }, round.id)).toEqual(['p2']);
    await w.consent.close('u_fac', 'w1', round.id, { outcome: 'cancelled' });
    expect(w.locks.holds.size).toBe(0);
  });

  it('CONS-5 a clause that cannot be held gets no round: 400 when gone, the error otherwise', async () => {
    const w = consentWorld();
    w.locks.failNext = new AppError('not_found', 'Clause not found in the document');
    const gone = await w.consent
      .open('u_fac', 'w1', { target: clauseTarget })
      .catch((e: unknown) => e);
    expect(gone).toMatchObject({ code: 'validation_failed' });
    w.locks.failNext = new AppError('unavailable', 'document is busy, try again');
    expect(await code(w.consent.open('u_fac', 'w1', { target: clauseTarget }))).toBe('unavailable');
    expect(await w.consent.rounds('u_fac', 'w1')).toEqual([]);
    expect(w.locks.holds.size).toBe(0);
    // Nothing was left behind that refuses the next round.
    const round = await w.consent.open('u_fac', 'w1', { target: clauseTarget });
    expect(round.status).toBe('open');
  });

  it('CONS-5 the round asks consent on the text as held, also after an edit just before the hold', async () => {
    const w = consentWorld();
    const hold = w.locks.hold.bind(w.locks);
    w.locks.hold = async (r) => {
      // Someone types between the service reading the clause and the hold taking effect.
      const el = w.docs.get('r_d_agr')!.getXmlFragment(CONTENT_FRAGMENT);
      for (const node of el.createTreeWalker(() => true))
        if (node instanceof Y.XmlText && node.toJSON().startsWith('De huren'))
          node.insert(0, 'Laat: ');
      return hold(r);
    };
    const round = await w.consent.open('u_fac', 'w1', { target: clauseTarget });
    expect(round.text).toBe(`Laat: ${CLAUSE_TEXT}`);
  });

  it('GATE-1 process consent opens the gate and re-checks every member’s sockets', async () => {
    const w = consentWorld({ processFirst: true });
    expect(await w.gate.closedFor('w1')).toBe(true);
    const { id } = await w.consent.open('u_fac', 'w1', { target: processTarget });
    for (const u of ['u_a1', 'u_b1']) await w.consent.position(u, 'w1', id, agree);
    expect(await w.gate.closedFor('w1')).toBe(true);
    expect(w.rechecked).toEqual([]);
    await w.consent.position('u_c1', 'w1', id, agree);
    expect(await w.gate.closedFor('w1')).toBe(false);
    const gate = await w.gate.get('u_obs', 'w1');
    const [decision] = await w.consent.decisions('u_fac', 'w1');
    expect(gate).toMatchObject({ open: true, processFirst: true, via: 'consent' });
    expect(gate.decisionId).toBe(decision!.id);
    expect(w.rechecked.map(([, u]) => u).sort()).toEqual(
      ['u_a1', 'u_a2', 'u_b1', 'u_c1', 'u_fac', 'u_obs'].sort(),
    );
    expect(w.events.map((e) => e.topic)).toContain('gate');
  });

  it('GATE-1 the facilitator overrides a closed gate with a reason, once', async () => {
    const w = consentWorld({ processFirst: true });
    expect(await code(w.gate.override('u_a1', 'w1', 'haast'))).toBe('forbidden');
    expect(await w.gate.closedFor('w1')).toBe(true);
    const gate = await w.gate.override('u_fac', 'w1', 'de wethouder wil door');
    expect(gate).toMatchObject({ open: true, via: 'override' });
    expect(await w.gate.closedFor('w1')).toBe(false);
    expect(await code(w.gate.override('u_fac', 'w1', 'nog eens'))).toBe('conflict');
    expect(await w.consent.decisions('u_fac', 'w1')).toEqual([
      expect.objectContaining({
        kind: 'gate-override',
        outcome: 'opened',
        reason: 'de wethouder wil door',
        target: processTarget,
      }),
    ]);
    expect(w.rechecked.length).toBe(6);
  });

  it('GATE-1 without processFirst the gate never holds anyone back', async () => {
    const w = consentWorld();
    expect(await w.gate.closedFor('w1')).toBe(false);
    expect(await w.gate.get('u_a1', 'w1')).toMatchObject({ open: false, processFirst: false });
  });

  it('LOCK-3 only the facilitator reopens a locked clause, with a logged reason', async () => {
    const w = consentWorld();
    const { id } = await w.consent.open('u_fac', 'w1', { target: clauseTarget });
    expect(await code(w.lockService.reopen('u_fac', 'w1', 'd_agr', 'c1', 'x'))).toBe('conflict');
    for (const u of ['u_a1', 'u_b1', 'u_c1']) await w.consent.position(u, 'w1', id, agree);
    expect(await code(w.lockService.reopen('u_a1', 'w1', 'd_agr', 'c1', 'x'))).toBe('forbidden');
    expect(await code(w.lockService.reopen('u_fac', 'w1', 'd_na', 'c1', 'x'))).toBe('not_found');
    const decision = await w.lockService.reopen('u_fac', 'w1', 'd_agr', 'c1', 'nieuwe cijfers');
    expect(decision).toMatchObject({
      kind: 'reopen',
      outcome: 'reopened',
      reason: 'nieuwe cijfers',
      target: clauseTarget,
    });
    expect(decision.clauseNumber).toMatch(/^[A-Z?]+-01$/);
    expect(await w.lockService.list('u_obs', 'w1')).toEqual([]);
    // Reopened, it can get a new round.
    expect(await code(w.consent.open('u_fac', 'w1', { target: clauseTarget }))).toBe('ok');
  });

  it('MIN-1 rounds and their decisions carry the running meeting unless another is named', async () => {
    const w = consentWorld();
    w.db
      .prepare(
        "INSERT INTO meetings (id, workspace_id, title, scheduled_for, created_by, created_at) VALUES ('m1', 'w1', 'Overleg', 0, 'u_fac', 0), ('m2', 'w1', 'Later', 0, 'u_fac', 0)",
      )
      .run();
    w.world.current = { id: 'm1' } as MeetingDto;
    const a = await w.consent.open('u_fac', 'w1', { target: clauseTarget });
    const b = await w.consent.open('u_fac', 'w1', { target: processTarget, meetingId: 'm2' });
    expect([a.meetingId, b.meetingId]).toEqual(['m1', 'm2']);
    await w.consent.close('u_fac', 'w1', a.id, { outcome: 'cancelled' });
    expect((await w.consent.decisions('u_fac', 'w1'))[0]!.meetingId).toBe('m1');
    expect(w.events.filter((e) => e.topic === 'consent').map((e) => e.meetingId)).toEqual([
      'm1',
      'm2',
      'm1',
    ]);
  });

  it('MEET-7 GET /facilitation state: gate, locks, open and recent rounds, current meeting', async () => {
    const w = consentWorld({ processFirst: true });
    await w.consent.open('u_fac', 'w1', { target: clauseTarget });
    const state = await w.consent.state('u_obs', 'w1');
    expect(state).toMatchObject({
      gate: { open: false, processFirst: true },
      locks: [],
      current: null,
    });
    expect(state.rounds).toHaveLength(1);
    expect(await code(w.consent.state('u_nobody', 'w1'))).toBe('not_found');
  });
});
