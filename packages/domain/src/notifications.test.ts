import { describe, expect, it } from 'vitest';
import {
  NotificationListQuery,
  NotificationPreferencesBody,
  notificationPath,
} from './notifications';

describe('notification shapes', () => {
  it('permalink points at the thread, else the clause, else the document', () => {
    expect(notificationPath({ workspaceId: 'w_1', documentId: 'd_2', threadId: 't_3' })).toBe(
      '/w/w_1/d/d_2?thread=t_3',
    );
    expect(notificationPath({ workspaceId: 'w_1', documentId: 'd_2', clauseId: 'c 4' })).toBe(
      '/w/w_1/d/d_2?clause=c%204',
    );
    expect(notificationPath({ workspaceId: 'w_1', documentId: 'd_2', threadId: null })).toBe(
      '/w/w_1/d/d_2',
    );
  });

  it('list query: unread flag, cursor and page size with bounds', () => {
    expect(NotificationListQuery.parse({})).toEqual({ unread: false, limit: 30 });
    expect(NotificationListQuery.parse({ unread: '1', before: 'n_abc', limit: '5' })).toEqual({
      unread: true,
      before: 'n_abc',
      limit: 5,
    });
    expect(NotificationListQuery.safeParse({ limit: '0' }).success).toBe(false);
    expect(NotificationListQuery.safeParse({ limit: '101' }).success).toBe(false);
    expect(NotificationListQuery.safeParse({ unread: 'yes' }).success).toBe(false);
    expect(NotificationListQuery.safeParse({ before: "x' OR 1=1" }).success).toBe(false);
  });

  it('preferences accept exactly immediate, daily or none', () => {
    for (const email of ['immediate', 'daily', 'none'])
      expect(NotificationPreferencesBody.parse({ email })).toEqual({ email });
    for (const email of ['weekly', '', null, 1, undefined])
      expect(NotificationPreferencesBody.safeParse({ email }).success).toBe(false);
  });
});
