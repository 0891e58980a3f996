import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocumentExport, readOutline, type WorkspaceDto } from '@akkoord/domain';
import { connectClient, waitFor, whenSynced, type Client } from './helpers/clients';
import { provision, type Provisioned } from './helpers/provision';
import { startTestServer, type TestServer } from './helpers/testServer';
import { counterpartElement, paragraphElement, themeSectionOf } from './helpers/yElements';

/**
 * GET /api/workspaces/:id/documents/:docId/export, against a real server with real accounts:
 * templates at creation, clauses written by sync clients, JSON and Markdown, who may export.
 */

let ts: TestServer;
let fac: Provisioned;
let ws: WorkspaceDto;
const users: Record<'corp' | 'gem' | 'observer' | 'stranger', { token: string; id: string }> =
  {} as never;
const clients: Client[] = [];

async function api(path: string, token?: string, init: RequestInit = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(ts.url + path, { ...init, headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Markdown
  }
  return { status: res.status, body, text, type: res.headers.get('content-type') ?? '' };
}

async function register(name: string) {
  const res = await api('/api/auth/register', undefined, {
    method: 'POST',
    body: JSON.stringify({
      email: `x-${randomUUID()}@example.nl`,
      password: 'geheim-wachtwoord-1',
      name,
    }),
  });
  expect(res.status).toBe(201);
  const { token, user } = res.body as { token: string; user: { id: string } };
  return { token, id: user.id };
}

async function join(user: { token: string }, role: string, partyId?: string) {
  const inv = await api(`/api/workspaces/${ws.id}/invitations`, fac.token, {
    method: 'POST',
    body: JSON.stringify({ role, ...(partyId ? { partyId } : {}) }),
  });
  expect(inv.status).toBe(201);
  const { token } = (inv.body as { invitation: { token: string } }).invitation;
  expect(
    (await api(`/api/invitations/${token}/accept`, user.token, { method: 'POST' })).status,
  ).toBe(200);
}

const partyOf = (kind: string) => ws.parties.find((p) => p.kind === kind)!;
const docOf = (kind: string, partyId?: string) =>
  ws.documents.find((d) => d.kind === kind && (partyId === undefined || d.partyId === partyId))!;
const exportPath = (docId: string, query = '') =>
  `/api/workspaces/${ws.id}/documents/${docId}/export${query}`;

async function connect(room: string, token: string): Promise<Client> {
  const c = connectClient(ts.wsUrl, room, { params: { token } });
  clients.push(c);
  await whenSynced(c);
  return c;
}

beforeAll(async () => {
  ts = await startTestServer({}, { realAuth: true });
  fac = await provision(ts.url, 'Woonafspraken Voorbeeldstad');
  ws = fac.workspace;
  const [corp, gem, observer, stranger] = await Promise.all(
    ['Corinne', 'Gerrit', 'Olga', 'Stefan'].map(register),
  );
  Object.assign(users, { corp, gem, observer, stranger });
  await join(users.corp, 'negotiator', partyOf('corporation').id);
  await join(users.gem, 'negotiator', partyOf('municipality').id);
  await join(users.observer, 'observer');
});

afterAll(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await ts?.stop();
});

describe('templates', () => {
  it('writes the template into the log of a new process and agreement document before anyone connects', async () => {
    expect(ts.server.sync.registry.get(fac.rooms.process)).toBeUndefined();
    for (const [room, sections] of [
      [fac.rooms.process, 7],
      [fac.rooms.agreement, 9],
    ] as const) {
      const stored = await ts.server.store.load(room);
      expect(stored.updates.length).toBe(1);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, stored.updates[0]!.data);
      expect(readOutline(doc).sections).toHaveLength(sections);
      doc.destroy();
    }
    const notes = await ts.server.store.load(docOf('party-notes', partyOf('tenants').id).room);
    expect(notes.updates).toEqual([]);
  });

  it('shows the process sections of tip 3 with the statutory dates to a client', async () => {
    const c = await connect(fac.rooms.process, fac.token);
    const outline = readOutline(c.doc);
    expect(outline.sections.map((s) => s.theme)).toEqual([
      'verwachtingen',
      'vergaderafspraken',
      'besluitvorming',
      'reikwijdte',
      'procesbegeleiding',
      'voortgang',
      'kalender',
    ]);
    const calendar = outline.sections.at(-1)!.guidance;
    expect(calendar).toContain('1 juli');
    expect(calendar).toContain('15 december');
    expect(outline.clauses).toEqual([]);
    const res = await api(exportPath(docOf('process').id), fac.token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      document: { id: docOf('process').id, kind: 'process', title: 'Procesafspraken' },
      clauses: [],
    });
  });
});

