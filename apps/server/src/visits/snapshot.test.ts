import type { Clause } from '@akkoord/domain';
import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot } from './snapshot';

const clause: Clause = {
  id: 'c1',
  number: 'B-01',
  theme: 'beschikbaarheid',
  text: 'Eén cliënt.',
  owner: 'p1',
  counterparts: [{ party: 'p2', commitment: '', due: '2026-07-01' }],
  status: 'draft',
};

describe('seen snapshots', () => {
  it('round-trips clauses as compact JSON with a version of the state', () => {
    const { json, version } = encodeSnapshot([clause]);
    expect(json).toBe(JSON.stringify([clause]));
    expect(json).not.toMatch(/\n|": /);
    expect(decodeSnapshot(json)).toEqual([clause]);
    expect(version).toMatch(/^[\w-]{22}$/);
    expect(encodeSnapshot([clause]).version).toBe(version);
    expect(encodeSnapshot([{ ...clause, text: 'Twee.' }]).version).not.toBe(version);
  });

  it('stores nothing over the cap, but still gives the version', () => {
    const small = encodeSnapshot([clause]);
    const capped = encodeSnapshot([clause], small.json!.length - 1);
    expect(capped).toEqual({ json: null, version: small.version });
    expect(encodeSnapshot([clause], Buffer.byteLength(small.json!)).json).toBe(small.json);
  });

  it('reads nothing usable from null, broken JSON or the wrong shape', () => {
    expect(decodeSnapshot(null)).toBeNull();
    expect(decodeSnapshot('[{')).toBeNull();
    expect(decodeSnapshot('{"id":"c1"}')).toBeNull();
    expect(decodeSnapshot('[{"id":"c1"}]')).toBeNull();
    expect(decodeSnapshot('[]')).toEqual([]);
  });
});
