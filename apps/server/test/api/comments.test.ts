import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  anchorFromRange,
  resolveAnchor,
  textInRange,
  type AnchorRange,
  type CommentDto,
  type DocumentDto,
  type ThreadDto,
  type ThreadEventData,
} from '@akkoord/domain';
import { fragmentToDoc } from '@akkoord/domain/tiptap';
import type { NotificationEvent, Notifier } from '../../src/notifications/Notifier';
import { connectClient, waitFor, whenSynced, type Client } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { clauseElement, themeSectionOf } from '../helpers/yElements';
import { openEventStream, type EventStreamClient } from './helpers/eventStream';
import {
  buildWorld,
  call,
  createWorkspace,
  expectError,
  expectFieldError,
  join,
  PASSWORD,
  register,
  sessionCookie,
  type ApiResponse,
  type TestUser,
  type World,
} from './helpers/http';
import { readDb, storedAnywhere } from './helpers/sockets';

/**
 * Comment threads (SPEC.md CMT-*) against a real server: real SQLite file, real HTTP on port 0,
 * real y-websocket clients writing the documents, real event streams. The notifier is the
 * seam's recording implementation (what the notifications module would receive).
 */

let srv: TestServer;
let world: World;
/** A second negotiator of party A (the corporation), and the tenants' negotiator. */
let corp2: TestUser;
let hurd: TestUser;
const notified: NotificationEvent[] = [];
const recorder: Notifier = { notify: (events) => void notified.push(...events) };
const clients: Client[] = [];
const streams: EventStreamClient[] = [];

beforeAll(async () => {
  srv = await startTestServer({}, { realAuth: true, notifier: recorder, eventHeartbeatMs: 300 });
  world = await buildWorld(srv.url);
  [corp2, hurd] = await Promise.all([register(srv.url, 'Corinne'), register(srv.url, 'Henk')]);
  const tenants = world.workspace.parties.find((p) => p.kind === 'tenants')!;
  await join(srv.url, fac().token, world.workspace.id, corp2, 'negotiator', world.partyA.id);
  await join(srv.url, fac().token, world.workspace.id, hurd, 'negotiator', tenants.id);
});
afterAll(async () => {
  for (const s of streams.splice(0)) s.close();
  for (const c of clients.splice(0)) c.destroy();
  await srv?.stop();
});

const fac = () => world.users.facilitator;
const corp = () => world.users.negotiatorA;
const gem = () => world.users.negotiatorB;
const obs = () => world.users.observer;
const outsider = () => world.users.outsider;
const wsId = () => world.workspace.id;
const agreement = () => world.docs.agreement;

const threadsPath = (doc: DocumentDto, ws = wsId()) =>
  `/api/workspaces/${ws}/documents/${doc.id}/threads`;
const threadPath = (id: string, ws = wsId()) => `/api/workspaces/${ws}/threads/${id}`;

type ThreadRes = ApiResponse<{ thread: ThreadDto } & Record<string, unknown>>;

