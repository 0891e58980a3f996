import type { NotificationListDto, NotificationPreferencesDto } from '@akkoord/domain';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NotificationEvent } from '../../src/notifications/Notifier';
import * as Y from 'yjs';
import { connectClient, waitFor, whenSynced } from '../helpers/clients';
import { deadPort, startSmtpSink, type SinkMail, type SmtpSink } from '../helpers/smtpSink';
import { startTestServer, type TestServer } from '../helpers/testServer';
import {
  buildWorld,
  call,
  expectError,
  expectFieldError,
  join,
  register,
  type World,
} from './helpers/http';
import { readDb, storedAnywhere, writeDb } from './helpers/sockets';

/**
 * Notifications end to end: a real server (real SQLite file, HTTP on port 0) whose notifier is
 * driven directly, the REST inbox, and e-mail delivered to a real SMTP server on loopback.
 */

const PUBLIC_URL = 'https://akkoord.test';
let sink: SmtpSink;
let srv: TestServer;
let w: World;

beforeAll(async () => {
  sink = await startSmtpSink();
  srv = await startTestServer(
    {
      SMTP_URL: sink.url,
      MAIL_FROM: 'Akkoord <akkoord@akkoord.test>',
      PUBLIC_URL,
      DIGEST_HOUR: 8,
      DIGEST_TIMEZONE: 'UTC',
      // Runs are triggered by the tests; the interval stays out of the way.
      MAIL_INTERVAL_MS: 3_600_000,
    },
    { realAuth: true },
  );
});
afterAll(async () => {
  await srv?.stop();
  await sink?.close();
});
beforeEach(async () => {
  sink.messages.splice(0);
  w = await buildWorld(srv.url);
});

const notifier = () => srv.server.notifications;
const digest = () => srv.server.digest!;

/** Hands events to the server's notifier, as the comments code does, and waits until stored. */
async function notify(...events: Partial<NotificationEvent>[]): Promise<void> {
  notifier().notify(
    events.map((e) => ({
      userId: w.users.negotiatorB.id,
      workspaceId: w.workspace.id,
      documentId: w.docs.agreement.id,
      kind: 'mention' as const,
      threadId: 't_1',
      actorId: w.users.negotiatorA.id,
      excerpt: 'Kun je naar de huursom kijken?',
      ...e,
    })),
  );
  await notifier().idle();
}

const inbox = async (token: string, query = '') => {
  const res = await call<NotificationListDto>(srv.url, 'GET', `/api/notifications${query}`, {
    token,
  });
  expect(res.status).toBe(200);
  return res.body;
};

const setEmail = async (token: string, email: string) => {
  const res = await call(srv.url, 'PUT', '/api/me/notification-preferences', {
    token,
    body: { email },
  });
  expect(res.status).toBe(200);
};

const mailsTo = (email: string): SinkMail[] => sink.messages.filter((m) => m.to.includes(email));

/** Tomorrow (UTC) at hh:mm: a digest run on a day that has not had one yet. */
const tomorrowAt = (hh: number, mm = 0) => {
  const d = new Date();
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1, hh, mm);
};

