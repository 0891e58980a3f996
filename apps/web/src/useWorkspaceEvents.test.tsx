import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useFacilitationEvents, useThreadEvents } from './useWorkspaceEvents';

/** Records the streams the hooks open and lets a test play server events into them. */
class FakeEventSource {
  static opened: FakeEventSource[] = [];
  closed = false;
  private readonly handlers = new Map<string, ((e: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(type: string, handler: (e: MessageEvent<string>) => void) {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data = '{}') {
    for (const h of this.handlers.get(type) ?? []) h(new MessageEvent(type, { data }));
  }
}

describe('workspace events', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeEventSource.opened = [];
  });

  it('shares one stream per workspace and closes it after the last listener', () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const onMeeting = vi.fn();
    const onThread = vi.fn();
    const a = renderHook(() => useFacilitationEvents('w1', ['meeting'], onMeeting));
    const b = renderHook(() => useThreadEvents('w1', onThread));
    expect(FakeEventSource.opened).toHaveLength(1);
    const source = FakeEventSource.opened[0]!;
    expect(source.url).toBe('/api/workspaces/w1/events');

    act(() => source.emit('facilitation', JSON.stringify({ topic: 'meeting', meetingId: 'm1' })));
    act(() => source.emit('facilitation', JSON.stringify({ topic: 'parking', meetingId: null })));
    act(() => source.emit('thread'));
    expect(onMeeting.mock.calls).toEqual([['m1']]);
    expect(onThread).toHaveBeenCalledTimes(1);

    // A reconnect may have missed anything: everyone reloads.
    act(() => source.emit('ready'));
    expect(onMeeting).toHaveBeenCalledTimes(2);
    expect(onThread).toHaveBeenCalledTimes(2);

    a.unmount();
    expect(source.closed).toBe(false);
    b.unmount();
    expect(source.closed).toBe(true);
  });
});
