import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, waitFor, whenSynced, type Client } from '../helpers/clients';
import { rawAwarenessUpdate } from '../helpers/frames';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { buildWorld, type World } from './helpers/http';
import { awarenessFrame, closeAllSocks, openSock, outcome } from './helpers/sockets';

/**
 * Presence is bound to the connection's user: whatever a client puts in `user`, others see
 * the server-known identity, and no connection can change or remove another one's state.
 */

let srv: TestServer;
let world: World;
const clients: Client[] = [];

beforeAll(async () => {
  srv = await startTestServer({}, { realAuth: true });
  world = await buildWorld(srv.url);
});
afterAll(async () => {
  await srv?.stop();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await closeAllSocks();
});

function provider(role: keyof World['users'], room = world.docs.process.room): Client {
  const c = connectClient(srv.wsUrl, room, { params: { token: world.users[role].token } });
  clients.push(c);
  return c;
}

interface SeenUser {
  userId?: string;
  name?: string;
  role?: string;
  partyId?: string | null;
  partyName?: string | null;
  color?: string;
}
const stateOf = (viewer: Client, clientId: number) =>
  viewer.provider.awareness.getStates().get(clientId) as
    { user?: SeenUser; cursor?: string } | undefined;

describe('awareness bound to the user', () => {
  it('a negotiator claiming to be someone else appears to others under their own name and party', async () => {
    const fac = provider('facilitator');
    const neg = provider('negotiatorA');
    await Promise.all([whenSynced(fac), whenSynced(neg)]);
    neg.provider.awareness.setLocalState({
      user: { name: 'Someone else', partyId: 'x', role: 'facilitator', color: '#000000' },
      cursor: 'c1',
    });

    await waitFor(
      () => stateOf(fac, neg.doc.clientID)?.cursor === 'c1',
      5000,
      'negotiator presence at facilitator',
    );
    const seen = stateOf(fac, neg.doc.clientID)!.user!;
    expect(seen).toMatchObject({
      userId: world.users.negotiatorA.id,
      name: 'negotiatorA',
      role: 'negotiator',
      partyId: world.partyA.id,
      partyName: world.partyA.name,
      color: world.partyA.color,
    });
    expect(JSON.stringify(stateOf(fac, neg.doc.clientID))).not.toContain('Someone else');
  });

  it('an observer and a facilitator are shown with their real roles too, even without a user field', async () => {
    const neg = provider('negotiatorA');
    const obs = provider('observer');
    const fac = provider('facilitator');
    await Promise.all([whenSynced(neg), whenSynced(obs), whenSynced(fac)]);
    obs.provider.awareness.setLocalState({ cursor: 'o' });
    fac.provider.awareness.setLocalState({
      cursor: 'f',
      user: { name: 'Negotiator A', partyId: world.partyA.id },
    });
    await waitFor(
      () =>
        stateOf(neg, obs.doc.clientID)?.cursor === 'o' &&
        stateOf(neg, fac.doc.clientID)?.cursor === 'f',
      5000,
      'presence of observer and facilitator',
    );
    expect(stateOf(neg, obs.doc.clientID)!.user).toMatchObject({
      name: 'observer',
      role: 'observer',
      partyId: null,
    });
    expect(stateOf(neg, fac.doc.clientID)!.user).toMatchObject({
      name: 'facilitator',
      role: 'facilitator',
      partyId: null,
    });
  });

  it("a raw client cannot update or remove another connection's awareness client id", async () => {
    const fac = provider('facilitator');
    const neg = provider('negotiatorA');
    await Promise.all([whenSynced(fac), whenSynced(neg)]);
    neg.provider.awareness.setLocalState({ cursor: 'real' });
    const victim = neg.doc.clientID;
    await waitFor(() => stateOf(fac, victim)?.cursor === 'real', 5000, 'victim presence');

    const attacker = openSock(srv.wsUrl, world.docs.process.room, {
      token: world.users.negotiatorB.token,
    });
    expect(await outcome(attacker)).toBe('open');
    const big = 1_000_000;
    // Overwrite, then remove, the victim's state; then the same mixed into an update with its own id.
    attacker.send(
      awarenessFrame(
        rawAwarenessUpdate([
          {
            clientId: victim,
            clock: big,
            json: JSON.stringify({ cursor: 'spoofed', user: { name: 'evil' } }),
          },
        ]),
      ),
    );
    attacker.send(
      awarenessFrame(rawAwarenessUpdate([{ clientId: victim, clock: big + 1, json: 'null' }])),
    );
    attacker.send(
      awarenessFrame(
        rawAwarenessUpdate([
          { clientId: 5151, clock: 1, json: JSON.stringify({ cursor: 'mixed' }) },
          { clientId: victim, clock: big + 2, json: 'null' },
        ]),
      ),
    );
    // Its own id is fine, and shows the attacker's real identity. Frames are handled in order,
    // so once this one is visible the earlier ones have been dealt with.
    attacker.send(
      awarenessFrame(
        rawAwarenessUpdate([
          {
            clientId: 4242,
            clock: 1,
            json: JSON.stringify({ cursor: 'own', user: { name: 'negotiatorA' } }),
          },
        ]),
      ),
    );
    await waitFor(() => stateOf(fac, 4242)?.cursor === 'own', 5000, "attacker's own presence");
    expect(stateOf(fac, 4242)!.user).toMatchObject({
      name: 'negotiatorB',
      partyId: world.partyB.id,
    });

    expect(attacker.closeCode).toBeNull();
    expect(stateOf(fac, victim)).toMatchObject({
      cursor: 'real',
      user: { name: 'negotiatorA', partyId: world.partyA.id },
    });
    expect(stateOf(neg, victim)?.cursor).toBe('real');
    expect(fac.provider.awareness.meta.get(victim)!.clock).toBeLessThan(big);
    // The victim keeps control of its own state.
    neg.provider.awareness.setLocalState({ cursor: 'still mine' });
    await waitFor(
      () => stateOf(fac, victim)?.cursor === 'still mine',
      5000,
      'victim update after the attack',
    );
  });

  it("a connection whose socket closes takes its presence along, and no one else's", async () => {
    const fac = provider('facilitator');
    const neg = provider('negotiatorA');
    const obs = provider('observer');
    await Promise.all([whenSynced(fac), whenSynced(neg), whenSynced(obs)]);
    neg.provider.awareness.setLocalState({ cursor: 'n' });
    obs.provider.awareness.setLocalState({ cursor: 'o' });
    await waitFor(
      () =>
        stateOf(fac, neg.doc.clientID)?.cursor === 'n' &&
        stateOf(fac, obs.doc.clientID)?.cursor === 'o',
      5000,
      'both present',
    );
    neg.provider.disconnect();
    await waitFor(
      () => stateOf(fac, neg.doc.clientID) === undefined,
      5000,
      'negotiator presence removed',
    );
    expect(stateOf(fac, obs.doc.clientID)?.cursor).toBe('o');
  });
});
