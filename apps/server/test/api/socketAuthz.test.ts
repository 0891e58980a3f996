import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeSyncStep2 } from '../../src/sync/wire';
import { waitFor } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { buildWorld, type World } from './helpers/http';
import {
  authDenials,
  closeAllSocks,
  openSock,
  outcome,
  received,
  storedAnywhere,
  textUpdate,
  tryWrite,
  updateFrame,
  type Sock,
} from './helpers/sockets';

/**
 * Sync authorization, role × document kind, through real sockets: who is refused (and with
 * which close code), who may write, and who only reads. Read-only and refused writes are sent
 * as raw y-protocols frames (no provider to hold them back) and must never be applied,
 * broadcast or stored.
 */

let srv: TestServer;
let world: World;

beforeAll(async () => {
  srv = await startTestServer({}, { realAuth: true });
  world = await buildWorld(srv.url);
});
afterAll(async () => {
  await srv?.stop();
});
afterEach(async () => {
  await closeAllSocks();
});

type Role = 'facilitator' | 'negotiatorA' | 'observer' | 'outsider' | 'anonymous' | 'badToken';
type DocKey = 'process' | 'agreement' | 'notesA' | 'notesB';
type Expect = 'write' | 'read' | 4401 | 4403;

const docLabel: Record<DocKey, string> = {
  process: 'process',
  agreement: 'agreement',
  notesA: "party A's notes",
  notesB: "party B's notes",
};

// negotiatorA belongs to party A: its notes are "own", party B's are "other party's".
const matrix: Record<Role, Record<DocKey, Expect>> = {
  facilitator: { process: 'write', agreement: 'write', notesA: 4403, notesB: 4403 },
  negotiatorA: { process: 'write', agreement: 'write', notesA: 'write', notesB: 4403 },
  observer: { process: 'read', agreement: 'read', notesA: 4403, notesB: 4403 },
  outsider: { process: 4403, agreement: 4403, notesA: 4403, notesB: 4403 },
  anonymous: { process: 4401, agreement: 4401, notesA: 4401, notesB: 4401 },
  badToken: { process: 4401, agreement: 4401, notesA: 4401, notesB: 4401 },
};

const tokenOf = (role: Role): string | undefined => {
  if (role === 'anonymous') return undefined;
  if (role === 'badToken') return 'not-a-real-session-token';
  return world.users[role].token;
};

/** Someone allowed to write in the room, to watch for (non-)broadcasts. */
const witnessOf = (doc: DocKey) =>
  doc === 'notesA'
    ? world.users.negotiatorA
    : doc === 'notesB'
      ? world.users.negotiatorB
      : world.users.facilitator;

async function witness(doc: DocKey): Promise<Sock> {
  const w = openSock(srv.wsUrl, world.docs[doc].room, { token: witnessOf(doc).token });
  expect(await outcome(w)).toBe('open');
  return w;
}

/** After the witness's own write has come back, any earlier accepted write would have too. */
async function barrier(w: Sock): Promise<string> {
  const marker = `barrier-${randomUUID()}`;
  expect(await tryWrite(w, marker)).toBe('write');
  return marker;
}

describe('sync authorization matrix (role × document)', () => {
  for (const [role, row] of Object.entries(matrix) as [Role, Record<DocKey, Expect>][]) {
    for (const [doc, expected] of Object.entries(row) as [DocKey, Expect][]) {
      it(`${role} × ${docLabel[doc]} → ${expected}`, async () => {
        const room = world.docs[doc].room;
        const marker = `${role}-${doc}-${randomUUID()}`;
        if (expected === 'write') {
          const s = openSock(srv.wsUrl, room, { token: tokenOf(role) });
          expect(await outcome(s)).toBe('open');
          const w =
            role === 'facilitator' || (role === 'negotiatorA' && doc === 'notesA')
              ? null
              : await witness(doc);
          expect(await tryWrite(s, marker)).toBe('write');
          expect(storedAnywhere(srv.dataDir, marker)).toBe(true);
          if (w) await waitReceived(w, marker);
          return;
        }
        const w = await witness(doc);
        let accepted: string;
        if (expected === 'read') {
          const s = openSock(srv.wsUrl, room, { token: tokenOf(role) });
          expect(await outcome(s)).toBe('open');
          // The reader still receives what others write.
          const seen = `seen-${randomUUID()}`;
          expect(await tryWrite(w, seen)).toBe('write');
          await waitReceived(s, seen);
          // Its own update, as a sync update and as a sync step 2: refused, told so, stays open.
          expect(await tryWrite(s, marker)).toBe('read');
          s.send(step2Of(`${marker}-step2`));
          await waitFor(() => authDenials(s).length === 2, 5000, 'second permission-denied');
          accepted = await barrier(w);
          expect(s.closeCode).toBeNull();
        } else {
          // A refused socket fires its update the moment it opens, before any close arrives.
          const s = openSock(srv.wsUrl, room, {
            token: tokenOf(role),
            onOpen: [updateFrame(marker), step2Of(`${marker}-step2`)],
          });
          expect(await outcome(s)).toBe(expected);
          accepted = await barrier(w);
        }
        // A late joiner gets the room's whole in-memory document: the refused content is not in it.
        const late = openSock(srv.wsUrl, room, { token: witnessOf(doc).token });
        expect(await outcome(late)).toBe('open');
        for (const m of [marker, `${marker}-step2`]) {
          expect(received(w, m), 'broadcast to others').toBe(false);
          expect(received(late, m), 'applied to the document').toBe(false);
          expect(storedAnywhere(srv.dataDir, m), 'stored').toBe(false);
        }
        // The check above does see content: the witness's accepted write is in the late joiner's state.
        expect(received(late, accepted)).toBe(true);
      });
    }
  }

  it('an unknown room is 4404 for a signed-in user and 4401 without credentials', async () => {
    const known = openSock(srv.wsUrl, 'r_doesnotexist', { token: world.users.facilitator.token });
    expect(await outcome(known)).toBe(4404);
    const anon = openSock(srv.wsUrl, 'r_doesnotexist');
    expect(await outcome(anon)).toBe(4401);
  });

  it("negotiator B is refused party A's notes and admitted to its own", async () => {
    const other = openSock(srv.wsUrl, world.docs.notesA.room, {
      token: world.users.negotiatorB.token,
    });
    expect(await outcome(other)).toBe(4403);
    const own = openSock(srv.wsUrl, world.docs.notesB.room, {
      token: world.users.negotiatorB.token,
    });
    expect(await outcome(own)).toBe('open');
    expect(await tryWrite(own, `b-${randomUUID()}`)).toBe('write');
  });

  it("a token for another workspace does not open this one's rooms, even with the room name known", async () => {
    // The outsider facilitates a workspace of their own: facilitator there, nobody here.
    const theirs = world.otherWorkspace.documents.find((d) => d.kind === 'process')!.room;
    const s1 = openSock(srv.wsUrl, theirs, { token: world.users.outsider.token });
    expect(await outcome(s1)).toBe('open');
    const s2 = openSock(srv.wsUrl, theirs, { token: world.users.facilitator.token });
    expect(await outcome(s2)).toBe(4403);
  });
});

function waitReceived(s: Sock, marker: string): Promise<void> {
  return waitFor(() => received(s, marker), 5000, `"${marker}" to arrive`);
}

/** Sync step 2 carrying content: the other way a client can push an update. */
const step2Of = (text: string): Uint8Array => encodeSyncStep2(textUpdate(text));