describe('notifications inbox (REST)', () => {
  it('NOTE-1 notify() puts a row in the inbox of the named user only', async () => {
    await notify({});
    const b = await inbox(w.users.negotiatorB.token);
    expect(b.unreadCount).toBe(1);
    expect(b.nextBefore).toBeNull();
    expect(b.notifications).toHaveLength(1);
    expect(b.notifications[0]).toMatchObject({
      kind: 'mention',
      workspaceId: w.workspace.id,
      workspaceTitle: 'Voorbeeldstad 2026',
      documentId: w.docs.agreement.id,
      documentTitle: w.docs.agreement.title,
      threadId: 't_1',
      actor: { id: w.users.negotiatorA.id, name: 'negotiatorA' },
      excerpt: 'Kun je naar de huursom kijken?',
      readAt: null,
      path: `/w/${w.workspace.id}/d/${w.docs.agreement.id}?thread=t_1`,
    });
    for (const other of ['facilitator', 'negotiatorA', 'observer', 'outsider'] as const) {
      expect(await inbox(w.users[other].token), other).toEqual({
        notifications: [],
        unreadCount: 0,
        nextBefore: null,
      });
    }
  });

  it('NOTE-4 newest first, ?unread=1, paging with before; bad queries are 400; no login is 401', async () => {
    for (let i = 1; i <= 4; i++) {
      await notify({ excerpt: `bericht ${i}` });
      await new Promise((r) => setTimeout(r, 2));
    }
    const token = w.users.negotiatorB.token;
    const p1 = await inbox(token, '?limit=3');
    expect(p1.notifications.map((n) => n.excerpt)).toEqual(['bericht 4', 'bericht 3', 'bericht 2']);
    expect(p1.unreadCount).toBe(4);
    const p2 = await inbox(token, `?limit=3&before=${p1.nextBefore}`);
    expect(p2.notifications.map((n) => n.excerpt)).toEqual(['bericht 1']);
    expect(p2.nextBefore).toBeNull();

    const r = await call(srv.url, 'POST', `/api/notifications/${p1.notifications[0]!.id}/read`, {
      token,
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ unreadCount: 3 });
    const unread = await inbox(token, '?unread=1');
    expect(unread.notifications.map((n) => n.excerpt)).toEqual([
      'bericht 3',
      'bericht 2',
      'bericht 1',
    ]);
    expect((await inbox(token)).notifications[0]!.readAt).toEqual(expect.any(Number));

    expectFieldError(await call(srv.url, 'GET', '/api/notifications?limit=0', { token }), 'limit');
    expectFieldError(
      await call(srv.url, 'GET', '/api/notifications?unread=ja', { token }),
      'unread',
    );
    expectFieldError(
      await call(srv.url, 'GET', '/api/notifications?before=n_unknown', { token }),
      'before',
    );
    expectError(await call(srv.url, 'GET', '/api/notifications'), 401, 'unauthenticated');
    expectError(await call(srv.url, 'POST', '/api/notifications/read-all'), 401);
  });

  it('NOTE-4 read-all marks only the caller’s rows; another user’s row is 404 to them', async () => {
    await notify(
      {},
      { excerpt: 'tweede' },
      { userId: w.users.negotiatorA.id, actorId: w.users.negotiatorB.id },
    );
    const aRow = (await inbox(w.users.negotiatorA.token)).notifications[0]!;
    expectError(
      await call(srv.url, 'POST', `/api/notifications/${aRow.id}/read`, {
        token: w.users.negotiatorB.token,
      }),
      404,
      'not_found',
    );
    const all = await call(srv.url, 'POST', '/api/notifications/read-all', {
      token: w.users.negotiatorB.token,
    });
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ unreadCount: 0 });
    expect((await inbox(w.users.negotiatorB.token)).unreadCount).toBe(0);
    expect((await inbox(w.users.negotiatorA.token)).unreadCount).toBe(1);
    expectError(
      await call(srv.url, 'POST', '/api/notifications/n_doesnotexist/read', {
        token: w.users.negotiatorA.token,
      }),
      404,
    );
  });

  it('NOTE-2 nothing internal leaks: another party’s notes never notify, and no one sees another’s rows', async () => {
    await notify(
      // Party A's internal notes: only party A's negotiators may be told.
      { documentId: w.docs.notesA.id, excerpt: 'intern: ons minimum is 40 woningen' },
      { userId: w.users.facilitator.id, documentId: w.docs.notesA.id, excerpt: 'intern 2' },
      { userId: w.users.observer.id, documentId: w.docs.notesA.id, excerpt: 'intern 3' },
      { userId: w.users.outsider.id, excerpt: 'buitenstaander' },
      // Someone outside the workspace's documents entirely.
      { documentId: w.otherWorkspace.documents[0]!.id, excerpt: 'elders' },
    );
    for (const u of Object.values(w.users)) {
      const box = await inbox(u.token);
      expect(box.notifications, u.name).toEqual([]);
    }
    const u = w.users;
    const stored = readDb<{ n: number }>(
      srv.dataDir,
      'SELECT count(*) AS n FROM notifications WHERE user_id IN (?, ?, ?, ?)',
      u.negotiatorB.id,
      u.facilitator.id,
      u.observer.id,
      u.outsider.id,
    );
    expect(stored[0]!.n).toBe(0);
    // Party A's own negotiators are told about their notes.
    await notify({
      userId: w.users.negotiatorA.id,
      actorId: w.users.facilitator.id,
      documentId: w.docs.notesA.id,
      excerpt: 'alleen voor A',
    });
    expect((await inbox(w.users.negotiatorA.token)).notifications.map((n) => n.excerpt)).toEqual([
      'alleen voor A',
    ]);
    expect((await inbox(w.users.negotiatorB.token)).notifications).toEqual([]);
  });

  it('NOTE-5 a member who is removed or moved to another party no longer sees that workspace’s notifications', async () => {
    await notify(
      {},
      {
        userId: w.users.negotiatorA.id,
        actorId: w.users.facilitator.id,
        documentId: w.docs.notesA.id,
        excerpt: 'intern A',
      },
    );
    const fac = w.users.facilitator.token;
    const moved = await call(
      srv.url,
      'PATCH',
      `/api/workspaces/${w.workspace.id}/members/${w.users.negotiatorA.id}`,
      { token: fac, body: { role: 'negotiator', partyId: w.partyB.id } },
    );
    expect(moved.status).toBe(200);
    expect(await inbox(w.users.negotiatorA.token)).toMatchObject({
      notifications: [],
      unreadCount: 0,
    });
    const removed = await call(
      srv.url,
      'DELETE',
      `/api/workspaces/${w.workspace.id}/members/${w.users.negotiatorB.id}`,
      { token: fac },
    );
    expect(removed.status).toBe(204);
    expect(await inbox(w.users.negotiatorB.token)).toMatchObject({
      notifications: [],
      unreadCount: 0,
    });
    // And the rows are gone from storage, not only hidden.
    await notifier().idle();
    const left = readDb<{ n: number }>(
      srv.dataDir,
      'SELECT count(*) AS n FROM notifications WHERE workspace_id = ? AND user_id IN (?, ?)',
      w.workspace.id,
      w.users.negotiatorA.id,
      w.users.negotiatorB.id,
    );
    expect(left[0]!.n).toBe(0);
  });
});

