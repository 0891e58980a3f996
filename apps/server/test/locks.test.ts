import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { CloseCode, DenialReason, MessageType } from '@akkoord/protocol';
import { AppError } from '../src/errors';
import { buildWorld, call, type World } from './api/helpers/http';
import { connectClient, waitFor, whenSynced, type Client } from './helpers/clients';
import { decodeFrame, updateFrame } from './helpers/frames';
import { connectRaw } from './helpers/rawClient';
import { RawWriter } from './helpers/rawWriter';
import { startTestServer, type TestServer } from './helpers/testServer';
import { clauseElement, findClauseElement, paragraphElement } from './helpers/yElements';

const servers: TestServer[] = [];
const clients: Client[] = [];
const writers: RawWriter[] = [];

afterEach(async () => {
  for (const w of writers.splice(0)) w.ws.terminate();
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.stop();
});

/** Decodes as a Yjs update but throws halfway through applying (from badInput.test.ts). */
const DECODES_BUT_DOES_NOT_APPLY = Uint8Array.from(
  Buffer.from(
    '010681f5938004002801016d0161017d01080103617272037d01770178760101617d02040102667a01618181f593800404018481f5938004070163070101780301700181f5938004010501',
    'hex',
  ),
);

const LOCKED = 'lk-a';
const OPEN = 'lk-b';

/** Everything the clause is, attributes and counterparts included. */
const clauseXml = (doc: Y.Doc, id = LOCKED) => findClauseElement(doc, id).el.toJSON();

/** How many clause elements carry the id, anywhere in the content. */
function countClauses(doc: Y.Doc, id = LOCKED): number {
  let n = 0;
  const walk = (p: Y.XmlElement | Y.XmlFragment) => {
    for (const c of p.toArray()) {
      if (!(c instanceof Y.XmlElement)) continue;
      if (c.nodeName === 'clause' && c.getAttribute('id') === id) n += 1;
      walk(c);
    }
  };
  walk(doc.getXmlFragment('default'));
  return n;
}

