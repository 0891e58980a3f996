import type Database from 'better-sqlite3';

/**
 * Schema versions, applied in order and recorded in `PRAGMA user_version`. Append only:
 * a released migration is never edited.
 */
const migrations: string[] = [
  `CREATE TABLE doc_update (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     room TEXT NOT NULL,
     data BLOB NOT NULL
   );
   CREATE INDEX doc_update_room_seq ON doc_update (room, seq);
   CREATE TABLE doc_snapshot (
     room TEXT PRIMARY KEY,
     state BLOB NOT NULL,
     upto_seq INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );`,
];

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

export const schemaVersion = migrations.length;