describe('notification preferences', () => {
  it('NOTE-6 default daily; immediate, daily or none are stored; anything else is 400', async () => {
    const token = w.users.observer.token;
    const get = () =>
      call<{ preferences: NotificationPreferencesDto }>(
        srv.url,
        'GET',
        '/api/me/notification-preferences',
        { token },
      );
    expect((await get()).body).toEqual({ preferences: { email: 'daily', emailEnabled: true } });
    for (const email of ['immediate', 'none', 'daily']) {
      const put = await call(srv.url, 'PUT', '/api/me/notification-preferences', {
        token,
        body: { email },
      });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({ preferences: { email, emailEnabled: true } });
      expect((await get()).body).toEqual({ preferences: { email, emailEnabled: true } });
    }
    for (const body of [{ email: 'weekly' }, { email: 'IMMEDIATE' }, { email: null }, {}, []]) {
      expectFieldError(
        await call(srv.url, 'PUT', '/api/me/notification-preferences', { token, body }),
        ...(Array.isArray(body) ? [] : ['email']),
      );
    }
    expectError(
      await call(srv.url, 'PUT', '/api/me/notification-preferences', { body: { email: 'none' } }),
      401,
    );
    // Each person's own: the observer's choice did not touch anyone else's.
    const other = await call<{ preferences: NotificationPreferencesDto }>(
      srv.url,
      'GET',
      '/api/me/notification-preferences',
      { token: w.users.negotiatorB.token },
    );
    expect(other.body.preferences.email).toBe('daily');
  });

  it('NOTE-6 without SMTP_URL preferences are stored, e-mail is reported off and nothing is sent', async () => {
    const off = await startTestServer({ LOG_LEVEL: 'silent' }, { realAuth: true });
    try {
      const world = await buildWorld(off.url);
      const token = world.users.negotiatorB.token;
      const put = await call(off.url, 'PUT', '/api/me/notification-preferences', {
        token,
        body: { email: 'immediate' },
      });
      expect(put.body).toEqual({ preferences: { email: 'immediate', emailEnabled: false } });
      expect(off.server.digest).toBeNull();
      off.server.notifications.notify([
        {
          userId: world.users.negotiatorB.id,
          workspaceId: world.workspace.id,
          documentId: world.docs.agreement.id,
          kind: 'mention',
          actorId: world.users.negotiatorA.id,
          excerpt: 'zonder e-mail',
        },
      ]);
      await off.server.notifications.idle();
      const res = await call<NotificationListDto>(off.url, 'GET', '/api/notifications', { token });
      expect(res.body.notifications.map((n) => n.excerpt)).toEqual(['zonder e-mail']);
      expect(mailsTo(world.users.negotiatorB.email)).toEqual([]);
    } finally {
      await off.stop();
    }
  });
});

