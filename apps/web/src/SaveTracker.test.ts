import { describe, expect, it, vi } from 'vitest';
import { SaveTracker } from './SaveTracker';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

function onlineTracker(): SaveTracker {
  const tracker = new SaveTracker();
  tracker.connectionOpened();
  tracker.step1Answered(null);
  tracker.syncedChanged(true);
  return tracker;
}

describe('SaveTracker', () => {
  it('says connecting until the first connection opens or fails', () => {
    const tracker = new SaveTracker();
    expect(tracker.getStatus()).toBe('connecting');
    tracker.connectionOpened();
    expect(tracker.getStatus()).toBe('connecting');
    tracker.syncedChanged(true);
    expect(tracker.getStatus()).toBe('saved');
  });

  it('says offline when the very first attempt fails', () => {
    const tracker = new SaveTracker();
    tracker.connectionClosed();
    expect(tracker.getStatus()).toBe('offline');
  });

  it('is saving until the echo of a sent update comes back', () => {
    const tracker = onlineTracker();
    tracker.updateSent(bytes(1, 2, 3));
    expect(tracker.getStatus()).toBe('saving');
    tracker.updateReceived(bytes(9, 9));
    expect(tracker.getStatus()).toBe('saving');
    tracker.updateReceived(bytes(1, 2, 3));
    expect(tracker.getStatus()).toBe('saved');
  });

  it('matches echoes in sending order only', () => {
    const tracker = onlineTracker();
    tracker.updateSent(bytes(1));
    tracker.updateSent(bytes(2));
    // An echo of the second update cannot arrive before the first: it is not counted.
    tracker.updateReceived(bytes(2));
    expect(tracker.pendingCount).toBe(2);
    tracker.updateReceived(bytes(1));
    expect(tracker.pendingCount).toBe(1);
    expect(tracker.getStatus()).toBe('saving');
    tracker.updateReceived(bytes(2));
    expect(tracker.pendingCount).toBe(0);
    expect(tracker.getStatus()).toBe('saved');
  });

  it('does not count another user update that differs from ours', () => {
    const tracker = onlineTracker();
    tracker.updateSent(bytes(1, 2));
    tracker.updateReceived(bytes(1, 2, 0));
    expect(tracker.getStatus()).toBe('saving');
  });

  it('waits for the echo of the step 2 reply', () => {
    const tracker = new SaveTracker();
    tracker.connectionOpened();
    tracker.step1Answered(bytes(5, 5));
    tracker.syncedChanged(true);
    expect(tracker.getStatus()).toBe('saving');
    tracker.updateReceived(bytes(5, 5));
    expect(tracker.getStatus()).toBe('saved');
  });

  it('is offline-unsaved when the connection drops with updates in flight', () => {
    const tracker = onlineTracker();
    tracker.updateSent(bytes(1));
    tracker.connectionClosed();
    expect(tracker.getStatus()).toBe('offline-unsaved');
    expect(tracker.pendingCount).toBe(0);
  });

  it('is offline (not unsaved) when the connection drops with nothing in flight', () => {
    const tracker = onlineTracker();
    tracker.connectionClosed();
    expect(tracker.getStatus()).toBe('offline');
  });

  it('becomes offline-unsaved on an edit while offline and saved after a full resync', () => {
    const tracker = onlineTracker();
    tracker.connectionClosed();
    tracker.changeNotSent();
    expect(tracker.getStatus()).toBe('offline-unsaved');

    tracker.connectionOpened();
    expect(tracker.getStatus()).toBe('saving');
    // The server's step 2 may arrive before its step 1; we are not done before answering it.
    tracker.syncedChanged(true);
    expect(tracker.getStatus()).toBe('saving');
    tracker.step1Answered(bytes(7, 7));
    expect(tracker.getStatus()).toBe('saving');
    tracker.updateReceived(bytes(7, 7));
    expect(tracker.getStatus()).toBe('saved');
  });

  it('forgets the old connection: echoes of earlier updates no longer match', () => {
    const tracker = onlineTracker();
    tracker.updateSent(bytes(1));
    tracker.connectionClosed();
    tracker.connectionOpened();
    tracker.syncedChanged(true);
    tracker.step1Answered(bytes(2));
    tracker.updateReceived(bytes(1));
    expect(tracker.getStatus()).toBe('saving');
    tracker.updateReceived(bytes(2));
    expect(tracker.getStatus()).toBe('saved');
  });

  it('keeps unsaved changes from an earlier visit until the server confirmed a resync', () => {
    const tracker = new SaveTracker({ initiallyUnsaved: true });
    tracker.connectionClosed();
    expect(tracker.getStatus()).toBe('offline-unsaved');
    tracker.connectionOpened();
    tracker.syncedChanged(true);
    expect(tracker.getStatus()).toBe('saving');
    tracker.step1Answered(null);
    expect(tracker.getStatus()).toBe('saved');
  });

  it('reports the unsaved flag for persistence and notifies listeners only on change', () => {
    const onUnsavedChange = vi.fn();
    const tracker = new SaveTracker({ onUnsavedChange });
    const listener = vi.fn();
    tracker.subscribe(listener);
    tracker.connectionOpened();
    tracker.step1Answered(null);
    tracker.syncedChanged(true);
    expect(listener).toHaveBeenCalledTimes(1); // connecting -> saved
    tracker.updateSent(bytes(1));
    tracker.updateSent(bytes(2));
    expect(onUnsavedChange).toHaveBeenCalledTimes(1);
    expect(onUnsavedChange).toHaveBeenLastCalledWith(true);
    tracker.updateReceived(bytes(1));
    tracker.updateReceived(bytes(2));
    expect(onUnsavedChange).toHaveBeenCalledTimes(2);
    expect(onUnsavedChange).toHaveBeenLastCalledWith(false);
    expect(listener).toHaveBeenCalledTimes(3); // saved -> saving -> saved
  });

  it('stops notifying after unsubscribe', () => {
    const tracker = new SaveTracker();
    const listener = vi.fn();
    const unsubscribe = tracker.subscribe(listener);
    unsubscribe();
    tracker.connectionClosed();
    expect(listener).not.toHaveBeenCalled();
  });

  it('has no problem until the server refuses', () => {
    const tracker = onlineTracker();
    expect(tracker.getProblem()).toBeNull();
  });

  it.each([
    [4401, 'not-authenticated'],
    [4403, 'forbidden'],
    [4404, 'unknown-room'],
    [4400, 'refused'],
  ] as const)('maps final close code %i to %s', (code, problem) => {
    const tracker = new SaveTracker();
    const listener = vi.fn();
    tracker.subscribe(listener);
    tracker.connectionClosed();
    tracker.connectionRefused(code);
    expect(tracker.getProblem()).toBe(problem);
    expect(tracker.getStatus()).toBe('offline');
    expect(listener).toHaveBeenCalledTimes(2); // connecting -> offline, then the problem
  });

  it('keeps refused writes counted as unsaved', () => {
    const tracker = onlineTracker();
    tracker.updateSent(bytes(1));
    tracker.writeRefused();
    expect(tracker.getProblem()).toBe('read-only');
    expect(tracker.getStatus()).toBe('saving');
  });

  it('ACC-6 asked again once writable: the problem goes, and the echo of the reply means saved', () => {
    const tracker = onlineTracker();
    tracker.updateSent(bytes(1));
    tracker.updateSent(bytes(2));
    tracker.writeRefused();
    // The server's step 1 on the same connection; our reply holds both refused changes.
    tracker.step1Answered(bytes(1, 2));
    expect(tracker.getProblem()).toBeNull();
    expect(tracker.getStatus()).toBe('saving');
    tracker.updateReceived(bytes(1, 2));
    expect(tracker.getStatus()).toBe('saved');
  });

  it('ACC-6 still refused after being asked again: the problem comes back, nothing counts as saved', () => {
    const tracker = onlineTracker();
    tracker.updateSent(bytes(1));
    tracker.writeRefused();
    tracker.step1Answered(bytes(1));
    tracker.writeRefused();
    expect(tracker.getProblem()).toBe('read-only');
    expect(tracker.getStatus()).toBe('saving');
  });
});
