import type { UserDto } from '@akkoord/domain';
import { AppError } from '../errors';
import type { AccountStore, UserRecord } from './AccountStore';
import type { LoginThrottle } from './LoginThrottle';
import type { RegistrationThrottle } from './RegistrationThrottle';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords';
import { hashToken, newId, newToken } from './tokens';

export interface SessionResult {
  user: UserDto;
  token: string;
  expiresAt: number;
}

export const toUserDto = (u: UserRecord): UserDto => ({ id: u.id, email: u.email, name: u.name });

/** Registration, login, logout and resolving a session token to its user. */
export class AccountService {
  constructor(
    private readonly store: AccountStore,
    private readonly throttle: LoginThrottle,
    private readonly registrations: RegistrationThrottle,
    private readonly sessionTtlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Told when a session ends by logout, so open sockets that rode on it are closed too. */
  onSessionEnded: (tokenHash: string) => void = () => {};

  /** `address`: the client's, for throttling (in-process callers such as the demo name themselves). */
  async register(
    input: { email: string; password: string; name: string },
    address: string,
  ): Promise<SessionResult> {
    const wait = this.registrations.retryAfter(address);
    if (wait > 0) {
      throw new AppError(
        'rate_limited',
        'Too many new accounts from this address, try again later',
        {
          retryAfterSeconds: Math.ceil(wait / 1000),
        },
      );
    }
    this.registrations.record(address);
    if (await this.store.userByEmail(input.email)) {
      throw new AppError('conflict', 'An account with this e-mail address already exists');
    }
    const user: UserRecord = {
      id: newId('u'),
      email: input.email,
      name: input.name,
      passwordHash: await hashPassword(input.password),
    };
    try {
      await this.store.createUser(user);
    } catch (err) {
      // Two registrations racing for one address: the unique index decides.
      if (String(err).includes('UNIQUE'))
        throw new AppError('conflict', 'An account with this e-mail address already exists');
      throw err;
    }
    return this.startSession(user);
  }

  async login(input: { email: string; password: string }, address: string): Promise<SessionResult> {
    const wait = this.throttle.retryAfter(address, input.email);
    if (wait > 0) {
      throw new AppError('rate_limited', 'Too many login attempts, try again later', {
        retryAfterSeconds: Math.ceil(wait / 1000),
      });
    }
    this.throttle.record(address, input.email);
    const user = await this.store.userByEmail(input.email);
    // Verify even for unknown accounts so the answer takes as long either way.
    const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok)
      throw new AppError('unauthenticated', 'E-mail address or password is incorrect');
    this.throttle.clearAccount(input.email);
    return this.startSession(user);
  }

  async logout(token: string): Promise<void> {
    await this.store.deleteSession(hashToken(token));
    this.onSessionEnded(hashToken(token));
  }

  /** The user a token belongs to, or null when it is unknown, revoked or expired. */
  async authenticate(token: string): Promise<UserRecord | null> {
    return (await this.authenticateSession(token))?.user ?? null;
  }

  /** Like `authenticate`, with the session's expiry and id (its token hash) for long-lived sockets. */
  async authenticateSession(
    token: string,
  ): Promise<{ user: UserRecord; expiresAt: number; sessionId: string } | null> {
    const sessionId = hashToken(token);
    const session = await this.store.session(sessionId);
    if (!session) return null;
    if (session.expiresAt <= this.now()) {
      await this.store.deleteSession(sessionId);
      return null;
    }
    const user = await this.store.userById(session.userId);
    return user ? { user, expiresAt: session.expiresAt, sessionId } : null;
  }

  /** Whether a session (by id = token hash) still exists and has not expired. */
  async isSessionLive(sessionId: string): Promise<boolean> {
    const session = await this.store.session(sessionId);
    return session !== null && session.expiresAt > this.now();
  }

  hasUsers(): Promise<boolean> {
    return this.store.countUsers().then((n) => n > 0);
  }

  private async startSession(user: UserRecord): Promise<SessionResult> {
    const token = newToken();
    const expiresAt = this.now() + this.sessionTtlMs;
    await this.store.createSession(hashToken(token), user.id, expiresAt);
    return { user: toUserDto(user), token, expiresAt };
  }
}
