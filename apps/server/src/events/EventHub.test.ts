import { describe, expect, it } from 'vitest';
import type { ThreadDto } from '@akkoord/domain';
import { LocalEventHub, type WorkspaceEvent } from './EventHub';

const event = (workspaceId: string): WorkspaceEvent => ({
  type: 'thread',
  workspaceId,
  document: { id: 'd', kind: 'agreement' },
  thread: { id: 't' } as ThreadDto,
});

describe('LocalEventHub', () => {
  it('delivers a workspace’s events to that workspace’s listeners only, until they unsubscribe', () => {
    const hub = new LocalEventHub();
    const a: string[] = [];
    const b: string[] = [];
    const offA = hub.subscribe('w1', (e) => a.push(e.workspaceId));
    hub.subscribe('w2', (e) => b.push(e.workspaceId));
    hub.publish(event('w1'));
    hub.publish(event('w2'));
    expect(a).toEqual(['w1']);
    expect(b).toEqual(['w2']);
    offA();
    offA(); // twice is harmless
    hub.publish(event('w1'));
    expect(a).toEqual(['w1']);
    expect(hub.listenerCount('w1')).toBe(0);
    expect(hub.listenerCount()).toBe(1);
  });

  it('lets a listener unsubscribe while an event is being delivered', () => {
    const hub = new LocalEventHub();
    const got: number[] = [];
    const off1 = hub.subscribe('w', () => {
      got.push(1);
      off1();
    });
    hub.subscribe('w', () => got.push(2));
    hub.publish(event('w'));
    hub.publish(event('w'));
    expect(got).toEqual([1, 2, 2]);
  });
});
