import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../test/helpers/smtpSink';
import { DigestJob, MAX_ITEMS_PER_MAIL } from './DigestJob';
import { smtpMailer } from './Mailer';
import { NotificationService } from './NotificationService';
import { SqliteNotificationStore } from './SqliteNotificationStore';
import { capturedLogger, mention, notificationWorld, type NotificationWorld } from './testFixtures';

const DAY1_0700 = Date.UTC(2026, 6, 1, 7, 0);
const DAY1_0800 = Date.UTC(2026, 6, 1, 8, 0);
const DAY1_0930 = Date.UTC(2026, 6, 1, 9, 30);
const DAY2_0805 = Date.UTC(2026, 6, 2, 8, 5);

let world: NotificationWorld;
let sink: SmtpSink;
let store: SqliteNotificationStore;
let logs: ReturnType<typeof capturedLogger>;
let clock: number;
let job: DigestJob;
let service: NotificationService;

beforeEach(async () => {
  world = notificationWorld();
  sink = await startSmtpSink();
  store = new SqliteNotificationStore(world.db);
  logs = capturedLogger();
  clock = Date.UTC(2026, 6, 1, 6, 0);
  job = new DigestJob({
    store,
    mailer: smtpMailer(sink.url, 'Akkoord <akkoord@test.example>'),
    log: logs.log,
    publicUrl: 'https://akkoord.example',
    digestHour: 8,
    timeZone: 'UTC',
    intervalMs: 60_000,
    now: () => clock,
  });
  service = new NotificationService({
    store,
    log: logs.log,
    emailEnabled: true,
    now: () => clock,
    onAdded: () => job.kick(),
  });
});
afterEach(async () => {
  await job.stop();
  await sink.close();
  world.close();
});

const notify = async (...events: Parameters<typeof mention>[]) => {
  service.notify(events.map(([u, o]) => mention(u, o)));
  await service.idle();
  await job.idle();
};
const emailedCount = () =>
  world.db
    .prepare<[], { n: number }>(
      'SELECT count(*) AS n FROM notifications WHERE emailed_at IS NOT NULL',
    )
    .get()!.n;