async function newThread(
  user: TestUser,
  body: Record<string, unknown>,
  doc: DocumentDto = agreement(),
): Promise<ThreadDto> {
  const res: ThreadRes = await call(srv.url, 'POST', threadsPath(doc), { token: user.token, body });
  if (res.status !== 201)
    throw new Error(`create thread: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.thread;
}

async function listThreads(user: TestUser, doc: DocumentDto = agreement(), query = '') {
  return call<{ threads: ThreadDto[] }>(srv.url, 'GET', threadsPath(doc) + query, {
    token: user.token,
  });
}

const getThread = (user: TestUser, id: string, ws = wsId()): Promise<ThreadRes> =>
  call(srv.url, 'GET', threadPath(id, ws), { token: user.token });

const reply = (user: TestUser, id: string, body: unknown) =>
  call<{ comment: CommentDto }>(srv.url, 'POST', `${threadPath(id)}/comments`, {
    token: user.token,
    body,
  });

const setStatus = (user: TestUser, id: string, action: 'resolve' | 'reopen'): Promise<ThreadRes> =>
  call(srv.url, 'POST', `${threadPath(id)}/${action}`, { token: user.token });

const commentPath = (threadId: string, commentId: string) =>
  `${threadPath(threadId)}/comments/${commentId}`;

async function stream(user: TestUser): Promise<EventStreamClient> {
  const s = await openEventStream(srv.url, wsId(), { token: user.token });
  streams.push(s);
  expect(s.status).toBe(200);
  return s;
}

const threadEvents = (s: EventStreamClient) => s.data<ThreadEventData>('thread');

// ---------------------------------------------------------------------------------------------
// Documents written by real sync clients

async function syncClient(room: string, user: TestUser): Promise<Client> {
  const c = connectClient(srv.wsUrl, room, { params: { token: user.token } });
  clients.push(c);
  await whenSynced(c);
  return c;
}

/** The range of the first occurrence of `text`, in the editor's positions. */
function rangeOf(doc: Y.Doc, text: string): AnchorRange {
  let found: AnchorRange | null = null;
  fragmentToDoc(doc).descendants((node, pos) => {
    if (found || !node.isText) return !found;
    const i = node.text!.indexOf(text);
    if (i >= 0) found = { from: pos + i, to: pos + i + text.length };
    return false;
  });
  if (!found) throw new Error(`"${text}" not in the document`);
  return found;
}

/** Adds a clause through a sync client and waits until the server has stored it. */
async function addClause(c: Client, theme: string, id: string, text: string): Promise<void> {
  const s = themeSectionOf(c.doc, theme);
  s.insert(s.length, [clauseElement({ id, text })]);
  await waitFor(
    () => storedAnywhere(srv.dataDir, text),
    10_000,
    `clause ${id} stored on the server`,
  );
}

function removeClause(c: Client, theme: string, id: string): void {
  const s = themeSectionOf(c.doc, theme);
  const i = s.toArray().findIndex((n) => n instanceof Y.XmlElement && n.getAttribute('id') === id);
  s.delete(i, 1);
}

/** Polls the thread until `pred` holds (the server's document follows the clients'). */
async function threadUntil(
  user: TestUser,
  id: string,
  pred: (t: ThreadDto) => boolean,
  what: string,
): Promise<ThreadDto> {
  const start = Date.now();
  for (;;) {
    const res = await getThread(user, id);
    expect(res.status).toBe(200);
    if (pred(res.body.thread)) return res.body.thread;
    if (Date.now() - start > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

// =============================================================================================

describe('threads and comments: happy paths', () => {
  it('CMT-3 starts a shared thread on a clause, lists it, answers its permalink, takes replies', async () => {
    const c = await syncClient(agreement().room, corp());
    await addClause(c, 'beschikbaarheid', 'c-happy', 'Woonstede bouwt 80 woningen.');
    const created = await newThread(corp(), {
      clauseId: 'c-happy',
      body: '  Waarom niet 100?  ',
    });
    expect(created).toMatchObject({
      workspaceId: wsId(),
      documentId: agreement().id,
      visibility: 'shared',
      partyId: null,
      clauseId: 'c-happy',
      anchor: null,
      quote: 'Woonstede bouwt 80 woningen.',
      status: 'open',
      createdBy: corp().id,
      resolvedBy: null,
      resolvedAt: null,
      detached: false,
    });
    expect(created.comments).toEqual([
      expect.objectContaining({
        authorId: corp().id,
        authorName: 'negotiatorA',
        body: 'Waarom niet 100?',
        mentions: [],
        editedAt: null,
        deletedAt: null,
      }),
    ]);

    const r = await reply(gem(), created.id, { body: 'De grond is er niet.' });
    expect(r.status).toBe(201);
    expect(r.body.comment).toMatchObject({ threadId: created.id, authorId: gem().id });

    const list = await listThreads(hurd);
    expect(list.status).toBe(200);
    const listed = list.body.threads.find((t) => t.id === created.id)!;
    expect(listed.comments.map((x) => x.body)).toEqual([
      'Waarom niet 100?',
      'De grond is er niet.',
    ]);

    const permalink = await getThread(obs(), created.id);
    expect(permalink.status).toBe(200);
    expect(permalink.body.thread).toEqual(listed);
  });

  it('CMT-3 edits and soft-deletes own comments: the place stays, the text is gone everywhere', async () => {
    const t = await newThread(corp(), { clauseId: 'c-happy', body: 'Eerste versie.' });
    const first = t.comments[0]!;
    const later = await reply(gem(), t.id, { body: 'Antwoord blijft staan.' });

    const edited = await call<{ comment: CommentDto }>(
      srv.url,
      'PATCH',
      commentPath(t.id, first.id),
      {
        token: corp().token,
        body: { body: 'Tweede versie.' },
      },
    );
    expect(edited.status).toBe(200);
    expect(edited.body.comment.body).toBe('Tweede versie.');
    expect(edited.body.comment.editedAt).toEqual(expect.any(Number));

    const secret = `weg-${randomUUID()}`;
    await call(srv.url, 'PATCH', commentPath(t.id, first.id), {
      token: corp().token,
      body: { body: secret },
    });
    const del = await call(srv.url, 'DELETE', commentPath(t.id, first.id), { token: corp().token });
    expect(del.status).toBe(204);

    const after = (await getThread(gem(), t.id)).body.thread;
    expect(after.comments.map((x) => x.id)).toEqual([first.id, later.body.comment.id]);
    expect(after.comments[0]).toMatchObject({
      body: null,
      mentions: [],
      deletedAt: expect.any(Number) as number,
    });
    expect(after.comments[1]!.body).toBe('Antwoord blijft staan.');
    const listed = await listThreads(gem());
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    // Removed from storage, not only hidden.
    const rows = readDb<{ body: string; deleted_at: number | null }>(
      srv.dataDir,
      'SELECT body, deleted_at FROM comments WHERE id = ?',
      first.id,
    );
    expect(rows).toEqual([{ body: '', deleted_at: expect.any(Number) as number }]);

    // Deleting again changes nothing; editing a deleted comment is a conflict.
    expect(
      (await call(srv.url, 'DELETE', commentPath(t.id, first.id), { token: corp().token })).status,
    ).toBe(204);
    expectError(
      await call(srv.url, 'PATCH', commentPath(t.id, first.id), {
        token: corp().token,
        body: { body: 'terug' },
      }),
      409,
      'conflict',
    );
  });

  it('CMT-3 refuses changes to someone else’s comment with 403, also from the facilitator', async () => {
    const t = await newThread(corp(), { clauseId: 'c-happy', body: 'Van mij.' });
    const id = t.comments[0]!.id;
    for (const u of [gem(), fac(), corp2]) {
      expectError(
        await call(srv.url, 'PATCH', commentPath(t.id, id), {
          token: u.token,
          body: { body: 'overschreven' },
        }),
        403,
        'forbidden',
      );
      expectError(
        await call(srv.url, 'DELETE', commentPath(t.id, id), { token: u.token }),
        403,
        'forbidden',
      );
    }
    expect((await getThread(corp(), t.id)).body.thread.comments[0]!.body).toBe('Van mij.');
    expectError(
      await call(srv.url, 'PATCH', commentPath(t.id, 'm_nope'), {
        token: corp().token,
        body: { body: 'x' },
      }),
      404,
      'not_found',
    );
  });

  it('CMT-4 resolves and reopens (idempotently), and lists by status', async () => {
    const t = await newThread(corp(), { clauseId: 'c-happy', body: 'Afronden?' });
    const resolved = await setStatus(gem(), t.id, 'resolve');
    expect(resolved.status).toBe(200);
    expect(resolved.body.thread).toMatchObject({
      status: 'resolved',
      resolvedBy: gem().id,
      resolvedAt: expect.any(Number) as number,
    });
    const again = await setStatus(corp(), t.id, 'resolve');
    expect(again.status).toBe(200);
    expect(again.body.thread.resolvedBy).toBe(gem().id);

    const open = await listThreads(corp(), agreement(), '?status=open');
    const done = await listThreads(corp(), agreement(), '?status=resolved');
    expect(open.body.threads.map((x) => x.id)).not.toContain(t.id);
    expect(done.body.threads.map((x) => x.id)).toContain(t.id);
    expect(done.body.threads.every((x) => x.status === 'resolved')).toBe(true);

    // A reply on a resolved thread is allowed and does not reopen it.
    expect((await reply(hurd, t.id, { body: 'Nog één ding.' })).status).toBe(201);
    expect((await getThread(corp(), t.id)).body.thread.status).toBe('resolved');

    const reopened = await setStatus(fac(), t.id, 'reopen');
    expect(reopened.body.thread).toMatchObject({
      status: 'open',
      resolvedBy: null,
      resolvedAt: null,
    });
  });

  it('CMT-2 a thread on party notes is internal to the party; asking for shared there is refused', async () => {
    // Anchored to nothing: refused like anywhere else.
    expectFieldError(
      await call(srv.url, 'POST', threadsPath(world.docs.notesA), {
        token: corp().token,
        body: { body: 'x' },
      }),
      'anchor',
    );
    const c = await syncClient(world.docs.notesA.room, corp());
    const p = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    text.insert(0, 'Onze ondergrens is 90 woningen.');
    p.insert(0, [text]);
    c.doc.getXmlFragment('default').insert(0, [p]);
    await waitFor(() => storedAnywhere(srv.dataDir, 'Onze ondergrens'), 10_000, 'notes stored');
    const anchor = anchorFromRange(c.doc, rangeOf(c.doc, '90 woningen'));
    const notes = await newThread(corp(), { anchor, body: 'Niet zeggen!' }, world.docs.notesA);
    expect(notes).toMatchObject({
      visibility: 'party',
      partyId: world.partyA.id,
      quote: '90 woningen',
    });
    expectFieldError(
      await call(srv.url, 'POST', threadsPath(world.docs.notesA), {
        token: corp().token,
        body: { anchor, body: 'x', visibility: 'shared' },
      }),
      'visibility',
    );
    expect((await getThread(corp2, notes.id)).status).toBe(200);
    for (const u of [gem(), fac(), obs()]) {
      expectError(await getThread(u, notes.id), 404, 'not_found');
      expectError(await listThreads(u, world.docs.notesA), 404, 'not_found');
    }
  });
});

// =============================================================================================

describe('visibility matrix (exact statuses)', () => {
  type Who = 'corporation' | 'municipality' | 'tenants' | 'facilitator' | 'observer' | 'outsider';
  const who: Record<Who, () => TestUser> = {
    corporation: corp,
    municipality: gem,
    tenants: () => hurd,
    facilitator: fac,
    observer: obs,
    outsider,
  };
  const threads: Record<'shared' | 'party', ThreadDto> = {} as never;

  beforeAll(async () => {
    threads.shared = await newThread(corp(), { clauseId: 'c-happy', body: 'Gedeelde vraag.' });
    threads.party = await newThread(corp(), {
      clauseId: 'c-happy',
      visibility: 'party',
      body: 'Interne vraag.',
    });
  });

  // [list contains it, GET, POST comment, POST resolve, POST reopen]
  const expected: Record<
    'shared' | 'party',
    Record<Who, [boolean | number, number, number, number, number]>
  > = {
    shared: {
      corporation: [true, 200, 201, 200, 200],
      municipality: [true, 200, 201, 200, 200],
      tenants: [true, 200, 201, 200, 200],
      facilitator: [true, 200, 201, 200, 200],
      observer: [true, 200, 403, 403, 403],
      outsider: [404, 404, 404, 404, 404],
    },
    party: {
      corporation: [true, 200, 201, 200, 200],
      municipality: [false, 404, 404, 404, 404],
      tenants: [false, 404, 404, 404, 404],
      facilitator: [false, 404, 404, 404, 404],
      observer: [false, 404, 404, 404, 404],
      outsider: [404, 404, 404, 404, 404],
    },
  };

  for (const kind of ['shared', 'party'] as const) {
    for (const w of Object.keys(who) as Who[]) {
      const [list, get, comment, resolve, reopen] = expected[kind][w];
      it(`CMT-${kind === 'shared' ? 1 : 2} ${kind} thread × ${w}: list ${String(list)}, get ${get}, comment ${comment}, resolve ${resolve}, reopen ${reopen}`, async () => {
        const u = who[w]();
        const t = threads[kind];
        const l = await listThreads(u);
        if (typeof list === 'number') expectError(l, list);
        else {
          expect(l.status).toBe(200);
          expect(l.body.threads.some((x) => x.id === t.id)).toBe(list);
        }
        const g = await getThread(u, t.id);
        expect(g.status).toBe(get);
        const before = (await getThread(corp(), t.id)).body.thread;
        const c = await reply(u, t.id, { body: `reactie van ${w}` });
        expect(c.status).toBe(comment);
        expect((await setStatus(u, t.id, 'resolve')).status).toBe(resolve);
        expect((await setStatus(u, t.id, 'reopen')).status).toBe(reopen);
        const after = (await getThread(corp(), t.id)).body.thread;
        if (comment !== 201) expect(after.comments).toHaveLength(before.comments.length);
        if (get === 404) {
          for (const answer of [l.body, g.body, c.body]) {
            expect(JSON.stringify(answer)).not.toContain(t.comments[0]!.body!);
            expect(JSON.stringify(answer)).not.toContain(t.id);
          }
        }
      });
    }
  }

  it('CMT-2 only a party’s negotiators start internal threads; observers start nothing', async () => {
    expectError(
      await call(srv.url, 'POST', threadsPath(agreement()), {
        token: fac().token,
        body: { clauseId: 'c-happy', visibility: 'party', body: 'x' },
      }),
      403,
      'forbidden',
    );
    for (const visibility of ['shared', 'party']) {
      expectError(
        await call(srv.url, 'POST', threadsPath(agreement()), {
          token: obs().token,
          body: { clauseId: 'c-happy', visibility, body: 'x' },
        }),
        403,
        'forbidden',
      );
    }
    expectError(
      await call(srv.url, 'POST', threadsPath(agreement()), {
        token: outsider().token,
        body: { clauseId: 'c-happy', body: 'x' },
      }),
      404,
      'not_found',
    );
    expectError(
      await call(srv.url, 'POST', threadsPath(agreement()), {
        body: { clauseId: 'c-happy', body: 'x' },
      }),
      401,
      'unauthenticated',
    );
  });

  it('CMT-2 a party thread’s comments cannot be edited or deleted through another party', async () => {
    const id = threads.party.comments[0]!.id;
    for (const u of [gem(), fac(), obs()]) {
      expectError(
        await call(srv.url, 'PATCH', commentPath(threads.party.id, id), {
          token: u.token,
          body: { body: 'x' },
        }),
        404,
        'not_found',
      );
      expectError(
        await call(srv.url, 'DELETE', commentPath(threads.party.id, id), { token: u.token }),
        404,
        'not_found',
      );
    }
  });

  it('CMT-1 a thread is reached only through its own workspace (permalink in another one: 404)', async () => {
    const res = await getThread(outsider(), threads.shared.id, world.otherWorkspace.id);
    expectError(res, 404, 'not_found');
    expectError(await getThread(corp(), threads.shared.id, world.otherWorkspace.id), 404);
  });
});

// =============================================================================================

describe('internal threads never reach another party', () => {
  it('CMT-6 CMT-2 a second party’s streams, API answers, notifications and audit hold nothing of an internal thread', async () => {
    const s = {
      corp: await stream(corp()),
      corp2: await stream(corp2),
      gem: await stream(gem()),
      hurd: await stream(hurd),
      fac: await stream(fac()),
      obs: await stream(obs()),
    };
    const body = `geheim-${randomUUID()}`;
    const replyText = `geheim-antwoord-${randomUUID()}`;
    const c = await syncClient(agreement().room, corp());
    await addClause(c, 'betaalbaarheid', 'c-huur', 'De huur stijgt met inflatie min 0,5 procent.');
    const quote = 'inflatie min 0,5 procent';
    const notedBefore = notified.length;

    const secret = await newThread(corp(), {
      visibility: 'party',
      clauseId: 'c-huur',
      anchor: anchorFromRange(c.doc, rangeOf(c.doc, quote)),
      body,
      mentions: [corp2.id],
    });
    expect(secret.quote).toBe(quote);
    const r = await reply(corp2, secret.id, { body: replyText, mentions: [corp().id] });
    expect(r.status).toBe(201);
    await call(srv.url, 'PATCH', commentPath(secret.id, r.body.comment.id), {
      token: corp2.token,
      body: { body: `${replyText} (bewerkt)` },
    });
    await setStatus(corp(), secret.id, 'resolve');
    // A shared thread afterwards: once a stream has it, everything before it was delivered.
    // (On another clause: a shared thread on c-huur would quote the clause's text.)
    const sentinel = await newThread(gem(), { clauseId: 'c-happy', body: 'Gedeeld.' });
    for (const x of Object.values(s)) {
      await waitFor(
        () => threadEvents(x).some((e) => e.thread.id === sentinel.id),
        5000,
        'the shared thread on every stream',
      );
    }

    // The corporation's negotiators saw every step live.
    for (const x of [s.corp, s.corp2]) {
      const seen = threadEvents(x).filter((e) => e.thread.id === secret.id);
      expect(seen.length).toBeGreaterThanOrEqual(4);
      expect(seen.at(-1)!.thread.status).toBe('resolved');
      expect(x.raw()).toContain(body);
    }
    // Nobody else received a byte of it: not its id, body, reply or quote.
    for (const x of [s.gem, s.hurd, s.fac, s.obs]) {
      for (const marker of [secret.id, body, replyText, quote])
        expect(x.raw()).not.toContain(marker);
    }
    // Nor in any API answer to them.
    for (const u of [gem(), hurd, fac(), obs()]) {
      const answers = [
        await listThreads(u),
        await listThreads(u, agreement(), '?status=resolved'),
        await getThread(u, secret.id),
        await reply(u, secret.id, { body: 'hallo?' }),
        await setStatus(u, secret.id, 'reopen'),
        await call(srv.url, 'GET', `/api/workspaces/${wsId()}`, { token: u.token }),
      ];
      for (const a of answers)
        for (const marker of [secret.id, body, replyText, quote])
          expect(JSON.stringify(a.body)).not.toContain(marker);
    }
    // Notifications went to the corporation's negotiators only.
    const fresh = notified.slice(notedBefore).filter((n) => n.threadId === secret.id);
    expect(fresh.map((n) => [n.userId, n.kind]).sort()).toEqual(
      [
        [corp2.id, 'mention'],
        [corp().id, 'mention'],
      ].sort(),
    );
    // The audit trail (the facilitator reads it) holds no trace of it.
    const audit = await call(srv.url, 'GET', `/api/workspaces/${wsId()}/audit`, {
      token: fac().token,
    });
    expect(audit.status).toBe(200);
    for (const marker of [secret.id, body, replyText, quote])
      expect(JSON.stringify(audit.body)).not.toContain(marker);
    // And the thread is in no shared document: threads live outside the Y.Doc.
    for (const marker of [body, replyText]) expect(storedAnywhere(srv.dataDir, marker)).toBe(false);
  });

  it('CMT-6 a stream gets shared thread events with the whole thread, and heartbeats', async () => {
    const s = await stream(obs());
    const t = await newThread(hurd, { clauseId: 'c-huur', body: 'Voor iedereen.' });
    await waitFor(() => threadEvents(s).some((e) => e.thread.id === t.id), 5000, 'thread event');
    expect(threadEvents(s).find((e) => e.thread.id === t.id)!.thread).toEqual(t);
    expect(s.contentType).toMatch(/^text\/event-stream/);
    await waitFor(() => s.raw().includes(': heartbeat\n\n'), 5000, 'a heartbeat');
  });

  it('CMT-6 the stream takes the session cookie; non-members 404, anonymous 401', async () => {
    const login = await call(srv.url, 'POST', '/api/auth/login', {
      body: { email: gem().email, password: PASSWORD },
    });
    const cookie = sessionCookie(login.headers)!;
    const s = await openEventStream(srv.url, wsId(), { cookie });
    streams.push(s);
    expect(s.status).toBe(200);
    const t = await newThread(corp(), { clauseId: 'c-huur', body: 'Via cookie.' });
    await waitFor(
      () => threadEvents(s).some((e) => e.thread.id === t.id),
      5000,
      'event via cookie',
    );

    const outside = await openEventStream(srv.url, wsId(), { token: outsider().token });
    expect(outside.status).toBe(404);
    expect(JSON.parse(outside.raw())).toMatchObject({ error: { code: 'not_found' } });
    expect((await openEventStream(srv.url, wsId(), {})).status).toBe(401);
  });
});

// =============================================================================================

describe('streams follow rights', () => {
  it('CMT-6 a role change ends the stream at once; the new role reconnects and is filtered anew', async () => {
    const m = await register(srv.url, 'Wisselaar');
    await join(srv.url, fac().token, wsId(), m, 'negotiator', world.partyA.id);
    const s = await stream(m);
    const patch = await call(srv.url, 'PATCH', `/api/workspaces/${wsId()}/members/${m.id}`, {
      token: fac().token,
      body: { role: 'observer' },
    });
    expect(patch.status).toBe(200);
    await waitFor(() => s.ended(), 1000, 'stream closed after the role change');

    const again = await stream(m);
    const secret = await newThread(corp(), {
      clauseId: 'c-huur',
      visibility: 'party',
      body: 'na de wissel',
    });
    const shared = await newThread(corp(), { clauseId: 'c-huur', body: 'gedeeld na de wissel' });
    await waitFor(() => threadEvents(again).some((e) => e.thread.id === shared.id), 5000, 'shared');
    expect(again.raw()).not.toContain(secret.id);
  });

  it('CMT-6 removal ends the stream and a new one is refused; logout ends it too', async () => {
    const m = await register(srv.url, 'Vertrekker');
    await join(srv.url, fac().token, wsId(), m, 'observer');
    const s = await stream(m);
    expect(
      (
        await call(srv.url, 'DELETE', `/api/workspaces/${wsId()}/members/${m.id}`, {
          token: fac().token,
        })
      ).status,
    ).toBe(204);
    await waitFor(() => s.ended(), 1000, 'stream closed after removal');
    expect((await openEventStream(srv.url, wsId(), { token: m.token })).status).toBe(404);

    const l = await stream(obs());
    const login = await call<{ token: string }>(srv.url, 'POST', '/api/auth/login', {
      body: { email: obs().email, password: PASSWORD },
    });
    const s2 = await stream({ ...obs(), token: login.body.token });
    expect(
      (await call(srv.url, 'POST', '/api/auth/logout', { token: login.body.token })).status,
    ).toBe(204);
    await waitFor(() => s2.ended(), 1000, 'stream closed after logout');
    expect(l.ended()).toBe(false); // the observer's other session keeps its stream
  });
  it('CMT-6 shutdown ends every stream and does not wait for them', async () => {
    const other = await startTestServer({}, { realAuth: true });
    try {
      const u = await register(other.url, 'Laatste');
      const ws = await createWorkspace(other.url, u.token);
      const s = await openEventStream(other.url, ws.id, { token: u.token });
      expect(s.status).toBe(200);
      const started = Date.now();
      await other.stop();
      await waitFor(() => s.ended(), 1000, 'stream ended by shutdown');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await other.stop();
    }
  });
});

// =============================================================================================

describe('mentions and notifications', () => {
  it('CMT-5 refuses mentions of people who cannot see the thread, naming each one', async () => {
    const party = await call(srv.url, 'POST', threadsPath(agreement()), {
      token: corp().token,
      body: {
        clauseId: 'c-huur',
        visibility: 'party',
        body: 'intern',
        mentions: [corp2.id, gem().id, fac().id, obs().id, outsider().id, 'u_unknown'],
      },
    });
    expectFieldError(party, 'mentions.1', 'mentions.2', 'mentions.3', 'mentions.4', 'mentions.5');
    expect(Object.keys(expectError(party, 400).details!.fields!)).not.toContain('mentions.0');

    const shared = await newThread(corp(), {
      clauseId: 'c-huur',
      body: 'Iedereen mag dit zien',
      mentions: [gem().id, fac().id, obs().id],
    });
    expect(shared.comments[0]!.mentions).toEqual([gem().id, fac().id, obs().id]);
    expectFieldError(
      await reply(gem(), shared.id, { body: 'x', mentions: [outsider().id] }),
      'mentions.0',
    );
    const notes = world.docs.notesA;
    const c = await syncClient(notes.room, corp());
    const anchor = anchorFromRange(c.doc, rangeOf(c.doc, '90 woningen'));
    expectFieldError(
      await call(srv.url, 'POST', threadsPath(notes), {
        token: corp().token,
        body: { anchor, body: 'x', mentions: [gem().id] },
      }),
      'mentions.0',
    );
  });

  it('CMT-5 notifies mentioned members, and earlier participants of a reply (once each, never the author)', async () => {
    const start = notified.length;
    const t = await newThread(corp(), {
      clauseId: 'c-huur',
      body: 'Wat vindt de gemeente?\nGraag voor vrijdag.',
      mentions: [gem().id, corp().id],
    });
    expect(notified.slice(start)).toEqual([
      {
        userId: gem().id,
        workspaceId: wsId(),
        documentId: agreement().id,
        kind: 'mention',
        threadId: t.id,
        clauseId: 'c-huur',
        actorId: corp().id,
        excerpt: 'Wat vindt de gemeente? Graag voor vrijdag.',
      },
    ]);

    const mark = notified.length;
    await reply(gem(), t.id, { body: 'Wij zijn akkoord.' });
    expect(notified.slice(mark).map((n) => [n.userId, n.kind])).toEqual([[corp().id, 'reply']]);

    const mark2 = notified.length;
    await reply(hurd, t.id, { body: 'x'.repeat(500), mentions: [corp().id] });
    const got = notified.slice(mark2);
    expect(got.map((n) => [n.userId, n.kind]).sort()).toEqual(
      [
        [corp().id, 'mention'],
        [gem().id, 'reply'],
      ].sort(),
    );
    expect(Array.from(got[0]!.excerpt).length).toBeLessThanOrEqual(200);

    // Editing notifies only the newly mentioned.
    const mine = (await reply(corp(), t.id, { body: 'Met wie?', mentions: [gem().id] })).body
      .comment;
    const mark3 = notified.length;
    await call(srv.url, 'PATCH', commentPath(t.id, mine.id), {
      token: corp().token,
      body: { body: 'Met wie precies?', mentions: [gem().id, hurd.id] },
    });
    expect(notified.slice(mark3).map((n) => [n.userId, n.kind])).toEqual([[hurd.id, 'mention']]);
  });
});

// =============================================================================================

describe('anchors and detached threads', () => {
  it('CMT-8 an anchored thread follows concurrent edits and detaches when its clause is deleted by a sync client', async () => {
    const a = await syncClient(agreement().room, corp());
    const b = await syncClient(agreement().room, gem());
    await addClause(a, 'duurzaamheid', 'c-isolatie', 'Woonstede isoleert 400 woningen per jaar.');
    await waitFor(
      () => b.doc.getXmlFragment('default').toJSON().includes('400 woningen'),
      10_000,
      'b has it',
    );
    const anchor = anchorFromRange(a.doc, rangeOf(a.doc, '400 woningen'));
    const t = await newThread(gem(), { clauseId: 'c-isolatie', anchor, body: 'Kan dit 500 zijn?' });
    expect(t).toMatchObject({ quote: '400 woningen', detached: false, anchor });

    // Both clients type before the range at once; the anchor follows on every replica.
    const textOf = (c: Client) => {
      const s = themeSectionOf(c.doc, 'duurzaamheid');
      const el = s
        .toArray()
        .find(
          (n) => n instanceof Y.XmlElement && n.getAttribute('id') === 'c-isolatie',
        ) as Y.XmlElement;
      return ((el.get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    };
    textOf(a).insert(0, 'Vanaf 2027: ');
    textOf(b).insert(0, 'Afspraak: ');
    await waitFor(
      () => storedAnywhere(srv.dataDir, 'Vanaf 2027') && storedAnywhere(srv.dataDir, 'Afspraak: '),
      10_000,
      'both edits stored',
    );
    await waitFor(
      () =>
        a.doc.getXmlFragment('default').toJSON().includes('Afspraak') &&
        b.doc.getXmlFragment('default').toJSON().includes('Vanaf'),
      10_000,
      'clients converged',
    );
    for (const c of [a, b])
      expect(textInRange(c.doc, resolveAnchor(c.doc, anchor)!)).toBe('400 woningen');
    expect((await getThread(gem(), t.id)).body.thread.detached).toBe(false);

    removeClause(b, 'duurzaamheid', 'c-isolatie');
    const detached = await threadUntil(gem(), t.id, (x) => x.detached, 'the thread to detach');
    expect(detached).toMatchObject({
      quote: '400 woningen',
      status: 'open',
      clauseId: 'c-isolatie',
    });
    expect(detached.comments[0]!.body).toBe('Kan dit 500 zijn?');
    const listed = (await listThreads(corp())).body.threads.find((x) => x.id === t.id)!;
    expect(listed.detached).toBe(true);
    // A detached thread still takes replies and can be resolved.
    expect((await reply(corp(), t.id, { body: 'De afspraak is vervallen.' })).status).toBe(201);
    expect((await setStatus(corp(), t.id, 'resolve')).status).toBe(200);
  });

  it('CMT-8 a text anchor whose text is deleted (clause kept) detaches; unrelated threads stay attached', async () => {
    const a = await syncClient(agreement().room, hurd);
    await addClause(a, 'leefbaarheid', 'c-buurt', 'Er komt een buurtconciërge in elke wijk.');
    const anchor = anchorFromRange(a.doc, rangeOf(a.doc, 'buurtconciërge'));
    const t = await newThread(hurd, { anchor, body: 'Hoeveel uur per week?' });
    const other = await newThread(hurd, { clauseId: 'c-buurt', body: 'Wie betaalt?' });
    expect(t.clauseId).toBeNull();
    const s = themeSectionOf(a.doc, 'leefbaarheid');
    const el = s
      .toArray()
      .find((n) => n instanceof Y.XmlElement && n.getAttribute('id') === 'c-buurt') as Y.XmlElement;
    const text = ((el.get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const at = text.toJSON().indexOf('buurtconciërge');
    text.delete(at, 'buurtconciërge'.length);
    const d = await threadUntil(
      hurd,
      t.id,
      (x) => x.detached,
      'detached after the text was deleted',
    );
    expect(d.quote).toBe('buurtconciërge');
    expect((await getThread(hurd, other.id)).body.thread.detached).toBe(false);
  });

  it('CMT-8 an anchor the server cannot place yet is kept with the author’s quote, and attaches once the text arrives', async () => {
    // An anchor into text made offline: the server has never seen it.
    const offline = new Y.Doc();
    const p = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    text.insert(0, 'Nog niet verstuurd.');
    p.insert(0, [text]);
    offline.getXmlFragment('default').insert(0, [p]);
    const anchor = anchorFromRange(offline, { from: 1, to: 4 });
    const t = await newThread(hurd, { anchor, quote: 'Nog', body: 'Alvast een vraag.' });
    expect(t).toMatchObject({ detached: true, quote: 'Nog' });
    const c = await syncClient(agreement().room, hurd);
    Y.applyUpdate(c.doc, Y.encodeStateAsUpdate(offline));
    await threadUntil(hurd, t.id, (x) => !x.detached, 'attached once the text is stored');
  });
});

// =============================================================================================

describe('audit', () => {
  it('CMT-7 shared threads’ creation, resolution and reopening are audited with ids only', async () => {
    const body = `audit-${randomUUID()}`;
    const t = await newThread(gem(), { clauseId: 'c-huur', body });
    await setStatus(gem(), t.id, 'resolve');
    await setStatus(gem(), t.id, 'reopen');
    const res = await call<{
      entries: { action: string; actorId: string; details: Record<string, unknown> }[];
    }>(srv.url, 'GET', `/api/workspaces/${wsId()}/audit`, { token: fac().token });
    const mine = res.body.entries.filter((e) => e.details.threadId === t.id);
    expect(mine.map((e) => e.action).sort()).toEqual([
      'thread.created',
      'thread.reopened',
      'thread.resolved',
    ]);
    expect(mine.every((e) => e.actorId === gem().id)).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain(body);
  });
});

// =============================================================================================

describe('hostile input: clear 4xx, never 500', () => {
  const post = (body: unknown, user = corp()) =>
    call(srv.url, 'POST', threadsPath(agreement()), { token: user.token, body });
  let t: ThreadDto;
  beforeAll(async () => {
    t = await newThread(corp(), { clauseId: 'c-huur', body: 'Doelwit.' });
  });

  it('CMT-9 bodies: too long, empty, wrong types, unknown enum values, missing anchor', async () => {
    expectFieldError(await post({ clauseId: 'c-huur', body: 'x'.repeat(10_001) }), 'body');
    expect((await post({ clauseId: 'c-huur', body: 'x'.repeat(10_000) })).status).toBe(201);
    expectFieldError(await post({ clauseId: 'c-huur', body: '   ' }), 'body');
    expectFieldError(await post({ clauseId: 'c-huur', body: 42 }), 'body');
    expectFieldError(
      await post({ clauseId: 'c-huur', body: 'x', visibility: 'geheim' }),
      'visibility',
    );
    expectFieldError(await post({ clauseId: 12, body: 'x' }), 'clauseId');
    expectFieldError(await post({ body: 'x' }), 'anchor');
    expectFieldError(
      await post({ clauseId: 'c-huur', body: 'x', mentions: 'iedereen' }),
      'mentions',
    );
    expectFieldError(
      await post({
        clauseId: 'c-huur',
        body: 'x',
        mentions: Array.from({ length: 51 }, (_, i) => `u${i}`),
      }),
      'mentions',
    );
    expectFieldError(
      await post({ clauseId: 'c-huur', body: 'x', quote: 'q'.repeat(2001) }),
      'quote',
    );
    expectFieldError(await post({ clauseId: 'c-huur', body: '\ud800' }), 'body');
    expectFieldError(await reply(corp(), t.id, { body: 'x'.repeat(10_001) }), 'body');
    expectFieldError(await reply(corp(), t.id, {}), 'body');
    expectFieldError(
      await call(srv.url, 'PATCH', commentPath(t.id, t.comments[0]!.id), {
        token: corp().token,
        body: { body: null },
      }),
      'body',
    );
  });

  it('CMT-9 anchors and clause ids that do not exist or do not decode', async () => {
    expectFieldError(await post({ clauseId: 'c-bestaat-niet', body: 'x' }), 'clauseId');
    expectFieldError(
      await post({ anchor: { start: 'niet base64!', end: 'AAAA' }, body: 'x' }),
      'anchor',
    );
    expectFieldError(await post({ anchor: { start: 'AAAA' }, body: 'x' }), 'anchor.end');
    expectFieldError(await post({ anchor: 'AAAA', body: 'x' }), 'anchor');
    expectFieldError(
      await post({ anchor: { start: 'A'.repeat(5000), end: 'AAAA' }, body: 'x' }),
      'anchor.start',
    );
  });

  it('CMT-9 oversized, malformed and non-JSON requests', async () => {
    const big = JSON.stringify({ clauseId: 'c-huur', body: 'x'.repeat(1_100_000) });
    expectError(
      await call(srv.url, 'POST', threadsPath(agreement()), { token: corp().token, raw: big }),
      413,
      'payload_too_large',
    );
    expectError(
      await call(srv.url, 'POST', threadsPath(agreement()), {
        token: corp().token,
        raw: '{"body": "x",',
      }),
      400,
      'bad_request',
    );
    expectFieldError(await post([1, 2, 3]), '_');
    expectFieldError(await listThreads(corp(), agreement(), '?status=weg'), 'status');
  });

  it('CMT-9 unknown ids answer 404 (workspace, document, thread, comment), however long', async () => {
    const long = 'x'.repeat(3000);
    for (const path of [
      `/api/workspaces/w_nope/documents/${agreement().id}/threads`,
      `/api/workspaces/${wsId()}/documents/d_nope/threads`,
      `/api/workspaces/${wsId()}/documents/${long}/threads`,
      `/api/workspaces/${wsId()}/threads/t_nope`,
      `/api/workspaces/${wsId()}/threads/${long}`,
      `/api/workspaces/${wsId()}/threads/${encodeURIComponent("' OR 1=1 --")}`,
    ]) {
      expectError(await call(srv.url, 'GET', path, { token: corp().token }), 404, 'not_found');
    }
    expectError(
      await call(srv.url, 'POST', `/api/workspaces/${wsId()}/documents/d_nope/threads`, {
        token: corp().token,
        body: { clauseId: 'c-huur', body: 'x' },
      }),
      404,
    );
    for (const action of ['resolve', 'reopen', 'comments']) {
      expectError(
        await call(srv.url, 'POST', `/api/workspaces/${wsId()}/threads/t_nope/${action}`, {
          token: corp().token,
          body: { body: 'x' },
        }),
        404,
      );
    }
    expectError(
      await call(srv.url, 'DELETE', commentPath(t.id, 'm_nope'), { token: corp().token }),
      404,
    );
    expectError(
      await call(srv.url, 'DELETE', commentPath('t_nope', 'm_nope'), { token: corp().token }),
      404,
    );
    // A comment id of another thread is not this thread's comment.
    const other = await newThread(corp(), { clauseId: 'c-huur', body: 'Ander.' });
    expectError(
      await call(srv.url, 'DELETE', commentPath(t.id, other.comments[0]!.id), {
        token: corp().token,
      }),
      404,
    );
  });
});
