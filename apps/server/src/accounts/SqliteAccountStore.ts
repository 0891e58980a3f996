import type { Db } from '../persistence/openDatabase';
import { settle } from '../persistence/settle';
import type { AccountStore, SessionRecord, UserRecord } from './AccountStore';

interface UserRow {
  id: string;
  email: string;
  name: string;
  password_hash: string;
}

const toUser = (r: UserRow | undefined): UserRecord | null =>
  r ? { id: r.id, email: r.email, name: r.name, passwordHash: r.password_hash } : null;

export class SqliteAccountStore implements AccountStore {
  constructor(private readonly db: Db) {}

  createUser(u: UserRecord): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          'INSERT INTO users (id, email, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(u.id, u.email, u.name, u.passwordHash, Date.now());
    });
  }

  userByEmail(email: string): Promise<UserRecord | null> {
    return settle(() =>
      toUser(this.db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?').get(email)),
    );
  }

  userById(id: string): Promise<UserRecord | null> {
    return settle(() =>
      toUser(this.db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?').get(id)),
    );
  }

  countUsers(): Promise<number> {
    return settle(
      () => this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users').get()!.n,
    );
  }

  createSession(tokenHash: string, userId: string, expiresAt: number): Promise<void> {
    return settle(() => {
      this.db
        .prepare(
          'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
        )
        .run(tokenHash, userId, Date.now(), expiresAt);
    });
  }

  session(tokenHash: string): Promise<SessionRecord | null> {
    return settle(() => {
      const r = this.db
        .prepare<[string], { user_id: string; expires_at: number }>(
          'SELECT user_id, expires_at FROM sessions WHERE token_hash = ?',
        )
        .get(tokenHash);
      return r ? { userId: r.user_id, expiresAt: r.expires_at } : null;
    });
  }

  deleteSession(tokenHash: string): Promise<void> {
    return settle(() => {
      this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
    });
  }

  deleteExpiredSessions(now: number): Promise<void> {
    return settle(() => {
      this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now);
    });
  }
}