describe('notification e-mail (real SMTP sink)', () => {
  it('NOTE-9 immediate: the mail arrives with the right recipient, subject, link and escaped excerpt', async () => {
    await setEmail(w.users.negotiatorB.token, 'immediate');
    await notify({ excerpt: '<script>alert("x")</script> & meer' });
    await waitFor(() => mailsTo(w.users.negotiatorB.email).length === 1, 10_000, 'immediate mail');
    const [m] = mailsTo(w.users.negotiatorB.email);
    expect(m!.to).toEqual([w.users.negotiatorB.email]);
    expect(m!.from).toBe('akkoord@akkoord.test');
    expect(m!.subject).toBe(
      `negotiatorA noemde je in ${w.docs.agreement.title} (Voorbeeldstad 2026)`,
    );
    const link = `${PUBLIC_URL}/w/${w.workspace.id}/d/${w.docs.agreement.id}?thread=t_1`;
    expect(m!.text).toContain(link);
    expect(m!.text).toContain('<script>alert("x")</script> & meer');
    expect(m!.html).toContain(`href="${link}"`);
    expect(m!.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; meer');
    expect(m!.html).not.toContain('<script');
    // Marked: a later run does not send it again.
    await digest().run(Date.now());
    expect(mailsTo(w.users.negotiatorB.email)).toHaveLength(1);
    expect(sink.messages.every((x) => x.to.length === 1)).toBe(true);
  });

  it('NOTE-10 daily: several notifications become one digest mail, and are marked e-mailed', async () => {
    // negotiatorB keeps the default (daily).
    await notify({ excerpt: 'eerste punt' });
    await notify({ excerpt: 'tweede punt', kind: 'reply', threadId: 't_2' });
    await notify({
      excerpt: 'derde punt',
      kind: 'waiting-on',
      threadId: undefined,
      clauseId: 'c123',
    });
    await digest().idle();
    expect(mailsTo(w.users.negotiatorB.email)).toEqual([]);
    expect(await digest().runDigest(tomorrowAt(7, 59))).toBe(0);
    await digest().runDigest(tomorrowAt(8, 30));
    const mails = mailsTo(w.users.negotiatorB.email);
    expect(mails).toHaveLength(1);
    const m = mails[0]!;
    expect(m.subject).toBe('Akkoord: je overzicht van vandaag (3 meldingen)');
    for (const s of ['eerste punt', 'tweede punt', 'derde punt']) expect(m.text).toContain(s);
    expect(m.text).toContain(
      `${PUBLIC_URL}/w/${w.workspace.id}/d/${w.docs.agreement.id}?clause=c123`,
    );
    const rows = readDb<{ emailed_at: number | null }>(
      srv.dataDir,
      'SELECT emailed_at FROM notifications WHERE user_id = ?',
      w.users.negotiatorB.id,
    );
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.emailed_at !== null)).toBe(true);
    // One per day: a second run that day sends nothing more.
    await digest().runDigest(tomorrowAt(12));
    expect(mailsTo(w.users.negotiatorB.email)).toHaveLength(1);
    // Still in the inbox, still unread: e-mail does not mark anything read.
    expect((await inbox(w.users.negotiatorB.token)).unreadCount).toBe(3);
  });

  it('NOTE-11 none: neither immediate mail nor a digest', async () => {
    await setEmail(w.users.negotiatorB.token, 'none');
    await notify({ excerpt: 'niet mailen' });
    await digest().run(Date.now());
    await digest().runDigest(tomorrowAt(9));
    expect(mailsTo(w.users.negotiatorB.email)).toEqual([]);
    expect((await inbox(w.users.negotiatorB.token)).unreadCount).toBe(1);
  });

  it('NOTE-12 SMTP down: no crash, the mail is retried on the next run once it is back', async () => {
    const port = await deadPort();
    const down = await startTestServer(
      { SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL, MAIL_INTERVAL_MS: 3_600_000 },
      { realAuth: true },
    );
    let revived: SmtpSink | null = null;
    try {
      const world = await buildWorld(down.url);
      const b = world.users.negotiatorB;
      await call(down.url, 'PUT', '/api/me/notification-preferences', {
        token: b.token,
        body: { email: 'immediate' },
      });
      down.server.notifications.notify([
        {
          userId: b.id,
          workspaceId: world.workspace.id,
          documentId: world.docs.agreement.id,
          kind: 'mention',
          threadId: 't_9',
          actorId: world.users.negotiatorA.id,
          excerpt: 'komt later aan',
        },
      ]);
      await down.server.notifications.idle();
      await down.server.digest!.idle();
      expect(await down.server.digest!.run(Date.now())).toEqual({ immediate: 0, digests: 0 });
      // The server is fine: it answers, and the notification is in the inbox.
      expect((await call(down.url, 'GET', '/healthz')).status).toBe(200);
      const box = await call<NotificationListDto>(down.url, 'GET', '/api/notifications', {
        token: b.token,
      });
      expect(box.body.unreadCount).toBe(1);
      const unsent = readDb<{ n: number }>(
        down.dataDir,
        'SELECT count(*) AS n FROM notifications WHERE emailed_at IS NULL',
      );
      expect(unsent[0]!.n).toBe(1);

      revived = await startSmtpSink(port);
      expect(await down.server.digest!.run(Date.now())).toEqual({ immediate: 1, digests: 0 });
      expect(revived.messages).toHaveLength(1);
      expect(revived.messages[0]!.to).toEqual([b.email]);
      expect(revived.messages[0]!.text).toContain('komt later aan');
    } finally {
      await down.stop();
      await revived?.close();
    }
  });
});