/** The clause's first paragraph's text. */
function textOf(doc: Y.Doc, id: string): Y.XmlText {
  const clauseText = findClauseElement(doc, id).el.get(0) as Y.XmlElement;
  return (clauseText.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** What the SQLite file holds of the room (snapshot + log), as a document. */
function storedDoc(dataDir: string, room: string): Y.Doc {
  const db = new Database(path.join(dataDir, 'akkoord.sqlite'), { readonly: true });
  const doc = new Y.Doc();
  try {
    const snap = db.prepare('SELECT state FROM doc_snapshot WHERE room = ?').get(room) as
      { state: Buffer } | undefined;
    if (snap) Y.applyUpdate(doc, new Uint8Array(snap.state));
    const ups = db.prepare('SELECT data FROM doc_update WHERE room = ? ORDER BY seq').all(room) as {
      data: Buffer;
    }[];
    for (const u of ups) Y.applyUpdate(doc, new Uint8Array(u.data));
    return doc;
  } finally {
    db.close();
  }
}

interface Setup {
  s: TestServer;
  world: World;
  room: string;
  token: string;
  ref: { workspaceId: string; documentId: string; room: string; clauseId: string };
  /** The clause as agreed (read from the server's document after locking). */
  agreed: string;
  serverDoc: () => Y.Doc;
}

function provider(s: TestServer, room: string, token: string): Client {
  const c = connectClient(s.wsUrl, room, { params: { token } });
  clients.push(c);
  return c;
}

function rawWriter(s: TestServer, room: string, token: string): RawWriter {
  const w = new RawWriter(s.wsUrl, room, token);
  writers.push(w);
  return w;
}

/** Permission-denied reasons a raw writer was sent. */
function denials(w: RawWriter): () => string[] {
  const got: string[] = [];
  w.ws.on('message', (d: Buffer) => {
    const f = decodeFrame(new Uint8Array(d));
    if (f.type === MessageType.auth) got.push(f.reason ?? '');
  });
  return () => got;
}

/**
 * A negotiation whose agreement document has a section with clause `lk-a` (with a
 * counterpart) and `lk-b`; `lk-a` is locked unless `lock` is false.
 */
async function setup(
  opts: { lock?: boolean; seed?: Client } = {},
): Promise<Setup & { seed: Client }> {
  const s = await startTestServer({}, { realAuth: true });
  servers.push(s);
  const world = await buildWorld(s.url);
  const doc = world.docs.agreement;
  const token = world.users.facilitator.token;
  const seed = provider(s, doc.room, token);
  await whenSynced(seed);
  seed.doc.transact(() => {
    const fragment = seed.doc.getXmlFragment('default');
    const section = new Y.XmlElement('themeSection');
    section.setAttribute('theme', 'locks');
    fragment.insert(fragment.length, [section]);
    section.insert(0, [
      paragraphElement('Locks'),
      clauseElement({
        id: LOCKED,
        owner: 'p1',
        text: 'Agreed text',
        counterparts: [['p2', 'Pay']],
      }),
      clauseElement({ id: OPEN, text: 'Open text' }),
    ]);
  });
  const serverDoc = () => s.server.sync.registry.get(doc.room)!.doc;
  await waitFor(() => countClauses(serverDoc(), OPEN) === 1, 10_000, 'seed stored');
  const ref = {
    workspaceId: world.workspace.id,
    documentId: doc.id,
    room: doc.room,
    clauseId: LOCKED,
  };
  if (opts.lock !== false) {
    await s.server.locks.lock({ ...ref, decisionId: 'dc-1' });
    await waitFor(
      () => findClauseElement(seed.doc, LOCKED).el.getAttribute('locked') === 'dc-1',
      10_000,
      'lock reached the client',
    );
  }
  return { s, world, room: doc.room, token, ref, agreed: clauseXml(serverDoc()), serverDoc, seed };
}

/** Waits until `doc` saw the probe `marker` (a change outside the clauses in the same update). */
const sawProbe = (doc: Y.Doc, marker: string) => doc.getMap('probe').get('marker') === marker;

type Violation = (doc: Y.Doc) => void;

const violations: [string, Violation][] = [
  ['changes text inside the locked clause', (d) => textOf(d, LOCKED).insert(0, 'Not ')],
  ['deletes text inside the locked clause', (d) => textOf(d, LOCKED).delete(0, 7)],
  [
    'deletes the whole locked clause',
    (d) => {
      const { parent, index } = findClauseElement(d, LOCKED);
      parent.delete(index, 1);
    },
  ],
  [
    'deletes the theme section containing it',
    (d) => {
      const { parent } = findClauseElement(d, LOCKED);
      const fragment = d.getXmlFragment('default');
      fragment.delete(fragment.toArray().indexOf(parent), 1);
    },
  ],
  [
    'changes its status and owner attributes and removes locked',
    (d) => {
      const el = findClauseElement(d, LOCKED).el;
      el.setAttribute('status', 'draft');
      el.setAttribute('owner', 'p3');
      el.removeAttribute('locked');
    },
  ],
  [
    'edits a counterpart inside it',
    (d) => {
      const counterpart = findClauseElement(d, LOCKED).el.get(1) as Y.XmlElement;
      const text = (counterpart.get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(3, ' nothing');
    },
  ],
  [
    'copies it (same id) elsewhere',
    (d) => {
      const { parent } = findClauseElement(d, LOCKED);
      parent.insert(parent.length, [clauseElement({ id: LOCKED, status: 'draft', text: 'Mine' })]);
    },
  ],
];

describe('clause locks', () => {
  it('LOCK-2 the sender gets its own update back as acknowledgement, then the undoing, and may keep writing', async () => {
    const t = await setup();
    const w = rawWriter(t.s, t.room, t.token);
    const denied = denials(w);
    await waitFor(() => countClauses(w.doc) === 1, 10_000, 'writer synced');
    const sent: Uint8Array[] = [];
    w.doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== w) sent.push(u);
    });
    const before = w.seen.length;
    textOf(w.doc, LOCKED).insert(0, 'Not ');
    await waitFor(() => clauseXml(w.doc) === t.agreed, 10_000, 'undone at the sender');
    const back = w.seen.slice(before);
    // Exactly its bytes first (what clients match their pending saves against), then the rest.
    expect(Buffer.from(back[0]!).equals(Buffer.from(sent[0]!))).toBe(true);
    expect(back.length).toBeGreaterThanOrEqual(2);
    expect(denied()).toEqual([DenialReason.lockedClause]);
    // Not read-only: its next change elsewhere is stored and echoed like any other.
    textOf(w.doc, OPEN).insert(0, 'Still ');
    await waitFor(
      () => String(textOf(storedDoc(t.s.dataDir, t.room), OPEN)).startsWith('Still '),
      10_000,
      'later write stored',
    );
  });

  it.each(violations)(
    'LOCK-2 a raw client that %s ends, like everyone and storage, with the agreed clause',
    async (name, violate) => {
      const t = await setup();
      const witness = provider(t.s, t.room, t.token);
      await whenSynced(witness);
      const w = rawWriter(t.s, t.room, t.token);
      const denied = denials(w);
      await waitFor(() => countClauses(w.doc) === 1, 10_000, 'writer synced');
      const before = w.seen.length;
      w.doc.transact(() => {
        violate(w.doc);
        w.doc.getMap('probe').set('marker', name);
      });
      // The sender applied its own change locally; it must get the undoing back.
      await waitFor(() => w.seen.length > before && sawProbe(w.doc, name), 10_000, 'echo');
      await waitFor(() => sawProbe(witness.doc, name), 10_000, 'witness saw the update');
      const stored = storedDoc(t.s.dataDir, t.room);
      for (const [who, doc] of [
        ['server', t.serverDoc()],
        ['sender', w.doc],
        ['witness', witness.doc],
        ['storage', stored],
      ] as const) {
        expect(countClauses(doc), who).toBe(1);
        expect(clauseXml(doc), who).toBe(t.agreed);
        expect(sawProbe(doc, name), who).toBe(true);
      }
      stored.destroy();
      expect(denied()).toContain('locked clause: your change to it was undone');
    },
  );

  it('LOCK-2 an edit to an unlocked clause in the same update is kept; the refusal is counted', async () => {
    const t = await setup();
    const witness = provider(t.s, t.room, t.token);
    await whenSynced(witness);
    const w = rawWriter(t.s, t.room, t.token);
    await waitFor(() => countClauses(w.doc) === 1, 10_000, 'writer synced');
    w.doc.transact(() => {
      textOf(w.doc, LOCKED).insert(0, 'Not ');
      textOf(w.doc, OPEN).insert(0, 'Still ');
    });
    await waitFor(() => textOf(witness.doc, OPEN).toString() === 'Still Open text');
    await waitFor(() => clauseXml(w.doc) === t.agreed, 10_000, 'sender undone');
    const stored = storedDoc(t.s.dataDir, t.room);
    for (const doc of [t.serverDoc(), w.doc, witness.doc, stored]) {
      expect(textOf(doc, OPEN).toString()).toBe('Still Open text');
      expect(clauseXml(doc)).toBe(t.agreed);
    }
    stored.destroy();
    const refused = await t.s.server.metrics.updatesRefused.get();
    expect(refused.values.find((v) => v.labels.reason === 'locked')?.value).toBe(1);
  });

  it('LOCK-1 locking sets status agreed and the decision id in the document and the list', async () => {
    const t = await setup();
    const el = findClauseElement(t.serverDoc(), LOCKED).el;
    expect(el.getAttribute('status')).toBe('agreed');
    expect(el.getAttribute('locked')).toBe('dc-1');
    expect(findClauseElement(t.seed.doc, LOCKED).el.getAttribute('status')).toBe('agreed');
    const list = await t.s.server.locks.list(t.ref.workspaceId);
    expect(list.map(({ lockedAt: _at, ...l }) => l)).toEqual([
      { documentId: t.ref.documentId, clauseId: LOCKED, decisionId: 'dc-1' },
    ]);
    expect(Date.parse(list[0]!.lockedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(await t.s.server.locks.isLocked(t.ref.documentId, LOCKED)).toBe(true);
    expect(await t.s.server.locks.isLocked(t.ref.documentId, OPEN)).toBe(false);
  });

  it('LOCK-1 locking a clause that is not in the document is 404 and stores nothing', async () => {
    const t = await setup({ lock: false });
    const err = await t.s.server.locks
      .lock({ ...t.ref, clauseId: 'nope', decisionId: 'dc-x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('not_found');
    expect(await t.s.server.locks.list(t.ref.workspaceId)).toEqual([]);
  });

  it('LOCK-3 after unlocking, the clause is reopened and an edit to it sticks', async () => {
    const t = await setup();
    await t.s.server.locks.unlock(t.ref);
    const w = rawWriter(t.s, t.room, t.token);
    await waitFor(() => countClauses(w.doc) === 1, 10_000, 'writer synced');
    const el = findClauseElement(w.doc, LOCKED).el;
    expect(el.getAttribute('status')).toBe('reopened');
    expect(el.getAttribute('locked')).toBeUndefined();
    textOf(w.doc, LOCKED).insert(0, 'Changed ');
    await waitFor(() => textOf(t.seed.doc, LOCKED).toString() === 'Changed Agreed text');
    const stored = storedDoc(t.s.dataDir, t.room);
    expect(textOf(stored, LOCKED).toString()).toBe('Changed Agreed text');
    expect(findClauseElement(stored, LOCKED).el.getAttribute('status')).toBe('reopened');
    stored.destroy();
    expect(textOf(w.doc, LOCKED).toString()).toBe('Changed Agreed text');
    expect(await t.s.server.locks.list(t.ref.workspaceId)).toEqual([]);
  });

  it('LOCK-4 a lock survives a restart: the reloaded document is guarded from its first update', async () => {
    const t = await setup();
    for (const c of clients.splice(0)) c.destroy();
    await t.s.stop();
    servers.splice(servers.indexOf(t.s), 1);
    const s2 = await startTestServer({ DATA_DIR: t.s.dataDir }, { realAuth: true });
    servers.push(s2);
    expect(await s2.server.locks.isLocked(t.ref.documentId, LOCKED)).toBe(true);
    const w = rawWriter(s2, t.room, t.token);
    await waitFor(() => countClauses(w.doc) === 1, 10_000, 'writer synced');
    const before = w.seen.length;
    textOf(w.doc, LOCKED).insert(0, 'After restart ');
    await waitFor(() => w.seen.length > before, 10_000, 'echo');
    await waitFor(() => clauseXml(w.doc) === t.agreed, 10_000, 'sender undone');
    expect(clauseXml(s2.server.sync.registry.get(t.room)!.doc)).toBe(t.agreed);
  });

  it('CONS-5 a clause held by an open round stays held after a restart; a mark left by a closed round goes', async () => {
    const t = await setup({ lock: false });
    const res = await call<{ round: { id: string } }>(
      t.s.url,
      'POST',
      `/api/workspaces/${t.ref.workspaceId}/consent-rounds`,
      {
        token: t.token,
        body: { target: { kind: 'clause', documentId: t.ref.documentId, clauseId: LOCKED } },
      },
    );
    expect(res.status).toBe(201);
    const roundId = res.body.round.id;
    await waitFor(
      () => findClauseElement(t.seed.doc, LOCKED).el.getAttribute('round') === roundId,
      10_000,
      'round mark reached the client',
    );
    const held = clauseXml(t.serverDoc());
    const restart = async (dataDir: string) => {
      for (const c of clients.splice(0)) c.destroy();
      for (const x of servers.splice(0)) await x.stop();
      const next = await startTestServer({ DATA_DIR: dataDir }, { realAuth: true });
      servers.push(next);
      return next;
    };
    const s2 = await restart(t.s.dataDir);
    const w = rawWriter(s2, t.room, t.token);
    await waitFor(() => countClauses(w.doc) === 1, 10_000, 'writer synced');
    textOf(w.doc, LOCKED).insert(0, 'After restart ');
    await waitFor(() => clauseXml(w.doc) === held, 10_000, 'undone after restart');

    // The round closes while the server is down, its mark still in the document.
    for (const x of writers.splice(0)) x.ws.terminate();
    await s2.stop();
    servers.splice(0);
    const db = new Database(path.join(t.s.dataDir, 'akkoord.sqlite'));
    db.prepare(
      "UPDATE consent_rounds SET status = 'closed', outcome = 'cancelled' WHERE id = ?",
    ).run(roundId);
    db.close();
    const s3 = await restart(t.s.dataDir);
    const w3 = rawWriter(s3, t.room, t.token);
    await waitFor(
      () =>
        countClauses(w3.doc) === 1 && !findClauseElement(w3.doc, LOCKED).el.getAttribute('round'),
      10_000,
      'stale mark dropped',
    );
    textOf(w3.doc, LOCKED).insert(0, 'Free ');
    await waitFor(
      () =>
        textOf(s3.server.sync.registry.get(t.room)!.doc, LOCKED).toString() === 'Free Agreed text',
      10_000,
      'edit kept',
    );
  });

  it('CONS-5 ending one round’s hold leaves another round’s hold alone', async () => {
    const t = await setup({ lock: false });
    await t.s.server.locks.hold({ ...t.ref, roundId: 'cr-1' });
    await t.s.server.locks.release({ ...t.ref, roundId: 'cr-old' });
    const w = rawWriter(t.s, t.room, t.token);
    await waitFor(() => countClauses(w.doc) === 1, 10_000, 'writer synced');
    expect(findClauseElement(w.doc, LOCKED).el.getAttribute('round')).toBe('cr-1');
    const held = clauseXml(t.serverDoc());
    textOf(w.doc, LOCKED).insert(0, 'Not ');
    await waitFor(() => clauseXml(w.doc) === held, 10_000, 'still held');
    await t.s.server.locks.release({ ...t.ref, roundId: 'cr-1' });
    await waitFor(
      () => !findClauseElement(w.doc, LOCKED).el.getAttribute('round'),
      10_000,
      'freed',
    );
    textOf(w.doc, LOCKED).insert(0, 'Now ');
    await waitFor(
      () => textOf(t.serverDoc(), LOCKED).toString() === 'Now Agreed text',
      10_000,
      'edit kept',
    );
  });

  it.each([
    [
      'sets locked on an open clause',
      (d: Y.Doc) => findClauseElement(d, OPEN).el.setAttribute('locked', 'dc-forged'),
    ],
    [
      'sets round on an open clause',
      (d: Y.Doc) => findClauseElement(d, OPEN).el.setAttribute('round', 'cr-forged'),
    ],
    [
      'inserts a new clause carrying both marks',
      (d: Y.Doc) => {
        const { parent } = findClauseElement(d, OPEN);
        const el = clauseElement({ id: 'forged', text: 'Forged' });
        el.setAttribute('locked', 'dc-forged');
        el.setAttribute('round', 'cr-forged');
        parent.insert(parent.length, [el]);
      },
    ],
  ])(
    'LOCK-5 a raw client that %s: the marks are removed for everyone, the rest is kept',
    async (_name, forge) => {
      // No lock in this document at all: the mark check does not depend on a lock guard existing.
      const t = await setup({ lock: false });
      const w = rawWriter(t.s, t.room, t.token);
      const denied = denials(w);
      await waitFor(() => countClauses(w.doc, OPEN) === 1, 10_000, 'writer synced');
      w.doc.transact(() => {
        forge(w.doc);
        textOf(w.doc, OPEN).insert(0, 'Kept ');
      });
      const marks = (d: Y.Doc) =>
        ['locked', 'round'].flatMap((m) =>
          [OPEN, 'forged'].flatMap((id) => {
            if (countClauses(d, id) === 0) return [];
            const v: unknown = findClauseElement(d, id).el.getAttribute(m);
            return v === undefined ? [] : [`${id}.${m}`];
          }),
        );
      for (const d of [t.serverDoc(), t.seed.doc, w.doc])
        await waitFor(
          () => textOf(d, OPEN).toString() === 'Kept Open text' && marks(d).length === 0,
          10_000,
          'marks gone, text kept',
        );
      expect(denied()).toContain(DenialReason.lockedClause);
      const stored = storedDoc(t.s.dataDir, t.room);
      expect(marks(stored)).toEqual([]);
      stored.destroy();
    },
  );

  it('LOCK-5 a locked mark left in storage without its lock is dropped when the document loads', async () => {
    const t = await setup({ lock: false });
    // What a failed write could leave: the mark stored in the document, no lock in the store.
    const room = t.s.server.sync.registry.get(t.room)!;
    await room.applyServerChange(() =>
      findClauseElement(room.doc, OPEN).el.setAttribute('locked', 'dc-gone'),
    );
    for (const c of clients.splice(0)) c.destroy();
    await t.s.stop();
    servers.splice(0);
    const s2 = await startTestServer({ DATA_DIR: t.s.dataDir }, { realAuth: true });
    servers.push(s2);
    const w = rawWriter(s2, t.room, t.token);
    await waitFor(
      () =>
        countClauses(w.doc, OPEN) === 1 &&
        !findClauseElement(w.doc, OPEN).el.getAttribute('locked'),
      10_000,
      'stale mark dropped on load',
    );
    textOf(w.doc, OPEN).insert(0, 'Free ');
    await waitFor(
      () => textOf(s2.server.sync.registry.get(t.room)!.doc, OPEN).toString() === 'Free Open text',
      10_000,
      'edit kept',
    );
  });

  it('LOCK-2 offline edits to a clause locked meanwhile are undone on reconnect; the others stay', async () => {
    const t = await setup({ lock: false });
    const offline = t.seed;
    offline.provider.disconnect();
    await waitFor(() => !offline.provider.wsconnected, 10_000, 'disconnected');
    textOf(offline.doc, LOCKED).insert(0, 'Offline ');
    textOf(offline.doc, OPEN).insert(0, 'Offline ');
    await t.s.server.locks.lock({ ...t.ref, decisionId: 'dc-2' });
    const agreed = clauseXml(t.serverDoc());
    expect(agreed).toContain('dc-2');
    offline.provider.connect();
    await waitFor(() => textOf(t.serverDoc(), OPEN).toString() === 'Offline Open text');
    await waitFor(() => clauseXml(offline.doc) === agreed, 10_000, 'offline edit undone');
    const witness = provider(t.s, t.room, t.token);
    await whenSynced(witness);
    const stored = storedDoc(t.s.dataDir, t.room);
    for (const doc of [t.serverDoc(), witness.doc, offline.doc, stored]) {
      expect(clauseXml(doc)).toBe(agreed);
      expect(textOf(doc, OPEN).toString()).toBe('Offline Open text');
    }
    stored.destroy();
  });

  it('LOCK-1 two locks at once on one document both hold; unlocking an unlocked clause is 404', async () => {
    const t = await setup({ lock: false });
    await Promise.all([
      t.s.server.locks.lock({ ...t.ref, decisionId: 'dc-a' }),
      t.s.server.locks.lock({ ...t.ref, clauseId: OPEN, decisionId: 'dc-b' }),
    ]);
    expect((await t.s.server.locks.list(t.ref.workspaceId)).map((l) => l.clauseId).sort()).toEqual([
      LOCKED,
      OPEN,
    ]);
    const agreedA = clauseXml(t.serverDoc());
    const agreedB = clauseXml(t.serverDoc(), OPEN);
    const w = rawWriter(t.s, t.room, t.token);
    await waitFor(() => countClauses(w.doc) === 1, 10_000, 'writer synced');
    const seen = w.seen.length;
    w.doc.transact(() => {
      textOf(w.doc, LOCKED).insert(0, 'x');
      textOf(w.doc, OPEN).insert(0, 'y');
    });
    await waitFor(() => w.seen.length > seen, 10_000, 'echo');
    await waitFor(
      () => clauseXml(w.doc) === agreedA && clauseXml(w.doc, OPEN) === agreedB,
      10_000,
      'both undone',
    );
    await t.s.server.locks.unlock(t.ref);
    const err = await t.s.server.locks.unlock(t.ref).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('not_found');
  });

  it('LOCK-2 a document rebuilt from storage after an invalid update is guarded too', async () => {
    const t = await setup();
    const before = t.serverDoc();
    const bad = await connectRaw(t.s.wsUrl, t.room, `?token=${t.token}`);
    bad.send(updateFrame(DECODES_BUT_DOES_NOT_APPLY));
    expect((await bad.closed).code).toBe(CloseCode.badMessage);
    await waitFor(() => t.serverDoc() !== before, 10_000, 'document rebuilt');
    const w = rawWriter(t.s, t.room, t.token);
    await waitFor(() => countClauses(w.doc) === 1, 10_000, 'writer synced');
    const seen = w.seen.length;
    textOf(w.doc, LOCKED).insert(0, 'After rebuild ');
    await waitFor(() => w.seen.length > seen, 10_000, 'echo');
    await waitFor(() => clauseXml(w.doc) === t.agreed, 10_000, 'sender undone');
    expect(clauseXml(t.serverDoc())).toBe(t.agreed);
  });

  it('LOCK-1 locking a document nobody has open loads it, and frees it again afterwards', async () => {
    const t = await setup({ lock: false });
    for (const c of clients.splice(0)) c.destroy();
    await waitFor(() => t.s.server.sync.registry.get(t.room) === undefined, 10_000, 'unloaded');
    await t.s.server.locks.lock({ ...t.ref, decisionId: 'dc-3' });
    await waitFor(() => t.s.server.sync.registry.get(t.room) === undefined, 10_000, 'unloaded');
    const stored = storedDoc(t.s.dataDir, t.room);
    expect(findClauseElement(stored, LOCKED).el.getAttribute('locked')).toBe('dc-3');
    stored.destroy();
  });
});
