import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  ChangesResponse,
  DocumentExport,
  WaitingOnResponse,
  type DocumentDto,
  type TextRun,
} from '@akkoord/domain';
import { connectClient, whenSynced, type Client } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/testServer';
import {
  clauseElement,
  findClauseElement,
  paragraphElement,
  themeSectionOf,
} from '../helpers/yElements';
import {
  buildWorld,
  call,
  expectError,
  join,
  register,
  type TestUser,
  type World,
} from './helpers/http';
import { readDb, writeDb } from './helpers/sockets';

/**
 * "Since your last visit" and "waiting on you" (issue #5) against a real server: real accounts,
 * a real SQLite file, documents changed by real y-websocket clients. Rules: SPEC.md SEEN-*, WAIT-*.
 */

let srv: TestServer;
let world: World;
const clients: Client[] = [];

beforeAll(async () => {
  srv = await startTestServer({}, { realAuth: true });
  world = await buildWorld(srv.url);
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await srv?.stop();
});

// ---------------------------------------------------------------------------------------------
// Writing documents the way any Yjs client could

async function connect(doc: DocumentDto, user: TestUser): Promise<Client> {
  const c = connectClient(srv.wsUrl, doc.room, { params: { token: user.token } });
  clients.push(c);
  await whenSynced(c);
  return c;
}

