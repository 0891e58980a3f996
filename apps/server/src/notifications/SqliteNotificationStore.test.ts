import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentAccess } from '../workspaces/access';
import type { NewNotification } from './NotificationStore';
import { SqliteNotificationStore } from './SqliteNotificationStore';
import { notificationWorld, type NotificationWorld } from './testFixtures';

let world: NotificationWorld;
let store: SqliteNotificationStore;
let seq = 0;

beforeEach(() => {
  world = notificationWorld();
  store = new SqliteNotificationStore(world.db);
});
afterEach(() => world.close());

const row = (userId: string, over: Partial<NewNotification> = {}): NewNotification => ({
  id: `n_${++seq}`,
  userId,
  workspaceId: 'w_1',
  documentId: 'd_agr',
  kind: 'mention',
  threadId: 't_1',
  clauseId: null,
  actorId: 'u_fac',
  excerpt: `tekst ${seq}`,
  createdAt: 1_000_000 + seq,
  ...over,
});

describe('SqliteNotificationStore', () => {
  it('NOTE-2 stores a row only for a recipient who may open the document (same rule as sync access)', async () => {
    const members = {
      u_fac: { role: 'facilitator', partyId: null },
      u_a1: { role: 'negotiator', partyId: 'p_a' },
      u_b1: { role: 'negotiator', partyId: 'p_b' },
      u_obs: { role: 'observer', partyId: null },
      u_out: null,
    } as const;
    const docs = {
      d_agr: { kind: 'agreement', partyId: undefined },
      d_na: { kind: 'party-notes', partyId: 'p_a' },
      d_nb: { kind: 'party-notes', partyId: 'p_b' },
    } as const;
    for (const [userId, m] of Object.entries(members)) {
      for (const [documentId, d] of Object.entries(docs)) {
        const r = row(userId, { documentId, actorId: 'u_a2' });
        const added = await store.add([r], 0);
        const allowed = documentAccess(m, d) !== null;
        expect(added, `${userId} on ${documentId}`).toEqual(allowed ? [r.id] : []);
      }
    }
    // A document of another workspace is never stored under this one.
    expect(await store.add([row('u_a1', { documentId: 'd_other' })], 0)).toEqual([]);
    // Nor for an unknown actor.
    expect(await store.add([row('u_a1', { actorId: 'u_nobody' })], 0)).toEqual([]);
  });

  it('NOTE-3 drops an unread duplicate made within the window, not a read or older one', async () => {
    const first = row('u_b1', { excerpt: 'zelfde', createdAt: 5000 });
    expect(await store.add([first], 0)).toHaveLength(1);
    expect(await store.add([row('u_b1', { excerpt: 'zelfde', createdAt: 5001 })], 4000)).toEqual(
      [],
    );
    // Older than the window: kept.
    expect(
      await store.add([row('u_b1', { excerpt: 'zelfde', createdAt: 9000 })], 6000),
    ).toHaveLength(1);
    // Another thread, kind or author is not a duplicate.
    expect(await store.add([row('u_b1', { excerpt: 'zelfde', threadId: 't_2' })], 0)).toHaveLength(
      1,
    );
    expect(await store.add([row('u_b1', { excerpt: 'zelfde', kind: 'reply' })], 0)).toHaveLength(1);
    // Once read, the same text may notify again.
    await store.markAllRead('u_b1', 10_000);
    expect(await store.add([row('u_b1', { excerpt: 'zelfde' })], 0)).toHaveLength(1);
  });

  it('NOTE-4 lists only the caller’s rows, newest first, paged, with an unread filter and count', async () => {
    const mine = [1, 2, 3, 4, 5].map((i) => row('u_b1', { createdAt: 100 * i }));
    await store.add([...mine, row('u_a2', { createdAt: 999 })], 0);
    const page1 = await store.list('u_b1', { unreadOnly: false, limit: 2 });
    expect(page1.map((r) => r.id)).toEqual([mine[4]!.id, mine[3]!.id]);
    expect(page1[0]).toMatchObject({
      userId: 'u_b1',
      workspaceTitle: 'Voorbeeldstad 2026',
      documentTitle: 'Prestatieafspraken',
      actorName: 'Fien Facilitator',
      readAt: null,
    });
    const last = page1[1]!;
    const page2 = await store.list('u_b1', {
      unreadOnly: false,
      limit: 10,
      before: { createdAt: last.createdAt, id: last.id },
    });
    expect(page2.map((r) => r.id)).toEqual([mine[2]!.id, mine[1]!.id, mine[0]!.id]);
    expect(await store.markRead('u_b1', mine[4]!.id, 1)).toBe(true);
    expect(await store.unreadCount('u_b1')).toBe(4);
    expect(
      (await store.list('u_b1', { unreadOnly: true, limit: 10 })).map((r) => r.id),
    ).not.toContain(mine[4]!.id);
    // Someone else's row can be neither found nor marked.
    const theirs = (await store.list('u_a2', { unreadOnly: false, limit: 10 }))[0]!;
    expect(await store.find('u_b1', theirs.id)).toBeNull();
    expect(await store.markRead('u_b1', theirs.id, 1)).toBe(false);
    expect(await store.unreadCount('u_a2')).toBe(1);
  });

  it('NOTE-5 hides rows once the recipient is removed or changes role or party; forgetInvisible deletes them', async () => {
    await store.add(
      [
        row('u_a1', { documentId: 'd_na', excerpt: 'intern A' }),
        row('u_a1', { excerpt: 'gedeeld' }),
        row('u_b1', { excerpt: 'voor B' }),
        row('u_obs', { excerpt: 'voor observer' }),
      ],
      0,
    );
    // a1 moves to party B: neither the old party's notes nor anything told to them as party A.
    world.setMember('u_a1', 'negotiator', 'p_b');
    expect(await store.list('u_a1', { unreadOnly: false, limit: 10 })).toEqual([]);
    expect(await store.unreadCount('u_a1')).toBe(0);
    expect(await store.pendingMail('daily', 0, Number.MAX_SAFE_INTEGER)).not.toContainEqual(
      expect.objectContaining({ userId: 'u_a1' }),
    );
    // Back in party A, they are visible again — unless forgotten in between.
    world.setMember('u_a1', 'negotiator', 'p_a');
    expect(await store.unreadCount('u_a1')).toBe(2);
    world.setMember('u_a1', 'negotiator', 'p_b');
    expect(await store.forgetInvisible('w_1', 'u_a1')).toBe(2);
    world.setMember('u_a1', 'negotiator', 'p_a');
    expect(await store.unreadCount('u_a1')).toBe(0);
    // Removal hides; the unaffected keep theirs.
    world.removeMember('u_b1');
    expect(await store.list('u_b1', { unreadOnly: false, limit: 10 })).toEqual([]);
    expect(await store.forgetInvisible('w_1', 'u_b1')).toBe(1);
    expect(await store.forgetInvisible('w_1', 'u_obs')).toBe(0);
    expect(await store.unreadCount('u_obs')).toBe(1);
  });

  it('NOTE-6 preferences default to daily and are stored per user', async () => {
    expect(await store.preference('u_b1')).toBe('daily');
    await store.setPreference('u_b1', 'immediate', 1);
    await store.setPreference('u_b1', 'none', 2);
    await store.setPreference('u_a2', 'immediate', 3);
    expect(await store.preference('u_b1')).toBe('none');
    expect(await store.preference('u_a2')).toBe('immediate');
  });

  it('NOTE-7 pendingMail: by frequency (default daily), time window, unread, un-mailed, not yet digested today', async () => {
    await store.setPreference('u_a2', 'immediate', 0);
    await store.setPreference('u_obs', 'none', 0);
    const [b, a2, obs, bLate, bRead] = [
      row('u_b1', { createdAt: 100 }),
      row('u_a2', { createdAt: 100 }),
      row('u_obs', { createdAt: 100 }),
      row('u_b1', { createdAt: 500 }),
      row('u_b1', { createdAt: 101 }),
    ];
    await store.add([b, a2, obs, bLate, bRead], 0);
    await store.markRead('u_b1', bRead.id, 200);
    const ids = async (f: 'immediate' | 'daily', since: number, until: number, day?: string) =>
      (await store.pendingMail(f, since, until, day)).map((r) => r.id);
    expect(await ids('immediate', 0, 1000)).toEqual([a2.id]);
    expect(await ids('daily', 0, 1000)).toEqual([b.id, bLate.id]);
    expect(await ids('daily', 0, 500)).toEqual([b.id]);
    expect(await ids('daily', 101, 1000)).toEqual([bLate.id]);
    const [first] = await store.pendingMail('daily', 0, 500);
    expect(first).toMatchObject({ userEmail: 'u_b1@example.nl', userName: 'Bert B' });
    await store.recordDigest('u_b1', '2026-07-01', 1);
    expect(await ids('daily', 0, 1000, '2026-07-01')).toEqual([]);
    expect(await ids('daily', 0, 1000, '2026-07-02')).toEqual([b.id, bLate.id]);
    await store.markEmailed([b.id], 600);
    expect(await ids('daily', 0, 1000)).toEqual([bLate.id]);
  });
});
