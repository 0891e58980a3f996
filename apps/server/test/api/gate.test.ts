import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  ConsentRoundDto,
  DecisionDto,
  FacilitationEventData,
  ProcessGateDto,
} from '@akkoord/domain';
import * as Y from 'yjs';
import { waitFor } from '../helpers/clients';
import { clauseElement, findClauseElement, themeSectionOf } from '../helpers/yElements';
import { facilitationWorld } from './helpers/facilitationWorld';
import {
  buildWorld,
  call,
  expectError,
  expectFieldError,
  join,
  register,
  type TestUser,
  type World,
} from './helpers/http';
import {
  closeAllSocks,
  openSock,
  outcome,
  storedAnywhere,
  tryWrite,
  type Sock,
} from './helpers/sockets';

/**
 * The process-first gate (SPEC.md GATE-1, GATE-2) through real sockets: while it is closed a
 * negotiator's updates to the agreement are refused (permission-denied, nothing stored); once
 * every party consented to the process agreements, or the facilitator overrode, the same open
 * socket writes within a second.
 */

const suite = facilitationWorld({ server: { eventHeartbeatMs: 300 }, world: false });
afterEach(async () => {
  suite.closeStreams();
  await closeAllSocks();
});

interface GatedWorld extends World {
  tenants: TestUser;
}

/** A negotiation working process first, with a negotiator for each of its three parties. */
async function gatedWorld(): Promise<GatedWorld> {
  const world = await buildWorld(suite.srv.url);
  const tenants = await register(suite.srv.url, 'Henk');
  const party = world.workspace.parties.find((p) => p.kind === 'tenants')!;
  await join(
    suite.srv.url,
    world.users.facilitator.token,
    world.workspace.id,
    tenants,
    'negotiator',
    party.id,
  );
  const res = await call(suite.srv.url, 'PATCH', `/api/workspaces/${world.workspace.id}`, {
    token: world.users.facilitator.token,
    body: { processFirst: true },
  });
  expect(res.status).toBe(200);
  return { ...world, tenants };
}

const api = (w: World, path: string) => `/api/workspaces/${w.workspace.id}${path}`;

async function openSocket(room: string, user: TestUser): Promise<Sock> {
  const s = openSock(suite.srv.wsUrl, room, { token: user.token });
  expect(await outcome(s)).toBe('open');
  return s;
}

/** Writes until one sticks; the time from `since` to the first write that stuck. */
async function writableWithin(s: Sock, since: number, limitMs: number): Promise<number> {
  for (let i = 0; ; i++) {
    const marker = `after-gate-${i}-${randomUUID()}`;
    const result = await tryWrite(s, marker, limitMs);
    if (result === 'write') {
      expect(storedAnywhere(suite.srv.dataDir, marker)).toBe(true);
      return Date.now() - since;
    }
    expect(result).toBe('read');
    if (Date.now() - since > limitMs) return Date.now() - since;
  }
}

/** The facilitator opens the round on the process agreements; its id. */
async function openProcessRound(w: World): Promise<string> {
  const opened = await call<{ round: ConsentRoundDto }>(
    suite.srv.url,
    'POST',
    api(w, '/consent-rounds'),
    {
      token: w.users.facilitator.token,
      body: { target: { kind: 'process', documentId: w.docs.process.id } },
    },
  );
  expect(opened.status).toBe(201);
  return opened.body.round.id;
}

const gateOf = async (w: World, user: TestUser) =>
  (await call<ProcessGateDto>(suite.srv.url, 'GET', api(w, '/process-gate'), { token: user.token }))
    .body;

