import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations';

export type Db = Database.Database;

/**
 * Opens (and migrates) the embedded database. WAL keeps committed transactions across a
 * process kill; `fsync` mode adds synchronous=FULL so a commit also survives power loss.
 */
export function openDatabase(dataDir: string, durability: 'wal' | 'fsync'): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'akkoord.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${durability === 'fsync' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}
