import { Router } from 'express';
import { LoginBody, RegisterBody } from '@akkoord/domain';
import { toUserDto, type AccountService } from '../../accounts/AccountService';
import type { AuthConfig } from '../../config';
import { clearSessionCookie, currentAuth, requireUser, setSessionCookie } from '../session';
import { validate } from '../validate';

export function authRoutes(accounts: AccountService, cfg: AuthConfig): Router {
  const r = Router();

  r.post('/auth/register', async (req, res) => {
    const body = validate(RegisterBody, req.body);
    const s = await accounts.register(body, req.ip ?? 'unknown');
    setSessionCookie(res, s.token, s.expiresAt, cfg);
    res.status(201).json({ user: s.user, token: s.token });
  });

  r.post('/auth/login', async (req, res) => {
    const body = validate(LoginBody, req.body);
    const s = await accounts.login(body, req.ip ?? 'unknown');
    setSessionCookie(res, s.token, s.expiresAt, cfg);
    res.json({ user: s.user, token: s.token });
  });

  r.post('/auth/logout', async (req, res) => {
    const auth = currentAuth(req);
    if (auth) await accounts.logout(auth.token);
    clearSessionCookie(res, cfg);
    res.status(204).end();
  });

  r.get('/me', (req, res) => {
    res.json({ user: toUserDto(requireUser(req)) });
  });

  return r;
}