describe('DigestJob', () => {
  it('NOTE-9 immediate: one mail right after the notification, marked e-mailed, not sent twice', async () => {
    await store.setPreference('u_b1', 'immediate', 0);
    await notify(['u_b1'], ['u_a2']);
    const [m] = await sink.waitForCount(1);
    expect(m!.to).toEqual(['u_b1@example.nl']);
    expect(m!.subject).toBe('Anna A noemde je in Prestatieafspraken (Voorbeeldstad 2026)');
    expect(m!.text).toContain('https://akkoord.example/w/w_1/d/d_agr?thread=t_1');
    expect(emailedCount()).toBe(1);
    expect(await job.run(clock + 1000)).toEqual({ immediate: 0, digests: 0 });
    expect(sink.messages).toHaveLength(1);
  });

  it('NOTE-10 daily: one digest per user per day from DIGEST_HOUR, with what came before it', async () => {
    await notify(['u_b1', { excerpt: 'eerste' }]);
    clock += 1000;
    await notify(['u_b1', { excerpt: 'tweede', kind: 'reply' }]);
    clock = DAY1_0700 - 1;
    await notify(['u_obs', { excerpt: 'voor olga' }]);
    expect(sink.messages).toHaveLength(0);
    expect(await job.runDigest(DAY1_0700)).toBe(0);
    expect(await job.runDigest(DAY1_0800)).toBe(2);
    const mails = sink.messages;
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['u_b1@example.nl', 'u_obs@example.nl']);
    const bert = mails.find((m) => m.to[0] === 'u_b1@example.nl')!;
    expect(bert.subject).toBe('Akkoord: je overzicht van vandaag (2 meldingen)');
    expect(bert.text).toContain('"eerste"');
    expect(bert.text).toContain('"tweede"');
    expect(bert.text.indexOf('tweede')).toBeLessThan(bert.text.indexOf('eerste'));
    expect(emailedCount()).toBe(3);
    // Later the same day: a new notification waits for tomorrow's digest.
    clock = DAY1_0930;
    await notify(['u_b1', { excerpt: 'derde' }]);
    expect(await job.runDigest(DAY1_0930 + 60_000)).toBe(0);
    expect(await job.runDigest(DAY2_0805)).toBe(1);
    expect(sink.messages).toHaveLength(3);
    expect(sink.messages[2]!.subject).toBe('Akkoord: je overzicht van vandaag (1 melding)');
    expect(sink.messages[2]!.text).toContain('"derde"');
    expect(await job.runDigest(DAY2_0805 + 3600_000)).toBe(0);
  });

  it('NOTE-10 what was read in the app before the digest is not mailed', async () => {
    await notify(['u_b1', { excerpt: 'gelezen' }]);
    await service.markAllRead('u_b1');
    expect(await job.runDigest(DAY1_0800)).toBe(0);
    expect(sink.messages).toHaveLength(0);
  });

  it('NOTE-11 none: nothing is ever sent', async () => {
    await store.setPreference('u_b1', 'none', 0);
    await notify(['u_b1']);
    expect(await job.run(DAY1_0800)).toEqual({ immediate: 0, digests: 0 });
    expect(await job.run(DAY2_0805)).toEqual({ immediate: 0, digests: 0 });
    expect(sink.messages).toHaveLength(0);
    expect((await service.list('u_b1', { unread: false, limit: 5 })).unreadCount).toBe(1);
  });

  it('NOTE-12 a refused send is logged, not marked, and retried on the next run', async () => {
    await store.setPreference('u_b1', 'immediate', 0);
    sink.refuse = true;
    await notify(['u_b1'], ['u_obs']);
    expect(await job.runDigest(DAY1_0800)).toBe(0);
    expect(sink.messages).toHaveLength(0);
    expect(emailedCount()).toBe(0);
    const warned = logs.lines().filter((l) => /retried on the next run/.test(l.msg));
    expect(warned.length).toBe(2);
    expect(warned.every((l) => l.level === 40)).toBe(true);
    sink.refuse = false;
    expect(await job.run(DAY1_0800 + 60_000)).toEqual({ immediate: 1, digests: 1 });
    expect(sink.messages.map((m) => m.to[0]).sort()).toEqual([
      'u_b1@example.nl',
      'u_obs@example.nl',
    ]);
    expect(emailedCount()).toBe(2);
  });

  it('NOTE-10 a digest lists at most MAX_ITEMS_PER_MAIL and counts the rest; all are marked', async () => {
    const n = MAX_ITEMS_PER_MAIL + 5;
    await notify(
      ...Array.from({ length: n }, (_, i): Parameters<typeof mention> => [
        'u_b1',
        { excerpt: `punt ${i}` },
      ]),
    );
    expect(await job.runDigest(DAY1_0800)).toBe(1);
    const [m] = sink.messages;
    expect(m!.subject).toContain(`(${n} meldingen)`);
    expect(m!.text).toContain('En nog 5 meldingen.');
    expect(m!.text.match(/Bekijken in Akkoord:/g)).toHaveLength(MAX_ITEMS_PER_MAIL);
    expect(emailedCount()).toBe(n);
  });

  it('NOTE-13 the interval sends on its own; stop() ends it and nothing runs afterwards', async () => {
    const quick = new DigestJob({
      store,
      mailer: smtpMailer(sink.url, 'akkoord@test.example'),
      log: logs.log,
      publicUrl: 'https://akkoord.example',
      digestHour: 8,
      timeZone: 'UTC',
      intervalMs: 50,
      now: () => clock,
    });
    await store.setPreference('u_b1', 'immediate', 0);
    service.notify([mention('u_b1')]); // not kicked: only the interval can send it
    await service.idle();
    quick.start();
    // The interval never keeps the process alive on its own.
    expect((quick as unknown as { timer: NodeJS.Timeout }).timer.hasRef()).toBe(false);
    await sink.waitForCount(1, 5000);
    await quick.stop();
    await job.stop();
    await notify(['u_b1', { excerpt: 'na stop' }]);
    expect(await quick.run(clock)).toEqual({ immediate: 0, digests: 0 });
    await new Promise((r) => setTimeout(r, 150));
    expect(sink.messages.map((m) => m.text).some((t) => t.includes('na stop'))).toBe(false);
  });
});
