import { describe, expect, it } from 'vitest';
import { configFrom, loadConfig } from './config';

describe('config', () => {
  it('uses the contract defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.host).toBe('127.0.0.1');
    expect(c.dataDir.endsWith('data')).toBe(true);
    expect(c.limits.maxMessageBytes).toBe(8 * 1024 * 1024);
    expect(c.durability).toBe('wal');
  });

  it('rejects invalid values with the variable named', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ DURABILITY: 'maybe' })).toThrow(/DURABILITY/);
  });

  it('treats an empty variable as not set', () => {
    expect(loadConfig({ PORT: '', DATA_DIR: '' }).port).toBe(8080);
  });

  it('accepts overrides', () => {
    expect(configFrom({ PORT: 0, DURABILITY: 'fsync' })).toMatchObject({
      port: 0,
      durability: 'fsync',
    });
  });
});