describe('process first', () => {
  it('GATE-1 while the gate is closed negotiators only read the agreement; the facilitator writes', async () => {
    const w = await gatedWorld();
    expect(await gateOf(w, w.users.negotiatorA)).toEqual({
      open: false,
      processFirst: true,
      decisionId: null,
      via: null,
      at: null,
    });
    const neg = await openSocket(w.docs.agreement.room, w.users.negotiatorA);
    const refused = `gated-${randomUUID()}`;
    expect(await tryWrite(neg, refused)).toBe('read');
    // The process agreements and the party's own notes are not gated.
    expect(
      await tryWrite(
        await openSocket(w.docs.process.room, w.users.negotiatorA),
        `p-${randomUUID()}`,
      ),
    ).toBe('write');
    expect(
      await tryWrite(
        await openSocket(w.docs.notesA.room, w.users.negotiatorA),
        `n-${randomUUID()}`,
      ),
    ).toBe('write');
    const fac = await openSocket(w.docs.agreement.room, w.users.facilitator);
    expect(await tryWrite(fac, `fac-${randomUUID()}`)).toBe('write');
    // After the facilitator's write stuck, an accepted negotiator write would have been stored.
    expect(storedAnywhere(suite.srv.dataDir, refused)).toBe(false);
    expect(
      await tryWrite(
        await openSocket(w.docs.agreement.room, w.users.observer),
        `o-${randomUUID()}`,
      ),
    ).toBe('read');
  });

  it('GATE-2 consent on the process agreements opens the gate: an open negotiator socket writes within 1 s', async () => {
    const w = await gatedWorld();
    const stream = await suite.events(w.users.observer, w.workspace.id);
    const neg = await openSocket(w.docs.agreement.room, w.users.negotiatorB);
    expect(await tryWrite(neg, `before-${randomUUID()}`)).toBe('read');
    const roundId = await openProcessRound(w);
    const agree = (u: TestUser) =>
      call(suite.srv.url, 'PUT', api(w, `/consent-rounds/${roundId}/position`), {
        token: u.token,
        body: { position: 'agree' },
      });
    await agree(w.users.negotiatorA);
    await agree(w.users.negotiatorB);
    // Two of three parties: still closed.
    expect(await tryWrite(neg, `two-of-three-${randomUUID()}`)).toBe('read');
    expect((await agree(w.tenants)).status).toBe(200);
    const t0 = Date.now();
    expect(await writableWithin(neg, t0, 1000)).toBeLessThan(1000);

    const gate = await gateOf(w, w.users.observer);
    const decisions = (
      await call<{ decisions: DecisionDto[] }>(suite.srv.url, 'GET', api(w, '/decisions'), {
        token: w.users.observer.token,
      })
    ).body.decisions;
    expect(decisions).toEqual([
      expect.objectContaining({ kind: 'consent', outcome: 'agreed', roundId }),
    ]);
    expect(gate).toMatchObject({ open: true, via: 'consent', decisionId: decisions[0]!.id });
    await waitFor(
      () => stream.data<FacilitationEventData>('facilitation').some((e) => e.topic === 'gate'),
      5000,
      'gate event',
    );
    // Opening the gate changes what negotiators may write, not what anyone sees: streams stay.
    expect(stream.ended()).toBe(false);
  });

  it('CONS-6 a process round holds the process clauses, and consent locks them on every client', async () => {
    const w = await gatedWorld();
    const fac = await suite.syncClient(w.docs.process.room, w.users.facilitator);
    const neg = await suite.syncClient(w.docs.process.room, w.users.negotiatorA);
    const section = themeSectionOf(fac.doc, 'besluitvorming');
    const texts = { p1: `Instemming ${randomUUID()}`, p2: `Verslag ${randomUUID()}` };
    section.insert(section.length, [
      clauseElement({ id: 'p1', text: texts.p1 }),
      clauseElement({ id: 'p2', text: texts.p2 }),
    ]);
    await waitFor(() => storedAnywhere(suite.srv.dataDir, texts.p2), 5000, 'clauses stored');
    const roundId = await openProcessRound(w);
    const attr = (doc: Y.Doc, id: string, name: string): unknown =>
      findClauseElement(doc, id).el.getAttribute(name);
    await waitFor(
      () => attr(neg.doc, 'p1', 'round') === roundId && attr(neg.doc, 'p2', 'round') === roundId,
      5000,
      'both held',
    );
    const firstText = (doc: Y.Doc, id: string) =>
      ((findClauseElement(doc, id).el.get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(
        0,
      ) as Y.XmlText;
    firstText(neg.doc, 'p1').insert(0, 'Liever niet: ');
    await waitFor(() => firstText(neg.doc, 'p1').toJSON() === texts.p1, 5000, 'undone');

    for (const u of [w.users.negotiatorA, w.users.negotiatorB, w.tenants]) {
      const res = await call(suite.srv.url, 'PUT', api(w, `/consent-rounds/${roundId}/position`), {
        token: u.token,
        body: { position: 'agree' },
      });
      expect(res.status).toBe(200);
    }
    const decision = (
      await call<{ decisions: DecisionDto[] }>(suite.srv.url, 'GET', api(w, '/decisions'), {
        token: w.users.observer.token,
      })
    ).body.decisions.find((d) => d.roundId === roundId)!;
    for (const c of [fac, neg])
      for (const id of ['p1', 'p2']) {
        await waitFor(() => attr(c.doc, id, 'locked') === decision.id, 5000, `${id} locked`);
        expect(attr(c.doc, id, 'status')).toBe('agreed');
        expect(attr(c.doc, id, 'round')).toBeUndefined();
      }
  });

  it('GATE-1 GATE-2 the facilitator overrides the gate with a recorded reason; sockets follow within 1 s', async () => {
    const w = await gatedWorld();
    const neg = await openSocket(w.docs.agreement.room, w.users.negotiatorA);
    expect(await tryWrite(neg, `before-${randomUUID()}`)).toBe('read');
    const override = (u: TestUser, body: unknown) =>
      call<ProcessGateDto>(suite.srv.url, 'POST', api(w, '/process-gate/override'), {
        token: u.token,
        body,
      });
    expectError(await override(w.users.negotiatorA, { reason: 'haast' }), 403, 'forbidden');
    expectError(await override(w.users.outsider, { reason: 'haast' }), 404, 'not_found');
    expectFieldError(await override(w.users.facilitator, {}), 'reason');
    expect(await tryWrite(neg, `still-${randomUUID()}`)).toBe('read');
    const res = await override(w.users.facilitator, { reason: 'Wethouder wil voor de zomer' });
    const t0 = Date.now();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ open: true, processFirst: true, via: 'override' });
    expect(await writableWithin(neg, t0, 1000)).toBeLessThan(1000);
    expectError(await override(w.users.facilitator, { reason: 'nog eens' }), 409, 'conflict');
    const decisions = (
      await call<{ decisions: DecisionDto[] }>(suite.srv.url, 'GET', api(w, '/decisions'), {
        token: w.users.negotiatorB.token,
      })
    ).body.decisions;
    expect(decisions).toEqual([
      expect.objectContaining({
        id: res.body.decisionId,
        kind: 'gate-override',
        outcome: 'opened',
        reason: 'Wethouder wil voor de zomer',
        target: { kind: 'process', documentId: w.docs.process.id },
        actor: expect.objectContaining({ userId: w.users.facilitator.id }) as unknown,
      }),
    ]);
  });

  it('ACC-6 what a negotiator typed while the gate was closed is stored once it opens', async () => {
    const w = await gatedWorld();
    const neg = await suite.syncClient(w.docs.agreement.room, w.users.negotiatorA);
    const statuses: string[] = [];
    neg.provider.on('status', ({ status }: { status: string }) => statuses.push(status));
    const marker = `typed-while-closed-${randomUUID()}`;
    // A real y-websocket provider writes; the server refuses it (ACC-2) and stores nothing.
    neg.doc.getMap('probe').set('marker', marker);
    await new Promise((r) => setTimeout(r, 300));
    expect(storedAnywhere(suite.srv.dataDir, marker)).toBe(false);
    const res = await call(suite.srv.url, 'POST', api(w, '/process-gate/override'), {
      token: w.users.facilitator.token,
      body: { reason: 'We beginnen' },
    });
    expect(res.status).toBe(200);
    // The same connection, not a reconnect: the server asks for what it lacks.
    await waitFor(() => storedAnywhere(suite.srv.dataDir, marker), 5000, 'refused edit stored');
    const reader = await suite.syncClient(w.docs.agreement.room, w.users.negotiatorB);
    expect(reader.doc.getMap('probe').get('marker')).toBe(marker);
    expect(statuses).toEqual([]);
  });

  it('GATE-1 switching processFirst on and off re-checks open sockets at once', async () => {
    const w = await buildWorld(suite.srv.url);
    const neg = await openSocket(w.docs.agreement.room, w.users.negotiatorA);
    expect(await tryWrite(neg, `free-${randomUUID()}`)).toBe('write');
    const patch = (processFirst: boolean) =>
      call(suite.srv.url, 'PATCH', `/api/workspaces/${w.workspace.id}`, {
        token: w.users.facilitator.token,
        body: { processFirst },
      });
    await patch(true);
    let t0 = Date.now();
    let result: string | number = 'write';
    while (result === 'write' && Date.now() - t0 < 1000)
      result = await tryWrite(neg, `on-${randomUUID()}`);
    expect(result).toBe('read');
    expect(Date.now() - t0).toBeLessThan(1000);
    await patch(false);
    t0 = Date.now();
    expect(await writableWithin(neg, t0, 1000)).toBeLessThan(1000);
  });
});
