import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './openDatabase';
import { SqliteDocumentStore } from './SqliteDocumentStore';

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'akkoord-store-'));

describe('SqliteDocumentStore', () => {
  it('appends in order, loads, and compacts atomically', async () => {
    const store = new SqliteDocumentStore(openDatabase(dir(), 'wal'));
    const seqs = await store.append([
      { room: 'a', update: new Uint8Array([1]) },
      { room: 'b', update: new Uint8Array([2]) },
      { room: 'a', update: new Uint8Array([3]) },
    ]);
    expect(seqs[0]! < seqs[1]! && seqs[1]! < seqs[2]!).toBe(true);
    expect((await store.load('a')).updates.map((u) => [...u.data])).toEqual([[1], [3]]);
    await store.compact('a', new Uint8Array([9, 9]), seqs[0]!);
    const a = await store.load('a');
    expect([...a.snapshot!]).toEqual([9, 9]);
    expect(a.updates.map((u) => u.seq)).toEqual([seqs[2]]);
    expect((await store.load('b')).updates).toHaveLength(1);
    await store.close();
  });

  it('reports a failed write as a rejection, not a throw', async () => {
    const store = new SqliteDocumentStore(openDatabase(dir(), 'wal'));
    await store.close();
    await expect(store.append([{ room: 'a', update: new Uint8Array([1]) }])).rejects.toThrow();
  });

  it('fsync durability sets synchronous=FULL, the default NORMAL, both in WAL mode', () => {
    const full = openDatabase(dir(), 'fsync');
    const normal = openDatabase(dir(), 'wal');
    expect(full.pragma('synchronous', { simple: true })).toBe(2);
    expect(normal.pragma('synchronous', { simple: true })).toBe(1);
    expect(full.pragma('journal_mode', { simple: true })).toBe('wal');
    full.close();
    normal.close();
  });
});