describe('export of clauses written by sync clients', () => {
  const agreement = () => docOf('agreement');

  async function exported(): Promise<DocumentExport> {
    const res = await api(exportPath(agreement().id, '?format=json'), users.corp.token);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/json/);
    return DocumentExport.parse(res.body);
  }

  async function waitForExport(
    pred: (e: DocumentExport) => boolean,
    what: string,
  ): Promise<DocumentExport> {
    const start = Date.now();
    for (;;) {
      const e = await exported();
      if (pred(e)) return e;
      if (Date.now() - start > 10_000)
        throw new Error(`timed out waiting for ${what}: ${JSON.stringify(e)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('shows owner, counterpart and text of a clause written with Y.XmlElements, live', async () => {
    const corp = partyOf('corporation').id;
    const gem = partyOf('municipality').id;
    const a = await connect(fac.rooms.agreement, users.corp.token);
    const clause = new Y.XmlElement('clause');
    clause.setAttribute('id', 'c-nieuwbouw');
    clause.setAttribute('owner', corp);
    clause.setAttribute('status', 'proposed');
    const text = new Y.XmlElement('clauseText');
    text.insert(0, [
      paragraphElement('Woonstede bouwt 120 sociale huurwoningen.'),
      paragraphElement('Oplevering in 2028.'),
    ]);
    clause.insert(0, [
      text,
      counterpartElement(gem, 'De gemeente levert grond tegen een sociale grondprijs.'),
    ]);
    const s = themeSectionOf(a.doc, 'beschikbaarheid');
    s.insert(s.length, [clause]);

    const e = await waitForExport((x) => x.clauses.length === 1, 'the clause');
    expect(ts.server.sync.registry.get(fac.rooms.agreement)?.state).toBe('active');
    expect(e).toEqual({
      document: { id: agreement().id, kind: 'agreement', title: 'Prestatieafspraken' },
      clauses: [
        {
          id: 'c-nieuwbouw',
          number: 'B-01',
          theme: 'beschikbaarheid',
          text: 'Woonstede bouwt 120 sociale huurwoningen.\nOplevering in 2028.',
          owner: corp,
          counterparts: [
            { party: gem, commitment: 'De gemeente levert grond tegen een sociale grondprijs.' },
          ],
          status: 'proposed',
        },
      ],
    });
  });

  it('follows a second party’s counterpart and a new clause, with derived numbers', async () => {
    const b = await connect(fac.rooms.agreement, users.gem.token);
    await waitFor(
      () => readOutline(b.doc).clauses.length === 1,
      10_000,
      'the clause at the second client',
    );
    const s = themeSectionOf(b.doc, 'beschikbaarheid');
    const clause = s.get(s.length - 1) as Y.XmlElement;
    const tenants = partyOf('tenants').id;
    clause.insert(clause.length, [counterpartElement(tenants, 'Denkt mee over het ontwerp.')]);
    const earlier = new Y.XmlElement('clause');
    earlier.setAttribute('id', 'c-vergunning');
    earlier.setAttribute('owner', partyOf('municipality').id);
    const t = new Y.XmlElement('clauseText');
    t.insert(0, [paragraphElement('De gemeente versnelt de vergunningen.')]);
    earlier.insert(0, [t]);
    s.insert(2, [earlier]); // after heading and guidance: now the first clause

    const e = await waitForExport(
      (x) => x.clauses.length === 2 && x.clauses[1]!.counterparts.length === 2,
      'both edits',
    );
    expect(e.clauses.map((c) => [c.id, c.number, c.owner, c.status])).toEqual([
      ['c-vergunning', 'B-01', partyOf('municipality').id, 'draft'],
      ['c-nieuwbouw', 'B-02', partyOf('corporation').id, 'proposed'],
    ]);
    expect(e.clauses[1]!.counterparts.map((c) => c.party)).toEqual([
      partyOf('municipality').id,
      tenants,
    ]);
  });

  it('exports Markdown with title, themes, numbered clauses, owner names, counterparts and status', async () => {
    const res = await api(exportPath(agreement().id, '?format=markdown'), users.observer.token);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/markdown/);
    const md = res.text;
    expect(md.startsWith('# Prestatieafspraken\n')).toBe(true);
    expect(md).toContain('## Beschikbaarheid');
    expect(md).toContain('## Financiële afspraken');
    expect(md).toContain('### B-01 · Gemeente · Concept');
    expect(md).toContain('### B-02 · Woningcorporatie · Voorgesteld');
    expect(md).toContain('Woonstede bouwt 120 sociale huurwoningen.');
    expect(md).toContain('- **Gemeente**: De gemeente levert grond tegen een sociale grondprijs.');
    expect(md).toContain('- **Huurdersorganisatie**: Denkt mee over het ontwerp.');
    expect(md.indexOf('### B-01')).toBeLessThan(md.indexOf('### B-02'));
    const en = await api(exportPath(agreement().id, '?format=markdown&lang=en'), users.corp.token);
    expect(en.text).toContain('### B-02 · Woningcorporatie · Proposed');
  });

  it('reads the stored document once nobody has it open', async () => {
    for (const c of clients.splice(0)) c.destroy();
    await waitFor(
      () => ts.server.sync.registry.get(fac.rooms.agreement) === undefined,
      10_000,
      'the room to unload',
    );
    const e = await exported();
    expect(e.clauses.map((c) => c.number)).toEqual(['B-01', 'B-02']);
    expect(e.clauses[1]!.text).toBe(
      'Woonstede bouwt 120 sociale huurwoningen.\nOplevering in 2028.',
    );
    // Reading did not load the room.
    expect(ts.server.sync.registry.get(fac.rooms.agreement)).toBeUndefined();
  });
});

describe('who may export', () => {
  it('answers 401 without credentials', async () => {
    const res = await api(exportPath(docOf('agreement').id));
    expect(res.status).toBe(401);
  });

  it('answers 404 to non-members, for real and made-up ids alike', async () => {
    for (const path of [
      exportPath(docOf('agreement').id),
      exportPath(docOf('agreement').id, '?format=pdf'),
      exportPath('d-nope'),
      `/api/workspaces/w-nope/documents/${docOf('agreement').id}/export`,
    ]) {
      const res = await api(path, users.stranger.token);
      expect(res.status, path).toBe(404);
      expect((res.body as { error: { code: string } }).error.code).toBe('not_found');
    }
  });

  it('answers 404 for an unknown document of the workspace', async () => {
    const res = await api(exportPath('d-nope'), fac.token);
    expect(res.status).toBe(404);
  });

  it('lets only that party export its party notes', async () => {
    const corpNotes = docOf('party-notes', partyOf('corporation').id);
    const gemNotes = docOf('party-notes', partyOf('municipality').id);
    const own = await api(exportPath(corpNotes.id), users.corp.token);
    expect(own.status).toBe(200);
    expect(own.body).toEqual({
      document: { id: corpNotes.id, kind: 'party-notes', title: corpNotes.title },
      clauses: [],
    });
    expect((await api(exportPath(gemNotes.id), users.corp.token)).status).toBe(404);
    expect((await api(exportPath(corpNotes.id), users.gem.token)).status).toBe(404);
    expect((await api(exportPath(corpNotes.id), fac.token)).status).toBe(404);
    expect(
      (await api(exportPath(corpNotes.id, '?format=markdown'), users.observer.token)).status,
    ).toBe(404);
  });

  it('lets observers and the facilitator export the shared documents', async () => {
    expect((await api(exportPath(docOf('agreement').id), users.observer.token)).status).toBe(200);
    expect((await api(exportPath(docOf('process').id, '?format=markdown'), fac.token)).status).toBe(
      200,
    );
  });

  it('answers 400 with field details for an unknown format or language', async () => {
    for (const query of [
      '?format=pdf',
      '?format=',
      '?format=json&format=markdown',
      '?format=markdown&lang=fr',
    ]) {
      const res = await api(exportPath(docOf('agreement').id, query), users.corp.token);
      expect(res.status, query).toBe(400);
      const err = (
        res.body as { error: { code: string; details: { fields: Record<string, string> } } }
      ).error;
      expect(err.code).toBe('validation_failed');
      expect(Object.keys(err.details.fields)).toEqual([query.includes('lang') ? 'lang' : 'format']);
    }
  });
});