/** The Y.XmlText of the first paragraph of a clause's text. */
function clauseTextNode(doc: Y.Doc, id: string): Y.XmlText {
  const text = findClauseElement(doc, id).el.get(0) as Y.XmlElement;
  return (text.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** Waits until the server's state of the document (its JSON export) satisfies `pred`. */
async function serverState(
  doc: DocumentDto,
  user: TestUser,
  pred: (e: DocumentExport) => boolean,
  what: string,
): Promise<DocumentExport> {
  const start = Date.now();
  for (;;) {
    const res = await call(
      srv.url,
      'GET',
      `/api/workspaces/${world.workspace.id}/documents/${doc.id}/export`,
      {
        token: user.token,
      },
    );
    expect(res.status).toBe(200);
    const e = DocumentExport.parse(res.body);
    if (pred(e)) return e;
    if (Date.now() - start > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

// ---------------------------------------------------------------------------------------------
// API

const docPath = (doc: DocumentDto, what: 'changes' | 'seen', ws = world.workspace.id) =>
  `/api/workspaces/${ws}/documents/${doc.id}/${what}`;

async function changes(doc: DocumentDto, user: TestUser): Promise<ChangesResponse> {
  const res = await call(srv.url, 'GET', docPath(doc, 'changes'), { token: user.token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return ChangesResponse.parse(res.body);
}

async function markSeen(doc: DocumentDto, user: TestUser, body?: unknown): Promise<number> {
  const res = await call(srv.url, 'POST', docPath(doc, 'seen'), { token: user.token, body });
  return res.status;
}

const same = (text: string): TextRun => ({ op: 'same', text });
const ins = (text: string): TextRun => ({ op: 'ins', text });
const del = (text: string): TextRun => ({ op: 'del', text });

// ---------------------------------------------------------------------------------------------

describe('since your last visit', () => {
  it('SEEN-1 a first visit has no "since" and no changes, even with clauses in the document', async () => {
    const { agreement } = world.docs;
    const b = await connect(agreement, world.users.negotiatorB);
    const s = themeSectionOf(b.doc, 'beschikbaarheid');
    s.insert(s.length, [
      clauseElement({ id: 'c-eerste', owner: world.partyB.id, text: 'Eerste.' }),
    ]);
    await serverState(agreement, world.users.negotiatorB, (e) => e.clauses.length === 1, 'clause');

    const c = await changes(agreement, world.users.negotiatorA);
    expect(c).toMatchObject({ since: null, baseline: 'first-visit', changes: [] });
    expect(c.threads).toEqual({ opened: 0, resolved: 0 });
    expect(c.version).toMatch(/^[\w-]{22}$/);

    // Clean up for the next tests: the agreement starts empty again.
    s.delete(s.length - 1, 1);
    await serverState(agreement, world.users.negotiatorB, (e) => e.clauses.length === 0, 'empty');
  });

  it('SEEN-2 SEEN-3 lists exactly what another person added, changed, re-statused and removed; seen again empties it', async () => {
    const { agreement } = world.docs;
    const A = world.users.negotiatorA;
    const B = world.users.negotiatorB;
    const pa = world.partyA.id;
    const pb = world.partyB.id;
    const b = await connect(agreement, B);
    const s = themeSectionOf(b.doc, 'beschikbaarheid');
    s.insert(s.length, [
      clauseElement({
        id: 'c-bouw',
        owner: pa,
        text: 'De corporatie bouwt 120 sociale huurwoningen.',
        counterparts: [[pb, 'Levert grond.']],
      }),
      clauseElement({ id: 'c-weg', owner: pb, text: 'Deze afspraak vervalt.' }),
      clauseElement({ id: 'c-status', owner: pa, text: 'Geen huurverhoging boven inflatie.' }),
    ]);
    await serverState(agreement, B, (e) => e.clauses.length === 3, 'three clauses');

    expect(await markSeen(agreement, A)).toBe(204);
    const seen = await changes(agreement, A);
    expect(seen).toMatchObject({ baseline: 'snapshot', changes: [] });
    const since = Date.parse(seen.since!);
    expect(Math.abs(since - Date.now())).toBeLessThan(60_000);

    // B, through sync: add a clause, change a word, propose one, remove one.
    b.doc.transact(() => {
      const t = clauseTextNode(b.doc, 'c-bouw');
      const at = 'De corporatie bouwt '.length; // where "120" starts
      t.delete(at, 3);
      t.insert(at, '150');
      findClauseElement(b.doc, 'c-status').el.setAttribute('status', 'proposed');
      const gone = findClauseElement(b.doc, 'c-weg');
      gone.parent.delete(gone.index, 1);
      s.insert(s.length, [
        clauseElement({ id: 'c-nieuw', owner: pb, text: 'De gemeente versnelt de vergunningen.' }),
      ]);
    });
    const after = await serverState(
      agreement,
      B,
      (e) => e.clauses.map((c) => c.id).join() === 'c-bouw,c-status,c-nieuw',
      'the edits',
    );

    const c = await changes(agreement, A);
    expect(c.since).toBe(seen.since);
    expect(c.baseline).toBe('snapshot');
    expect(c.changes).toEqual([
      {
        kind: 'changed',
        clauseId: 'c-bouw',
        number: 'B-01',
        text: [
          same('De corporatie bouwt '),
          del('120'),
          ins('150'),
          same(' sociale huurwoningen.'),
        ],
        status: null,
        owner: null,
        theme: null,
        counterparts: [],
      },
      {
        kind: 'removed',
        clauseId: 'c-weg',
        number: 'B-02',
        clause: {
          id: 'c-weg',
          number: 'B-02',
          theme: 'beschikbaarheid',
          text: 'Deze afspraak vervalt.',
          owner: pb,
          counterparts: [],
          status: 'draft',
        },
      },
      {
        kind: 'changed',
        clauseId: 'c-status',
        number: 'B-02',
        text: null,
        status: { from: 'draft', to: 'proposed' },
        owner: null,
        theme: null,
        counterparts: [],
      },
      {
        kind: 'added',
        clauseId: 'c-nieuw',
        number: 'B-03',
        clause: {
          id: 'c-nieuw',
          number: 'B-03',
          theme: 'beschikbaarheid',
          text: 'De gemeente versnelt de vergunningen.',
          owner: pb,
          counterparts: [],
          status: 'draft',
        },
      },
    ]);
    expect(after.clauses).toHaveLength(3);

    // The changes are A's: B never marked anything, so B is still on a first visit.
    expect((await changes(agreement, B)).baseline).toBe('first-visit');

    expect(await markSeen(agreement, A)).toBe(204);
    const again = await changes(agreement, A);
    expect(again.changes).toEqual([]);
    expect(Date.parse(again.since!)).toBeGreaterThanOrEqual(since);
  });

  it('SEEN-2 reports owner and counterpart changes', async () => {
    const { agreement } = world.docs;
    const A = world.users.negotiatorA;
    const [pa, pb, pc] = world.workspace.parties.map((p) => p.id);
    const b = await connect(agreement, world.users.negotiatorB);
    expect(await markSeen(agreement, A)).toBe(204);

    b.doc.transact(() => {
      const { el } = findClauseElement(b.doc, 'c-status');
      el.setAttribute('owner', pb!);
      const cp = new Y.XmlElement('counterpart');
      cp.setAttribute('party', pc!);
      cp.insert(0, [paragraphElement('')]);
      el.insert(el.length, [cp]);
      const bouw = findClauseElement(b.doc, 'c-bouw').el;
      const grond = ((bouw.get(1) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      grond.insert(grond.length - 1, ' tegen een sociale grondprijs');
    });
    await serverState(
      agreement,
      A,
      (e) => e.clauses.find((c) => c.id === 'c-status')?.counterparts.length === 1,
      'owner and counterparts',
    );
    const c = await changes(agreement, A);
    expect(c.changes).toEqual([
      {
        kind: 'changed',
        clauseId: 'c-bouw',
        number: 'B-01',
        text: null,
        status: null,
        owner: null,
        theme: null,
        counterparts: [
          {
            kind: 'changed',
            party: pb,
            partyChange: null,
            commitment: [same('Levert grond'), ins(' tegen een sociale grondprijs'), same('.')],
            due: null,
          },
        ],
      },
      {
        kind: 'changed',
        clauseId: 'c-status',
        number: 'B-02',
        text: null,
        status: null,
        owner: { from: pa, to: pb },
        theme: null,
        counterparts: [{ kind: 'added', counterpart: { party: pc, commitment: '', due: null } }],
      },
    ]);
  });

  it('SEEN-4 has the document’s access: 404 for non-members and other parties’ notes, 401 without session', async () => {
    const { agreement, notesA, notesB } = world.docs;
    const u = world.users;
    for (const what of ['changes', 'seen'] as const) {
      const method = what === 'changes' ? 'GET' : 'POST';
      expectError(
        await call(srv.url, method, docPath(agreement, what), { token: u.outsider.token }),
        404,
      );
      expectError(
        await call(srv.url, method, docPath(notesA, what), { token: u.negotiatorB.token }),
        404,
      );
      expectError(
        await call(srv.url, method, docPath(notesB, what), { token: u.negotiatorA.token }),
        404,
      );
      expectError(
        await call(srv.url, method, docPath(notesA, what), { token: u.facilitator.token }),
        404,
      );
      expectError(
        await call(srv.url, method, docPath(notesA, what), { token: u.observer.token }),
        404,
      );
      expectError(await call(srv.url, method, docPath(agreement, what)), 401);
      // A document of this workspace under another workspace's id: no such document there.
      expectError(
        await call(srv.url, method, docPath(agreement, what, world.otherWorkspace.id), {
          token: u.outsider.token,
        }),
        404,
      );
      expectError(
        await call(
          srv.url,
          method,
          `/api/workspaces/${world.workspace.id}/documents/nope/${what}`,
          {
            token: u.facilitator.token,
          },
        ),
        404,
      );
    }
    // Party notes work for that party; observers may mark shared documents as seen.
    expect(await markSeen(notesA, u.negotiatorA)).toBe(204);
    expect((await changes(notesA, u.negotiatorA)).baseline).toBe('snapshot');
    expect(await markSeen(agreement, u.observer)).toBe(204);
    expect((await changes(agreement, u.observer)).baseline).toBe('snapshot');
    expect(await markSeen(world.docs.process, u.facilitator)).toBe(204);
  });

  it('SEEN-5 a stale version is refused with 409 and marks nothing; the current one is accepted', async () => {
    const { agreement } = world.docs;
    const A = world.users.negotiatorA;
    expect(await markSeen(agreement, A)).toBe(204);
    const loaded = await changes(agreement, A);

    const b = await connect(agreement, world.users.negotiatorB);
    const t = clauseTextNode(b.doc, 'c-status');
    t.insert(t.length, ' Ook in 2027.');
    await serverState(
      agreement,
      A,
      (e) => e.clauses.some((c) => c.text.endsWith('Ook in 2027.')),
      'the edit',
    );

    const stale = await call(srv.url, 'POST', docPath(agreement, 'seen'), {
      token: A.token,
      body: { version: loaded.version },
    });
    expectError(stale, 409, 'conflict');
    const now = await changes(agreement, A);
    expect(now.since).toBe(loaded.since);
    expect(now.changes.map((c) => c.clauseId)).toEqual(['c-status']);
    expect(now.version).not.toBe(loaded.version);

    expect(await markSeen(agreement, A, { version: now.version })).toBe(204);
    expect((await changes(agreement, A)).changes).toEqual([]);
    expectError(
      await call(srv.url, 'POST', docPath(agreement, 'seen'), {
        token: A.token,
        body: { version: 7 },
      }),
      400,
      'validation_failed',
    );
  });

  it('SEEN-6 stores the clauses as compact JSON; over 2 MiB only the moment is kept', async () => {
    const { process } = world.docs;
    const F = world.users.facilitator;
    expect(await markSeen(process, F)).toBe(204);
    const [row] = readDb<{ clauses: string | null }>(
      srv.dataDir,
      'SELECT clauses FROM document_visits WHERE user_id = ? AND document_id = ?',
      F.id,
      process.id,
    );
    expect(row!.clauses).toBe('[]');

    const p = await connect(process, F);
    const s = themeSectionOf(p.doc, 'verwachtingen');
    const big = 'lang '.repeat(450_000); // 2.25 MB of clause text
    s.insert(s.length, [clauseElement({ id: 'c-groot', text: big })]);
    await serverState(process, F, (e) => e.clauses.length === 1, 'the large clause');
    expect(await markSeen(process, F)).toBe(204);
    const [stored] = readDb<{ clauses: string | null; seen_at: number }>(
      srv.dataDir,
      'SELECT clauses, seen_at FROM document_visits WHERE user_id = ? AND document_id = ?',
      F.id,
      process.id,
    );
    expect(stored!.clauses).toBeNull();
    const c = await changes(process, F);
    expect(c).toMatchObject({ baseline: 'unavailable', changes: [] });
    expect(Date.parse(c.since!)).toBe(stored!.seen_at);

    // Back under the cap: stored again, and compact (no whitespace between JSON tokens).
    const el = findClauseElement(p.doc, 'c-groot');
    el.parent.delete(el.index, 1);
    s.insert(s.length, [clauseElement({ id: 'c-klein', text: 'Klein.' })]);
    await serverState(process, F, (e) => e.clauses[0]?.id === 'c-klein', 'the small clause');
    expect(await markSeen(process, F)).toBe(204);
    const [small] = readDb<{ clauses: string }>(
      srv.dataDir,
      'SELECT clauses FROM document_visits WHERE user_id = ? AND document_id = ?',
      F.id,
      process.id,
    );
    expect(small!.clauses).toBe(
      '[{"id":"c-klein","number":"PV-01","theme":"verwachtingen","text":"Klein.","owner":null,"counterparts":[],"status":"draft"}]',
    );
    const klein = findClauseElement(p.doc, 'c-klein');
    klein.parent.delete(klein.index, 1);
    await serverState(process, F, (e) => e.clauses.length === 0, 'empty process');
  });

  it('SEEN-7 counts threads opened and resolved since the visit that the caller may see', async () => {
    const { agreement } = world.docs;
    const A = world.users.negotiatorA;
    const B = world.users.negotiatorB;
    expect(await markSeen(agreement, A)).toBe(204);
    const since = Date.parse((await changes(agreement, A)).since!);
    const ws = world.workspace.id;
    // Older thread resolved now; a new shared one; a new internal one of party B (not A's).
    addThread({
      ws,
      doc: agreement.id,
      by: B.id,
      createdAt: since - 10_000,
      resolvedAt: since + 5,
    });
    addThread({ ws, doc: agreement.id, by: B.id, createdAt: since + 10 });
    addThread({ ws, doc: agreement.id, by: B.id, createdAt: since + 20, party: world.partyB.id });
    addThread({ ws, doc: world.docs.process.id, by: B.id, createdAt: since + 30 });

    expect((await changes(agreement, A)).threads).toEqual({ opened: 1, resolved: 1 });
    expect(await markSeen(agreement, B)).toBe(204);
    // B sees its own party's internal thread, but only once B marked the document seen before it.
    writeDb(srv.dataDir, 'UPDATE document_visits SET seen_at = ? WHERE user_id = ?', since, B.id);
    expect((await changes(agreement, B)).threads).toEqual({ opened: 2, resolved: 1 });
  });
});

// ---------------------------------------------------------------------------------------------
// Comment threads, written straight into the comment tables (migration 4).

function addThread(t: {
  ws: string;
  doc: string;
  by: string;
  createdAt: number;
  resolvedAt?: number;
  party?: string;
  clauseId?: string;
  comments?: { by: string; mentions?: string[]; deleted?: boolean }[];
}): string {
  const id = `t-${randomUUID()}`;
  writeDb(
    srv.dataDir,
    `INSERT INTO comment_threads (id, workspace_id, document_id, visibility, party_id, clause_id,
       status, created_by, created_at, resolved_by, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    id,
    t.ws,
    t.doc,
    t.party ? 'party' : 'shared',
    t.party ?? null,
    t.clauseId ?? null,
    t.resolvedAt ? 'resolved' : 'open',
    t.by,
    t.createdAt,
    t.resolvedAt ? t.by : null,
    t.resolvedAt ?? null,
  );
  const comments = t.comments ?? [{ by: t.by }];
  comments.forEach((c, i) =>
    writeDb(
      srv.dataDir,
      `INSERT INTO comments (id, thread_id, author_id, body, mentions, created_at, deleted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      `k-${randomUUID()}`,
      id,
      c.by,
      c.deleted ? '' : 'Wat vinden jullie?',
      JSON.stringify(c.mentions ?? []),
      t.createdAt + i,
      c.deleted ? t.createdAt + i : null,
    ),
  );
  return id;
}

describe('waiting on you', () => {
  let w: World;
  let agreementClient: Client;
  /** A second negotiator of party A. */
  let colleague: TestUser;

  const waiting = async (user: TestUser, ws = w.workspace.id) => {
    const res = await call(srv.url, 'GET', `/api/workspaces/${ws}/waiting-on`, {
      token: user.token,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return WaitingOnResponse.parse(res.body);
  };
  const clausesOf = (r: WaitingOnResponse) =>
    Object.fromEntries(r.parties.map((p) => [p.partyId, p.clauses.map((c) => c.clauseId)]));
  const threadsOf = (r: WaitingOnResponse) =>
    Object.fromEntries(
      r.parties.map((p) => [p.partyId, p.threads.map((t) => `${t.threadId}:${t.reason}`)]),
    );

  beforeAll(async () => {
    w = await buildWorld(srv.url);
    colleague = await register(srv.url, 'Collega A');
    await join(
      srv.url,
      w.users.facilitator.token,
      w.workspace.id,
      colleague,
      'negotiator',
      w.partyA.id,
    );
    const [pa, pb, pc] = w.workspace.parties.map((p) => p.id) as [string, string, string];
    const agreementDoc = w.workspace.documents.find((d) => d.kind === 'agreement')!;
    const processDoc = w.workspace.documents.find((d) => d.kind === 'process')!;
    const connectW = async (doc: DocumentDto) => {
      const c = connectClient(srv.wsUrl, doc.room, {
        params: { token: w.users.facilitator.token },
      });
      await whenSynced(c);
      return c;
    };
    agreementClient = await connectW(agreementDoc);
    const processClient = await connectW(processDoc);
    const s = themeSectionOf(agreementClient.doc, 'betaalbaarheid');
    s.insert(s.length, [
      clauseElement({
        id: 'w-huur',
        owner: pa,
        status: 'proposed',
        text: 'De huur stijgt niet meer dan de inflatie.',
        counterparts: [
          [pb, ''],
          [pc, 'Legt het uit aan de achterban.'],
        ],
      }),
      clauseElement({
        id: 'w-ingetrokken',
        owner: pa,
        status: 'withdrawn',
        text: 'Oud.',
        counterparts: [[pb, '']],
      }),
      clauseElement({ id: 'w-eigen', owner: pb, text: 'Eigen.', counterparts: [[pb, '']] }),
    ]);
    const ps = themeSectionOf(processClient.doc, 'vergaderafspraken');
    ps.insert(ps.length, [
      clauseElement({
        id: 'w-proces',
        owner: pb,
        text: 'We vergaderen elke maand.',
        counterparts: [[pa, '  ']],
      }),
    ]);
    const exported = async (doc: DocumentDto, n: number) => {
      const start = Date.now();
      for (;;) {
        const res = await call(
          srv.url,
          'GET',
          `/api/workspaces/${w.workspace.id}/documents/${doc.id}/export`,
          {
            token: w.users.facilitator.token,
          },
        );
        if (DocumentExport.parse(res.body).clauses.length === n) return;
        if (Date.now() - start > 10_000) throw new Error('timed out waiting for clauses');
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    await Promise.all([exported(agreementDoc, 3), exported(processDoc, 1)]);
    processClient.destroy();
  });
  afterAll(() => agreementClient?.destroy());

  it('WAIT-1 lists per party the clauses where its counterpart commitment is still empty', async () => {
    const [pa, pb, pc] = w.workspace.parties.map((p) => p.id) as [string, string, string];
    const r = await waiting(w.users.facilitator);
    expect(clausesOf(r)).toEqual({ [pa]: ['w-proces'], [pb]: ['w-huur'], [pc]: [] });
    const agreementId = w.workspace.documents.find((d) => d.kind === 'agreement')!.id;
    expect(r.parties.find((p) => p.partyId === pb)!.clauses).toEqual([
      {
        documentId: agreementId,
        documentKind: 'agreement',
        clauseId: 'w-huur',
        number: 'H-01',
        reason: 'empty-commitment',
        excerpt: 'De huur stijgt niet meer dan de inflatie.',
      },
    ]);
    // A commitment written by the party takes the clause off its list.
    const el = findClauseElement(agreementClient.doc, 'w-huur').el;
    const cp = el.get(1) as Y.XmlElement;
    (cp.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('Denkt mee.')]);
    const start = Date.now();
    while (clausesOf(await waiting(w.users.facilitator))[pb]!.length > 0) {
      if (Date.now() - start > 10_000) throw new Error('still waiting on pb');
      await new Promise((res) => setTimeout(res, 25));
    }
    (cp.get(0) as Y.XmlElement).delete(0, 1);
    while (clausesOf(await waiting(w.users.facilitator))[pb]!.length === 0) {
      if (Date.now() - start > 10_000) throw new Error('not waiting on pb again');
      await new Promise((res) => setTimeout(res, 25));
    }
  });

  it('WAIT-2 every member sees every party, their own first; non-members 404, no session 401', async () => {
    const ids = w.workspace.parties.map((p) => p.id);
    const fac = await waiting(w.users.facilitator);
    expect(fac.viewerPartyId).toBeNull();
    expect(fac.parties.map((p) => p.partyId)).toEqual(ids);
    const b = await waiting(w.users.negotiatorB);
    expect(b.viewerPartyId).toBe(w.partyB.id);
    expect(b.parties.map((p) => p.partyId)).toEqual([ids[1], ids[0], ids[2]]);
    expect(clausesOf(b)).toEqual(clausesOf(fac));
    expect((await waiting(w.users.observer)).parties).toEqual(fac.parties);
    expectError(
      await call(srv.url, 'GET', `/api/workspaces/${w.workspace.id}/waiting-on`, {
        token: w.users.outsider.token,
      }),
      404,
    );
    expectError(await call(srv.url, 'GET', `/api/workspaces/${w.workspace.id}/waiting-on`), 401);
    expect((await waiting(w.users.outsider, w.otherWorkspace.id)).parties).toHaveLength(3);
  });

  it('WAIT-3 threads that mention a party’s members or await its answer; internal ones only for that party', async () => {
    const [pa, pb, pc] = w.workspace.parties.map((p) => p.id) as [string, string, string];
    const agreementId = w.workspace.documents.find((d) => d.kind === 'agreement')!.id;
    const u = w.users;
    const now = Date.now();
    // On w-huur (owner A, counterparts B and C): the facilitator asks B by name.
    const asked = addThread({
      ws: w.workspace.id,
      doc: agreementId,
      by: u.facilitator.id,
      createdAt: now,
      clauseId: 'w-huur',
      comments: [{ by: u.facilitator.id, mentions: [u.negotiatorB.id] }],
    });
    // A answered last on its own clause: waits on B and C, not on A.
    const answered = addThread({
      ws: w.workspace.id,
      doc: agreementId,
      by: u.negotiatorB.id,
      createdAt: now + 1,
      clauseId: 'w-huur',
      comments: [{ by: u.negotiatorB.id }, { by: u.negotiatorA.id }],
    });
    // Party A's internal thread: a colleague asks A's negotiator.
    const internal = addThread({
      ws: w.workspace.id,
      doc: agreementId,
      by: colleague.id,
      createdAt: now + 2,
      party: pa,
      comments: [{ by: colleague.id, mentions: [u.negotiatorA.id] }],
    });
    // A mention that was answered, and a self-mention: neither waits.
    addThread({
      ws: w.workspace.id,
      doc: agreementId,
      by: u.facilitator.id,
      createdAt: now + 6,
      comments: [
        { by: u.facilitator.id, mentions: [u.negotiatorB.id] },
        { by: u.negotiatorB.id, mentions: [u.negotiatorB.id] },
      ],
    });
    // Resolved, and a mention only in a deleted comment: neither waits.
    addThread({
      ws: w.workspace.id,
      doc: agreementId,
      by: u.negotiatorA.id,
      createdAt: now + 3,
      resolvedAt: now + 4,
      comments: [{ by: u.negotiatorA.id, mentions: [u.negotiatorB.id] }],
    });
    addThread({
      ws: w.workspace.id,
      doc: agreementId,
      by: u.negotiatorA.id,
      createdAt: now + 5,
      comments: [{ by: u.negotiatorA.id, mentions: [u.negotiatorB.id], deleted: true }],
    });

    const fac = await waiting(u.facilitator);
    expect(fac.threadsIncluded).toBe(true);
    expect(threadsOf(fac)).toEqual({
      [pa]: [`${asked}:awaiting-answer`],
      [pb]: [`${asked}:mentioned`, `${answered}:awaiting-answer`],
      [pc]: [`${asked}:awaiting-answer`, `${answered}:awaiting-answer`],
    });
    const a = await waiting(u.negotiatorA);
    expect(threadsOf(a)).toEqual({
      ...threadsOf(fac),
      [pa]: [`${asked}:awaiting-answer`, `${internal}:mentioned`],
    });
    expect(threadsOf(await waiting(colleague))).toEqual(threadsOf(a));
    const b = await waiting(u.negotiatorB);
    expect(threadsOf(b)).toEqual(threadsOf(fac));
    expect(b.parties.find((p) => p.partyId === pb)!.threads[0]).toEqual({
      threadId: asked,
      documentId: agreementId,
      clauseId: 'w-huur',
      number: 'H-01',
      reason: 'mentioned',
    });
  });
});
