import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type {
  ClauseLockDto,
  ConsentRoundDto,
  DecisionDto,
  FacilitationEventData,
  FacilitationStateDto,
  TallyDto,
  WorkspaceDto,
} from '@akkoord/domain';
import { waitFor, type Client } from '../helpers/clients';
import { clauseElement, findClauseElement, themeSectionOf } from '../helpers/yElements';
import { facilitationWorld } from './helpers/facilitationWorld';
import {
  call,
  createWorkspace,
  expectError,
  expectFieldError,
  join,
  register,
  type ApiResponse,
  type TestUser,
} from './helpers/http';
import { storedAnywhere } from './helpers/sockets';

/**
 * Consent rounds, the decision log and clause locks (SPEC.md CONS-1..4, LOCK-1, LOCK-3) against
 * a real server: real SQLite, real HTTP on port 0, a real y-websocket client that writes the
 * clause and watches the server lock it, and a real event stream.
 */

/** The tenants' negotiator: the third party, so consent needs all three. */
let hurd: TestUser;

const suite = facilitationWorld({
  server: { eventHeartbeatMs: 300 },
  setup: async () => {
    hurd = await register(suite.srv.url, 'Henk');
    const tenants = suite.world.workspace.parties.find((p) => p.kind === 'tenants')!;
    await join(suite.srv.url, suite.fac().token, suite.wsId(), hurd, 'negotiator', tenants.id);
  },
});
const { fac, negA: corp, negB: gem, obs, outsider, wsId, syncClient } = suite;
const api = (path: string) => `/api/workspaces/${wsId()}${path}`;

/** A new clause in the agreement, written by the facilitator's sync client and stored. */
async function newClause(): Promise<{ id: string; text: string; client: Client }> {
  const client = await syncClient(suite.world.docs.agreement.room, fac());
  const id = `c-${randomUUID()}`;
  const text = `Clausule ${randomUUID()}`;
  const s = themeSectionOf(client.doc, 'betaalbaarheid');
  s.insert(s.length, [clauseElement({ id, text })]);
  await waitFor(() => storedAnywhere(suite.srv.dataDir, text), 10_000, 'clause stored');
  return { id, text, client };
}

const clauseTarget = (clauseId: string) => ({
  kind: 'clause',
  documentId: suite.world.docs.agreement.id,
  clauseId,
});

type RoundRes = ApiResponse<{ round: ConsentRoundDto }>;
type PositionRes = ApiResponse<{ round: ConsentRoundDto; tally: TallyDto }>;

const openRound = (user: TestUser, body: unknown): Promise<RoundRes> =>
  call(suite.srv.url, 'POST', api('/consent-rounds'), { token: user.token, body });
const position = (user: TestUser, roundId: string, body: unknown): Promise<PositionRes> =>
  call(suite.srv.url, 'PUT', api(`/consent-rounds/${roundId}/position`), {
    token: user.token,
    body,
  });

async function openedRound(clauseId: string): Promise<ConsentRoundDto> {
  const res = await openRound(fac(), { target: clauseTarget(clauseId) });
  expect(res.status).toBe(201);
  return res.body.round;
}

async function allAgree(roundId: string): Promise<PositionRes> {
  await position(corp(), roundId, { position: 'agree' });
  await position(gem(), roundId, { position: 'reservation', reason: 'mits jaarlijks herijkt' });
  return position(hurd, roundId, { position: 'agree' });
}

const attr = (c: Client, clauseId: string, name: string) =>
  findClauseElement(c.doc, clauseId).el.getAttribute(name);

