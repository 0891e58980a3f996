import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ActionItemDto, FacilitationEventData, MeetingDto, MinutesDto } from '@akkoord/domain';
import { waitFor } from '../helpers/clients';
import { facilitationWorld } from './helpers/facilitationWorld';
import { call, expectError, expectFieldError, join, register, type TestUser } from './helpers/http';

/**
 * Minutes and action items (SPEC.md MIN-1..3, FACILITATION.md) against a real server: real
 * SQLite file, real HTTP on port 0, meetings run through the meetings API. What other modules
 * record during a meeting that this suite cannot produce cheaply (a logged decision, the
 * clauses kept at the start) is written into their tables directly, as those modules would.
 */

const suite = facilitationWorld({ server: { eventHeartbeatMs: 300 } });
const { fac, negA, negB, obs, outsider, wsId } = suite;
const meetingPath = (mid: string) => `/api/workspaces/${wsId()}/meetings/${mid}`;

/** Writes into another module's table, as that module would have. */
function writeDb(sql: string, ...params: unknown[]): void {
  const db = new Database(path.join(suite.srv.dataDir, 'akkoord.sqlite'), { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

async function ok<T>(
  user: TestUser,
  method: string,
  p: string,
  body?: unknown,
  status = 200,
): Promise<T> {
  const res = await suite.as<T>(user, method, p, body);
  if (res.status !== status)
    throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A meeting created and started by the facilitator. */
async function startedMeeting(title = 'Derde overleg'): Promise<MeetingDto> {
  const { meeting } = await ok<{ meeting: MeetingDto }>(
    fac(),
    'POST',
    `/api/workspaces/${wsId()}/meetings`,
    {
      title,
      scheduledFor: '2026-12-01T18:30:00.000Z',
      items: [{ title: 'Nieuwbouw', timeboxMinutes: 30 }],
    },
    201,
  );
  await ok(fac(), 'POST', `${meetingPath(meeting.id)}/start`);
  return meeting;
}

async function endMeeting(mid: string): Promise<MinutesDto> {
  const r = await ok<{ minutes: MinutesDto }>(fac(), 'POST', `${meetingPath(mid)}/end`);
  return r.minutes;
}

const getMinutes = (user: TestUser, mid: string) =>
  call<MinutesDto>(suite.srv.url, 'GET', `${meetingPath(mid)}/minutes`, { token: user.token });

describe('minutes of a meeting', () => {
  let mid: string;
  let draft: MinutesDto;

  beforeAll(async () => {
    const meeting = await startedMeeting('Derde overleg *vet*');
    mid = meeting.id;
    await ok(negA(), 'POST', `${meetingPath(mid)}/attend`, undefined, 204);
    await ok(negB(), 'POST', `${meetingPath(mid)}/attend`, undefined, 204);
    await ok(
      negA(),
      'POST',
      `/api/workspaces/${wsId()}/parking`,
      { title: 'Parkeerbeleid', scope: 'out-of-scope', meetingId: mid },
      201,
    );
    await ok(
      negB(),
      'POST',
      `${meetingPath(mid)}/actions`,
      {
        description: 'Grondprijs uitzoeken',
        ownerPartyId: suite.world.partyB.id,
        due: '2027-01-15',
      },
      201,
    );
    // What the consent module logs, and the clauses the meetings module kept at the start.
    writeDb(
      `INSERT INTO decisions (id, workspace_id, meeting_id, kind, target, clause_number, outcome,
         reason, positions, actor_id, actor_name, at) VALUES (?, ?, ?, 'consent', ?, 'B-07',
         'not-agreed', '', ?, ?, 'Fenna', ?)`,
      'dec_1',
      wsId(),
      mid,
      JSON.stringify({
        kind: 'clause',
        documentId: suite.world.docs.agreement.id,
        clauseId: 'c-x',
      }),
      JSON.stringify([
        {
          partyId: suite.world.partyA.id,
          position: 'agree',
          reason: '',
          userId: negA().id,
          name: negA().name,
          at: '2026-12-01T19:00:00.000Z',
        },
        {
          partyId: suite.world.partyB.id,
          position: 'object',
          reason: 'Te duur voor de gemeente',
          userId: negB().id,
          name: negB().name,
          at: '2026-12-01T19:01:00.000Z',
        },
      ]),
      fac().id,
      Date.now(),
    );
    writeDb(
      'UPDATE meetings SET clauses_at_start = ? WHERE id = ?',
      JSON.stringify([
        {
          id: 'c-gone',
          number: 'Z-01',
          theme: null,
          text: 'Een artikel dat tijdens het overleg verdween.',
          owner: null,
          counterparts: [],
          status: 'draft',
        },
      ]),
      mid,
    );
    draft = await endMeeting(mid);
  });

  it('MIN-1 ending the meeting writes version 1 of the draft with every part', () => {
    expect(draft).toMatchObject({ meetingId: mid, status: 'draft', version: 1, approvals: [] });
    const md = draft.body;
    expect(md).toContain('# Verslag: Derde overleg \\*vet\\*');
    expect(md).toContain(`- **${suite.world.partyA.name}**: negotiatorA`);
    expect(md).toContain(`- **${suite.world.partyB.name}**: negotiatorB`);
    expect(md).toMatch(/- Nieuwbouw \(\d+ van 30 min\)/);
    expect(md).toContain('- **Artikel B-07**: geen akkoord');
    expect(md).toContain(`  - ${suite.world.partyB.name}: bezwaar — Te duur voor de gemeente`);
    expect(md).toContain(
      '- **Z-01** (verwijderd): ~~Een artikel dat tijdens het overleg verdween.~~',
    );
    expect(md).toContain('- Parkeerbeleid (buiten de afspraken)');
    expect(md).toContain(
      `- Grondprijs uitzoeken — **${suite.world.partyB.name}** (vóór 2027-01-15)`,
    );
  });

  it('MIN-1 every member reads the minutes, observers too; outsiders get 404', async () => {
    const res = await getMinutes(obs(), mid);
    expect(res.status).toBe(200);
    expect(res.body.body).toBe(draft.body);
    expectError(await getMinutes(outsider(), mid), 404, 'not_found');
  });

  it('MIN-1 a meeting that has not ended has no minutes (404)', async () => {
    const { meeting } = await ok<{ meeting: MeetingDto }>(
      fac(),
      'POST',
      `/api/workspaces/${wsId()}/meetings`,
      { title: 'Later', scheduledFor: '2027-01-01T18:30:00.000Z' },
      201,
    );
    expectError(await getMinutes(fac(), meeting.id), 404, 'not_found');
    expectError(await getMinutes(fac(), 'nope'), 404, 'not_found');
  });

  it('MIN-3 exports Markdown as an attachment with every section', async () => {
    const res = await fetch(`${suite.srv.url}${meetingPath(mid)}/minutes/export?format=md`, {
      headers: { authorization: `Bearer ${obs().token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="verslag-derde-overleg-vet.md"',
    );
    const md = await res.text();
    for (const h of [
      'Aanwezigen',
      'Agenda',
      'Besluiten',
      'Gewijzigde artikelen',
      'Parkeerplaats',
      'Actiepunten',
    ])
      expect(md).toContain(`\n## ${h}\n`);
  });

  it('MIN-3 exports a PDF that holds the text', async () => {
    const res = await fetch(`${suite.srv.url}${meetingPath(mid)}/minutes/export?format=pdf`, {
      headers: { authorization: `Bearer ${negA().token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.pdf"$/);
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('Verslag: Derde overleg *vet*');
    expect(text).toContain('Aanwezigen');
    expect(text).toContain('Te duur voor de gemeente');
    expect(text).toContain('Grondprijs uitzoeken');
  });

  it('MIN-3 refuses an unknown export format (400)', async () => {
    const res = await call(suite.srv.url, 'GET', `${meetingPath(mid)}/minutes/export?format=docx`, {
      token: fac().token,
    });
    expectFieldError(res, 'format');
  });
});

describe('amending and approving', () => {
  it('MIN-2 amend: version-checked (409 when stale), observers 403, approvals cleared', async () => {
    const meeting = await startedMeeting('Amendementen');
    const v1 = await endMeeting(meeting.id);
    const p = `${meetingPath(meeting.id)}/minutes`;

    expectError(
      await call(suite.srv.url, 'PUT', p, { token: obs().token, body: { body: 'x', version: 1 } }),
      403,
      'forbidden',
    );
    expectFieldError(
      await call(suite.srv.url, 'PUT', p, { token: negA().token, body: { body: 'x' } }),
      'version',
    );

    const approved = await ok<MinutesDto>(negA(), 'POST', `${p}/approve`, { version: 1 });
    expect(approved.approvals.map((a) => a.partyId)).toEqual([suite.world.partyA.id]);

    const v2 = await ok<MinutesDto>(negB(), 'PUT', p, {
      body: `${v1.body}\nAanvulling.`,
      version: 1,
    });
    expect(v2).toMatchObject({ version: 2, status: 'draft', approvals: [] });
    expect(v2.updatedBy).toEqual({ userId: negB().id, name: negB().name });
    expect(v2.body).toContain('Aanvulling.');

    const stale = await call(suite.srv.url, 'PUT', p, {
      token: fac().token,
      body: { body: 'overschreven', version: 1 },
    });
    expectError(stale, 409, 'conflict');
    expect((await getMinutes(fac(), meeting.id)).body.body).toContain('Aanvulling.');
  });

  it('MIN-2 approve: own party only by negotiators, stale version 409, all parties lock it', async () => {
    const meeting = await startedMeeting('Goedkeuren');
    await endMeeting(meeting.id);
    const p = `${meetingPath(meeting.id)}/minutes`;

    for (const u of [fac(), obs()])
      expectError(
        await call(suite.srv.url, 'POST', `${p}/approve`, { token: u.token, body: { version: 1 } }),
        403,
        'forbidden',
      );
    expectError(
      await call(suite.srv.url, 'POST', `${p}/approve`, {
        token: negA().token,
        body: { version: 2 },
      }),
      409,
      'conflict',
    );

    // Every party of the workspace must approve: the world has three, two with a negotiator.
    const third = suite.world.workspace.parties[2]!;
    const negC = await register(suite.srv.url, 'negotiatorC');
    await join(suite.srv.url, fac().token, wsId(), negC, 'negotiator', third.id);

    await ok(negA(), 'POST', `${p}/approve`, { version: 1 });
    const two = await ok<MinutesDto>(negB(), 'POST', `${p}/approve`, { version: 1 });
    expect(two.status).toBe('draft');
    expect(two.lockedAt).toBeNull();
    const locked = await ok<MinutesDto>(negC, 'POST', `${p}/approve`, { version: 1 });
    expect(locked.status).toBe('locked');
    expect(locked.lockedAt).not.toBeNull();
    expect(locked.approvals.map((a) => a.partyId).sort()).toEqual(
      [suite.world.partyA.id, suite.world.partyB.id, third.id].sort(),
    );

    expectError(
      await call(suite.srv.url, 'PUT', p, {
        token: negA().token,
        body: { body: 'later', version: 1 },
      }),
      409,
      'conflict',
    );
    expectError(
      await call(suite.srv.url, 'POST', `${p}/approve`, {
        token: negA().token,
        body: { version: 1 },
      }),
      409,
      'conflict',
    );
    expectError(
      await call(suite.srv.url, 'POST', `${meetingPath(meeting.id)}/actions`, {
        token: negA().token,
        body: { description: 'Te laat' },
      }),
      409,
      'conflict',
    );
  });
});

describe('action items', () => {
  it('MIN-1 CRUD by members who are not observers; owner must belong to the workspace', async () => {
    const meeting = await startedMeeting('Acties');
    const p = `${meetingPath(meeting.id)}/actions`;

    expectError(
      await call(suite.srv.url, 'POST', p, { token: obs().token, body: { description: 'x' } }),
      403,
      'forbidden',
    );
    expectError(
      await call(suite.srv.url, 'POST', p, { token: outsider().token, body: { description: 'x' } }),
      404,
      'not_found',
    );
    expectFieldError(
      await call(suite.srv.url, 'POST', p, { token: negA().token, body: {} }),
      'description',
    );
    expectFieldError(
      await call(suite.srv.url, 'POST', p, {
        token: negA().token,
        body: { description: 'x', ownerPartyId: 'elders' },
      }),
      'ownerPartyId',
    );
    expectFieldError(
      await call(suite.srv.url, 'POST', p, {
        token: negA().token,
        body: { description: 'x', ownerUserId: outsider().id },
      }),
      'ownerUserId',
    );
    expectFieldError(
      await call(suite.srv.url, 'POST', p, {
        token: negA().token,
        body: { description: 'x', due: '2027-02-30' },
      }),
      'due',
    );

    const { action } = await ok<{ action: ActionItemDto }>(
      negA(),
      'POST',
      p,
      { description: 'Notitie schrijven', ownerUserId: negA().id },
      201,
    );
    expect(action).toMatchObject({
      meetingId: meeting.id,
      description: 'Notitie schrijven',
      ownerUserId: negA().id,
      ownerPartyId: null,
      due: null,
    });

    const patched = await ok<{ action: ActionItemDto }>(fac(), 'PATCH', `${p}/${action.id}`, {
      due: '2027-03-01',
      ownerPartyId: suite.world.partyA.id,
    });
    expect(patched.action).toMatchObject({
      description: 'Notitie schrijven',
      due: '2027-03-01',
      ownerPartyId: suite.world.partyA.id,
    });
    expectError(
      await call(suite.srv.url, 'PATCH', `${p}/${action.id}`, {
        token: obs().token,
        body: { due: null },
      }),
      403,
      'forbidden',
    );

    const list = await ok<{ actions: ActionItemDto[] }>(obs(), 'GET', p);
    expect(list.actions.map((a) => a.id)).toEqual([action.id]);

    // The draft names the person and the party.
    const minutes = await endMeeting(meeting.id);
    expect(minutes.body).toContain(
      `- Notitie schrijven — **${suite.world.partyA.name}, negotiatorA** (vóór 2027-03-01)`,
    );

    await ok(negB(), 'DELETE', `${p}/${action.id}`, undefined, 204);
    expectError(
      await call(suite.srv.url, 'DELETE', `${p}/${action.id}`, { token: negB().token }),
      404,
      'not_found',
    );
    expect((await ok<{ actions: ActionItemDto[] }>(fac(), 'GET', p)).actions).toEqual([]);
  });
});

describe('live events', () => {
  it('MIN-2 changes to minutes and actions reach members’ streams as facilitation events', async () => {
    const s = await suite.events(obs());
    expect(s.status).toBe(200);
    const meeting = await startedMeeting('Live');
    await ok(negA(), 'POST', `${meetingPath(meeting.id)}/actions`, { description: 'a' }, 201);
    await endMeeting(meeting.id);
    await ok(negA(), 'PUT', `${meetingPath(meeting.id)}/minutes`, { body: 'b', version: 1 });
    const mine = () =>
      s.data<FacilitationEventData>('facilitation').filter((e) => e.meetingId === meeting.id);
    await waitFor(() => mine().filter((e) => e.topic === 'minutes').length >= 2);
    expect(mine().some((e) => e.topic === 'actions')).toBe(true);
  });
});

/**
 * The text a PDF shows, read back from its (uncompressed) content streams: pdfkit writes each
 * run as hex strings in TJ arrays (WinAnsi, which matches Latin-1 for our test text).
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const tj of raw.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    let s = '';
    for (const hex of tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g))
      s += Buffer.from(hex[1]!, 'hex').toString('latin1');
    lines.push(s);
  }
  return lines.join('');
}
