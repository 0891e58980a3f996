import type { NextFunction, Request, Response } from 'express';
import type { AccountService } from '../accounts/AccountService';
import type { UserRecord } from '../accounts/AccountStore';
import type { AuthConfig } from '../config';
import { AppError } from '../errors';
import { bearerToken, readCookie, SESSION_COOKIE } from './cookies';
import { isAllowedOrigin } from './origins';

interface Auth {
  user: UserRecord;
  token: string;
  via: 'cookie' | 'bearer';
}

const authOf = new WeakMap<Request, Auth>();
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller from the Bearer header or the session cookie, and refuses cross-site
 * state changes: a cookie-carried write must come from an allowed Origin.
 */
export function sessionMiddleware(accounts: AccountService, cfg: AuthConfig) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    try {
      if (!SAFE.has(req.method) && !isAllowedOrigin(req, cfg.allowedOrigins)) {
        throw new AppError('forbidden', 'Cross-origin request refused');
      }
      const bearer = bearerToken(req);
      const cookie = readCookie(req, SESSION_COOKIE);
      const token = bearer ?? cookie;
      if (token) {
        const user = await accounts.authenticate(token);
        if (user) {
          const via = bearer ? 'bearer' : 'cookie';
          if (via === 'cookie' && !SAFE.has(req.method) && req.headers.origin === undefined) {
            throw new AppError('forbidden', 'Cookie-authenticated changes need an Origin header');
          }
          authOf.set(req, { user, token, via });
        }
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}

export function currentAuth(req: Request): Auth | undefined {
  return authOf.get(req);
}

export function requireUser(req: Request): UserRecord {
  const auth = authOf.get(req);
  if (!auth) throw new AppError('unauthenticated', 'Log in first');
  return auth.user;
}

export function setSessionCookie(
  res: Response,
  token: string,
  expiresAt: number,
  cfg: AuthConfig,
): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: cfg.cookieSecure,
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(res: Response, cfg: AuthConfig): void {
  res.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: cfg.cookieSecure,
    path: '/',
  });
}