describe('notification mail job lifecycle', () => {
  it('NOTE-13 buildServer starts the mail interval and shutdown stops it', async () => {
    const own = await startSmtpSink();
    const s = await startTestServer(
      { SMTP_URL: own.url, PUBLIC_URL, MAIL_INTERVAL_MS: 100 },
      { realAuth: true },
    );
    try {
      const world = await buildWorld(s.url);
      const b = world.users.negotiatorB;
      await call(s.url, 'PUT', '/api/me/notification-preferences', {
        token: b.token,
        body: { email: 'immediate' },
      });
      // Written behind the service's back: only the interval can find and send it.
      writeDb(
        s.dataDir,
        `INSERT INTO notifications (id, user_id, workspace_id, document_id, kind, actor_id, excerpt,
           recipient_role, recipient_party_id, created_at)
         VALUES ('n_direct', ?, ?, ?, 'reply', ?, 'via de interval', 'negotiator', ?, ?)`,
        b.id,
        world.workspace.id,
        world.docs.agreement.id,
        world.users.negotiatorA.id,
        world.partyB.id,
        Date.now(),
      );
      await own.waitForCount(1, 5000);
      expect(own.messages[0]!.text).toContain('via de interval');
    } finally {
      await s.stop();
    }
    expect(await s.server.digest!.run(Date.now())).toEqual({ immediate: 0, digests: 0 });
    await own.close();
  });
});

/** Adds a clause to the agreement through a real sync client, as the editor does. */
async function addClause(id: string): Promise<void> {
  const c = connectClient(srv.wsUrl, w.docs.agreement.room, {
    params: { token: w.users.facilitator.token },
  });
  try {
    await whenSynced(c);
    const section = c.doc
      .getXmlFragment('default')
      .toArray()
      .find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'themeSection')!;
    const el = new Y.XmlElement('clause');
    el.setAttribute('id', id);
    const text = new Y.XmlElement('clauseText');
    const p = new Y.XmlElement('paragraph');
    const t = new Y.XmlText();
    const words = `Artikel ${id}: de corporatie bouwt 80 woningen.`;
    t.insert(0, words);
    p.insert(0, [t]);
    text.insert(0, [p]);
    el.insert(0, [text]);
    section.insert(section.length, [el]);
    await waitFor(() => storedAnywhere(srv.dataDir, words), 10_000, `clause ${id} stored`);
  } finally {
    c.destroy();
  }
}

