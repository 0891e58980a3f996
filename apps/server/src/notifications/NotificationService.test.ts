import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { NotificationService } from './NotificationService';
import { SqliteNotificationStore } from './SqliteNotificationStore';
import { capturedLogger, mention, notificationWorld, type NotificationWorld } from './testFixtures';

let world: NotificationWorld;
let logs: ReturnType<typeof capturedLogger>;
let added: string[][];
let service: NotificationService;

beforeEach(() => {
  world = notificationWorld();
  logs = capturedLogger();
  added = [];
  service = new NotificationService({
    store: new SqliteNotificationStore(world.db),
    log: logs.log,
    emailEnabled: false,
    onAdded: (ids) => added.push([...ids]),
  });
});
afterEach(() => world.close());

const inbox = (userId: string) => service.list(userId, { unread: false, limit: 30 });

describe('NotificationService', () => {
  it('NOTE-1 notify() stores an inbox row for each recipient, never for the author', async () => {
    service.notify([mention('u_b1'), mention('u_obs', { kind: 'reply' }), mention('u_a1')]);
    await service.idle();
    const b = await inbox('u_b1');
    expect(b.unreadCount).toBe(1);
    expect(b.notifications[0]).toMatchObject({
      kind: 'mention',
      workspaceId: 'w_1',
      workspaceTitle: 'Voorbeeldstad 2026',
      documentId: 'd_agr',
      documentTitle: 'Prestatieafspraken',
      threadId: 't_1',
      clauseId: null,
      actor: { id: 'u_a1', name: 'Anna A' },
      excerpt: 'Kun je naar de huursom kijken?',
      readAt: null,
      path: '/w/w_1/d/d_agr?thread=t_1',
    });
    expect((await inbox('u_obs')).notifications.map((n) => n.kind)).toEqual(['reply']);
    expect((await inbox('u_a1')).notifications).toEqual([]);
    expect(added).toHaveLength(1);
    expect(added[0]).toHaveLength(2);
  });

  it('NOTE-3 one comment gives a person one notification, of the strongest kind', async () => {
    service.notify([
      mention('u_b1', { kind: 'reply' }),
      mention('u_b1', { kind: 'mention' }),
      mention('u_b1', { kind: 'waiting-on' }),
    ]);
    service.notify([mention('u_b1')]);
    await service.idle();
    expect((await inbox('u_b1')).notifications.map((n) => n.kind)).toEqual(['mention']);
  });

  it('NOTE-8 the excerpt is stored as short plain text', async () => {
    service.notify([mention('u_b1', { excerpt: `  <b>Let op</b>\n\n${'x'.repeat(500)}\u202E` })]);
    await service.idle();
    const [n] = (await inbox('u_b1')).notifications;
    expect(n!.excerpt.startsWith('<b>Let op</b> xxx')).toBe(true);
    expect(Array.from(n!.excerpt)).toHaveLength(200);
    expect(n!.excerpt).not.toMatch(/[\n\u202E]/);
  });

  it('NOTE-2 events for someone who may not open the document are dropped', async () => {
    service.notify([
      mention('u_b1', { documentId: 'd_na' }),
      mention('u_fac', { documentId: 'd_na' }),
      mention('u_out'),
      mention('u_a2', { documentId: 'd_na' }),
    ]);
    await service.idle();
    expect((await inbox('u_b1')).notifications).toEqual([]);
    expect((await inbox('u_fac')).notifications).toEqual([]);
    expect((await inbox('u_out')).notifications).toEqual([]);
    expect((await inbox('u_a2')).notifications).toHaveLength(1);
  });

  it('malformed events are skipped and logged; a failing store is logged, never thrown', async () => {
    service.notify([
      mention('u_b1', { userId: '' }),
      mention('u_b1', { kind: 'shout' as never }),
      mention('u_b1', { threadId: 'a\nb' }),
      mention('u_b1', { excerpt: 'goed' }),
    ]);
    await service.idle();
    expect((await inbox('u_b1')).notifications.map((n) => n.excerpt)).toEqual(['goed']);
    expect(
      logs.lines().filter((l) => l.msg === 'malformed notification event skipped'),
    ).toHaveLength(3);
    world.db.close();
    expect(() => service.notify([mention('u_b1')])).not.toThrow();
    await service.idle();
    expect(
      logs.lines().some((l) => l.msg === 'storing notifications failed' && l.level === 50),
    ).toBe(true);
  });

  it('NOTE-4 pages with `before` and refuses a cursor that is not the caller’s', async () => {
    for (let i = 0; i < 5; i++) service.notify([mention('u_b1', { excerpt: `nr ${i}` })]);
    await service.idle();
    const p1 = await service.list('u_b1', { unread: false, limit: 3 });
    expect(p1.notifications).toHaveLength(3);
    expect(p1.unreadCount).toBe(5);
    expect(p1.nextBefore).toBe(p1.notifications[2]!.id);
    const p2 = await service.list('u_b1', { unread: false, limit: 3, before: p1.nextBefore! });
    expect(p2.notifications).toHaveLength(2);
    expect(p2.nextBefore).toBeNull();
    expect(new Set([...p1.notifications, ...p2.notifications].map((n) => n.id)).size).toBe(5);
    await expect(
      service.list('u_a2', { unread: false, limit: 3, before: p1.nextBefore! }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('NOTE-4 read and read-all change only the caller’s rows', async () => {
    service.notify([mention('u_b1'), mention('u_b1', { excerpt: 'twee' }), mention('u_a2')]);
    await service.idle();
    const [first] = (await inbox('u_b1')).notifications;
    expect(await service.markRead('u_b1', first!.id)).toEqual({ unreadCount: 1 });
    await expect(service.markRead('u_a2', first!.id)).rejects.toBeInstanceOf(AppError);
    await expect(service.markRead('u_b1', 'nope/../x')).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await service.markAllRead('u_b1')).toEqual({ unreadCount: 0 });
    expect((await inbox('u_a2')).unreadCount).toBe(1);
  });

  it('NOTE-6 preferences: default daily, stored while e-mail is off, reported as off', async () => {
    expect(await service.preferences('u_b1')).toEqual({ email: 'daily', emailEnabled: false });
    expect(await service.setPreferences('u_b1', { email: 'immediate' })).toEqual({
      email: 'immediate',
      emailEnabled: false,
    });
  });

  it('NOTE-5 accessChanged forgets what the person may no longer see', async () => {
    service.notify([mention('u_a2', { documentId: 'd_na' }), mention('u_a2')]);
    await service.idle();
    world.removeMember('u_a2');
    service.accessChanged('w_1', 'u_a2');
    await service.idle();
    const left = world.db
      .prepare<[string], { n: number }>('SELECT count(*) AS n FROM notifications WHERE user_id = ?')
      .get('u_a2')!.n;
    expect(left).toBe(0);
  });
});
