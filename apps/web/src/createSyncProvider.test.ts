import { describe, expect, it } from 'vitest';
import { syncServerUrl } from './createSyncProvider';

describe('syncServerUrl', () => {
  it('uses ws on http and keeps host and port', () => {
    expect(syncServerUrl({ protocol: 'http:', host: '127.0.0.1:5173' })).toBe(
      'ws://127.0.0.1:5173/sync',
    );
  });
  it('uses wss on https', () => {
    expect(syncServerUrl({ protocol: 'https:', host: 'akkoord.example' })).toBe(
      'wss://akkoord.example/sync',
    );
  });
});
