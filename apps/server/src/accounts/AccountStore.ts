export interface UserRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
}

export interface SessionRecord {
  userId: string;
  expiresAt: number;
}

/** Users and sessions. Sessions are looked up by the hash of their token only. */
export interface AccountStore {
  createUser(user: UserRecord): Promise<void>;
  userByEmail(email: string): Promise<UserRecord | null>;
  userById(id: string): Promise<UserRecord | null>;
  countUsers(): Promise<number>;
  createSession(tokenHash: string, userId: string, expiresAt: number): Promise<void>;
  session(tokenHash: string): Promise<SessionRecord | null>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteExpiredSessions(now: number): Promise<void>;
}