describe('consent rounds', () => {
  it('CONS-1 only the facilitator opens a round: negotiator and observer 403, outsider 404', async () => {
    const { id, text } = await newClause();
    const body = { target: clauseTarget(id) };
    expectError(await openRound(corp(), body), 403, 'forbidden');
    expectError(await openRound(obs(), body), 403, 'forbidden');
    expectError(await openRound(outsider(), body), 404, 'not_found');
    const res = await openRound(fac(), body);
    expect(res.status).toBe(201);
    expect(res.body.round).toMatchObject({
      workspaceId: wsId(),
      target: body.target,
      text,
      status: 'open',
      outcome: null,
      positions: [],
      closedAt: null,
    });
    expect(res.body.round.clauseNumber).toMatch(/-\d\d$/);
    // One open round per target.
    expectError(await openRound(fac(), body), 409, 'conflict');
  });

  it('CONS-1 bad bodies are 400 naming the field: unknown clause, party notes, other meeting', async () => {
    expectFieldError(await openRound(fac(), { target: { kind: 'clause' } }), 'target.documentId');
    expectFieldError(
      await openRound(fac(), { target: clauseTarget('no-such') }),
      'target.clauseId',
    );
    const notes = { kind: 'clause', documentId: suite.world.docs.notesA.id, clauseId: 'x' };
    expectFieldError(await openRound(fac(), { target: notes }), 'target.documentId');
    const processOnAgreement = { kind: 'process', documentId: suite.world.docs.agreement.id };
    expectFieldError(await openRound(fac(), { target: processOnAgreement }), 'target.documentId');
    const { id } = await newClause();
    expectFieldError(
      await openRound(fac(), { target: clauseTarget(id), meetingId: 'm_other' }),
      'meetingId',
    );
  });

  it('CONS-2 a negotiator states their own party’s position; objections need a reason; others 403', async () => {
    const { id } = await newClause();
    const round = await openedRound(id);
    expectError(await position(fac(), round.id, { position: 'agree' }), 403, 'forbidden');
    expectError(await position(obs(), round.id, { position: 'agree' }), 403, 'forbidden');
    expectError(await position(outsider(), round.id, { position: 'agree' }), 404);
    expectFieldError(await position(corp(), round.id, { position: 'object' }), 'reason');
    expectFieldError(await position(corp(), round.id, { position: 'maybe' }), 'position');
    expectError(await position(corp(), 'cr_nope', { position: 'agree' }), 404, 'not_found');
    const first = await position(corp(), round.id, { position: 'object', reason: 'te duur' });
    expect(first.status).toBe(200);
    const again = await position(corp(), round.id, { position: 'agree' });
    expect(again.body.round.positions).toEqual([
      expect.objectContaining({
        partyId: suite.world.partyA.id,
        position: 'agree',
        userId: corp().id,
      }),
    ]);
    expect(again.body.tally).toMatchObject({
      agree: [suite.world.partyA.id],
      object: [],
      consent: false,
    });
    expect(again.body.tally.missing).toHaveLength(2);
  });

  it('CONS-3 LOCK-1 consent closes the round agreed, logs it, and the clause is agreed + locked in the document', async () => {
    const stream = await suite.events(obs());
    const { id, client } = await newClause();
    const watcher = await syncClient(suite.world.docs.agreement.room, obs());
    const round = await openedRound(id);
    const done = await allAgree(round.id);
    expect(done.status).toBe(200);
    expect(done.body.tally.consent).toBe(true);
    expect(done.body.round).toMatchObject({ status: 'closed', outcome: 'agreed' });

    const decisions = await call<{ decisions: DecisionDto[] }>(
      suite.srv.url,
      'GET',
      api('/decisions'),
      {
        token: obs().token,
      },
    );
    const decision = decisions.body.decisions.find((d) => d.roundId === round.id)!;
    expect(decision).toMatchObject({ kind: 'consent', outcome: 'agreed', target: round.target });
    expect(decision.positions.map((p) => p.position)).toEqual(['agree', 'reservation', 'agree']);
    expect(decision.positions[1]!.reason).toBe('mits jaarlijks herijkt');

    const locks = await call<{ locks: ClauseLockDto[] }>(suite.srv.url, 'GET', api('/locks'), {
      token: gem().token,
    });
    expect(locks.body.locks).toContainEqual(
      expect.objectContaining({ clauseId: id, decisionId: decision.id }),
    );
    // Every client sees it, the writer and a reader alike.
    for (const c of [client, watcher]) {
      await waitFor(() => attr(c, id, 'status') === 'agreed', 5000, 'status agreed');
      expect(attr(c, id, 'locked')).toBe(decision.id);
    }
    await waitFor(
      () =>
        ['consent', 'locks'].every((t) =>
          stream.data<FacilitationEventData>('facilitation').some((e) => e.topic === t),
        ),
      5000,
      'consent and locks events',
    );
    // CONS-1: a locked clause gets no new round; positions on the closed round are refused.
    expectError(await openRound(fac(), { target: clauseTarget(id) }), 409, 'conflict');
    expectError(await position(corp(), round.id, { position: 'agree' }), 409, 'conflict');
  });

  it('CONS-5 an open round holds its clause: edits are undone for everyone until it closes', async () => {
    const { id, text, client } = await newClause();
    const other = await newClause();
    const writer = await syncClient(suite.world.docs.agreement.room, corp());
    const firstText = (c: Client, clauseId: string) => {
      const clauseText = findClauseElement(c.doc, clauseId).el.get(0) as Y.XmlElement;
      return (clauseText.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    };
    const round = await openedRound(id);
    for (const c of [client, writer])
      await waitFor(() => attr(c, id, 'round') === round.id, 5000, 'round mark');
    // Typing into the held clause comes back undone, to the writer too; the other clause is free.
    writer.doc.transact(() => {
      firstText(writer, id).insert(0, 'Toch niet: ');
      firstText(writer, other.id).insert(0, 'Wel: ');
    });
    await waitFor(() => firstText(client, other.id).toJSON().startsWith('Wel: '), 5000, 'free');
    await waitFor(() => firstText(writer, id).toString() === text, 5000, 'undone at the writer');
    expect(firstText(client, id).toString()).toBe(text);

    const cancel = await call(suite.srv.url, 'POST', api(`/consent-rounds/${round.id}/close`), {
      token: fac().token,
      body: { outcome: 'cancelled' },
    });
    expect(cancel.status).toBe(200);
    await waitFor(() => attr(writer, id, 'round') === undefined, 5000, 'mark gone');
    firstText(writer, id).insert(0, 'Nu wel: ');
    await waitFor(() => firstText(client, id).toString() === `Nu wel: ${text}`, 5000, 'edit kept');

    // Consent ends the hold with the lock, in the same change.
    const again = await openedRound(id);
    expect(again.text).toBe(`Nu wel: ${text}`);
    await allAgree(again.id);
    await waitFor(() => attr(client, id, 'locked') !== undefined, 5000, 'locked');
    expect(attr(client, id, 'round')).toBeUndefined();
  });

  it('LOCK-3 only the facilitator reopens, with a reason; the clause is reopened and unlocked', async () => {
    const { id, client } = await newClause();
    const round = await openedRound(id);
    const reopenPath = api(`/documents/${suite.world.docs.agreement.id}/clauses/${id}/reopen`);
    const reopen = (user: TestUser, body: unknown) =>
      call<{ decision: DecisionDto }>(suite.srv.url, 'POST', reopenPath, {
        token: user.token,
        body,
      });
    expectError(await reopen(fac(), { reason: 'nog niet' }), 409, 'conflict');
    await allAgree(round.id);
    await waitFor(() => attr(client, id, 'locked') !== undefined, 5000, 'locked');
    expectError(await reopen(corp(), { reason: 'wij willen' }), 403, 'forbidden');
    expectFieldError(await reopen(fac(), { reason: '  ' }), 'reason');
    const res = await reopen(fac(), { reason: 'nieuwe cijfers CBS' });
    expect(res.status).toBe(200);
    expect(res.body.decision).toMatchObject({
      kind: 'reopen',
      outcome: 'reopened',
      reason: 'nieuwe cijfers CBS',
      target: round.target,
      clauseNumber: round.clauseNumber,
      actor: { userId: fac().id },
    });
    await waitFor(() => attr(client, id, 'status') === 'reopened', 5000, 'status reopened');
    expect(attr(client, id, 'locked')).toBeUndefined();
    const locks = await call<{ locks: ClauseLockDto[] }>(suite.srv.url, 'GET', api('/locks'), {
      token: fac().token,
    });
    expect(locks.body.locks.map((l) => l.clauseId)).not.toContain(id);
    // Reopened, the clause can get a new round.
    expect((await openRound(fac(), { target: clauseTarget(id) })).status).toBe(201);
  });

  it('CONS-4 closing without consent logs the positions and reasons as they were', async () => {
    const { id } = await newClause();
    const round = await openedRound(id);
    await position(gem(), round.id, { position: 'object', reason: 'onbetaalbaar' });
    const close = (user: TestUser, body: unknown) =>
      call<{ round: ConsentRoundDto }>(
        suite.srv.url,
        'POST',
        api(`/consent-rounds/${round.id}/close`),
        {
          token: user.token,
          body,
        },
      );
    expectError(await close(gem(), { outcome: 'not-agreed' }), 403, 'forbidden');
    expectFieldError(await close(fac(), { outcome: 'agreed' }), 'outcome');
    const res = await close(fac(), { outcome: 'not-agreed', reason: 'volgende keer verder' });
    expect(res.body.round).toMatchObject({ status: 'closed', outcome: 'not-agreed' });
    expectError(await close(fac(), { outcome: 'cancelled' }), 409, 'conflict');
    // A later position on the closed round changes nothing in the log.
    expectError(await position(gem(), round.id, { position: 'agree' }), 409);
    const all = await call<{ decisions: DecisionDto[] }>(suite.srv.url, 'GET', api('/decisions'), {
      token: corp().token,
    });
    expect(all.body.decisions.find((d) => d.roundId === round.id)).toMatchObject({
      outcome: 'not-agreed',
      reason: 'volgende keer verder',
      positions: [expect.objectContaining({ position: 'object', reason: 'onbetaalbaar' })],
    });
    expect(
      await call(suite.srv.url, 'GET', api('/decisions'), { token: outsider().token }),
    ).toMatchObject({ status: 404 });
  });

  it('GET /facilitation and /consent-rounds give every member the whole picture; outsiders 404', async () => {
    const state = await call<FacilitationStateDto>(suite.srv.url, 'GET', api('/facilitation'), {
      token: obs().token,
    });
    expect(state.status).toBe(200);
    expect(state.body.gate).toMatchObject({ open: false, processFirst: false });
    expect(state.body.current).toBeNull();
    expect(state.body.rounds.length).toBeGreaterThan(0);
    expect(state.body.locks.length).toBeGreaterThan(0);
    const rounds = await call<{ rounds: ConsentRoundDto[] }>(
      suite.srv.url,
      'GET',
      api('/consent-rounds'),
      { token: corp().token },
    );
    const opened = rounds.body.rounds.map((r) => r.openedAt);
    expect(opened).toEqual([...opened].sort().reverse());
    for (const path of ['/facilitation', '/consent-rounds', '/locks', '/process-gate'])
      expectError(await call(suite.srv.url, 'GET', api(path), { token: outsider().token }), 404);
  });
});

describe('processFirst on the workspace API', () => {
  it('GATE-1 defaults to false, is saved when sent, and the facilitator can change it', async () => {
    const plain = await createWorkspace(suite.srv.url, fac().token);
    expect(plain.processFirst).toBe(false);
    const gated = await createWorkspace(suite.srv.url, fac().token, {
      title: 'Proces eerst',
      processFirst: true,
    });
    expect(gated.processFirst).toBe(true);
    const patch = (user: TestUser, body: unknown) =>
      call<{ workspace: WorkspaceDto }>(suite.srv.url, 'PATCH', `/api/workspaces/${plain.id}`, {
        token: user.token,
        body,
      });
    expectFieldError(await patch(fac(), { processFirst: 'ja' }), 'processFirst');
    const res = await patch(fac(), { processFirst: true });
    expect(res.body.workspace.processFirst).toBe(true);
    // Other fields keep it.
    expect((await patch(fac(), { title: 'Anders' })).body.workspace.processFirst).toBe(true);
    expectFieldError(
      await call(suite.srv.url, 'POST', '/api/workspaces', {
        token: fac().token,
        body: { title: 'X', processFirst: 1 },
      }),
      'processFirst',
    );
  });
});