describe('comments → notifications, end to end', () => {
  it('NOTE-1 NOTE-9 a mention through the comments API lands in the inbox and in the SMTP sink', async () => {
    const b = w.users.negotiatorB;
    await setEmail(b.token, 'immediate');
    await addClause('c-e2e');
    const res = await call<{ thread: { id: string } }>(
      srv.url,
      'POST',
      `/api/workspaces/${w.workspace.id}/documents/${w.docs.agreement.id}/threads`,
      {
        token: w.users.negotiatorA.token,
        body: {
          clauseId: 'c-e2e',
          body: 'Kun je <b>dit</b> bekijken?\nGraag voor vrijdag.',
          mentions: [b.id],
        },
      },
    );
    expect(res.status).toBe(201);
    const threadId = res.body.thread.id;
    await waitFor(() => mailsTo(b.email).length === 1, 10_000, 'mention mail');
    const box = await inbox(b.token);
    expect(box.notifications).toHaveLength(1);
    expect(box.notifications[0]).toMatchObject({
      kind: 'mention',
      threadId,
      clauseId: 'c-e2e',
      actor: { id: w.users.negotiatorA.id },
      excerpt: 'Kun je <b>dit</b> bekijken? Graag voor vrijdag.',
    });
    const m = mailsTo(b.email)[0]!;
    expect(m.subject).toBe(
      `negotiatorA noemde je in ${w.docs.agreement.title} (Voorbeeldstad 2026)`,
    );
    expect(m.html).toContain(
      `href="${PUBLIC_URL}/w/${w.workspace.id}/d/${w.docs.agreement.id}?thread=${threadId}"`,
    );
    expect(m.html).toContain('Kun je &lt;b&gt;dit&lt;/b&gt; bekijken?');
    // The author is not told about their own comment.
    expect((await inbox(w.users.negotiatorA.token)).notifications).toEqual([]);
  });

  it('NOTE-2 an internal (party) thread never gives another party’s user a row or a mail', async () => {
    const [a, b] = [w.users.negotiatorA, w.users.negotiatorB];
    const corp2 = await register(srv.url, 'Corinne');
    await join(
      srv.url,
      w.users.facilitator.token,
      w.workspace.id,
      corp2,
      'negotiator',
      w.partyA.id,
    );
    for (const u of [a, b, corp2, w.users.facilitator, w.users.observer])
      await setEmail(u.token, 'immediate');
    await addClause('c-1');
    const threads = `/api/workspaces/${w.workspace.id}/documents/${w.docs.agreement.id}/threads`;
    // Mentioning another party in an internal thread is refused outright.
    const refused = await call(srv.url, 'POST', threads, {
      token: a.token,
      body: { visibility: 'party', clauseId: 'c-1', body: 'intern: ons bod', mentions: [b.id] },
    });
    expect(refused.status).toBe(400);
    const created = await call<{ thread: { id: string } }>(srv.url, 'POST', threads, {
      token: a.token,
      body: { visibility: 'party', clauseId: 'c-1', body: 'intern: ons bod', mentions: [corp2.id] },
    });
    expect(created.status).toBe(201);
    const replied = await call(
      srv.url,
      'POST',
      `/api/workspaces/${w.workspace.id}/threads/${created.body.thread.id}/comments`,
      { token: corp2.token, body: { body: 'intern antwoord' } },
    );
    expect(replied.status).toBe(201);
    await waitFor(
      () => mailsTo(corp2.email).length === 1 && mailsTo(a.email).length === 1,
      10_000,
      'party-internal mails',
    );
    expect((await inbox(corp2.token)).notifications.map((n) => [n.kind, n.excerpt])).toEqual([
      ['mention', 'intern: ons bod'],
    ]);
    expect((await inbox(a.token)).notifications.map((n) => [n.kind, n.excerpt])).toEqual([
      ['reply', 'intern antwoord'],
    ]);
    for (const u of [b, w.users.facilitator, w.users.observer, w.users.outsider]) {
      expect((await inbox(u.token)).notifications, u.name).toEqual([]);
    }
    const leaked = readDb<{ n: number }>(
      srv.dataDir,
      `SELECT count(*) AS n FROM notifications WHERE excerpt LIKE 'intern%' AND workspace_id = ?
         AND user_id NOT IN (?, ?)`,
      w.workspace.id,
      a.id,
      corp2.id,
    );
    expect(leaked[0]!.n).toBe(0);
    await digest().run(Date.now());
    await digest().runDigest(tomorrowAt(9));
    const partyA = new Set([a.email, corp2.email]);
    const internalMails = sink.messages.filter((m) => m.text.includes('intern'));
    expect(internalMails.length).toBeGreaterThan(0);
    expect(internalMails.every((m) => m.to.every((t) => partyA.has(t)))).toBe(true);
  });
});
