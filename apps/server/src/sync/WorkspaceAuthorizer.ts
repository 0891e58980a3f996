import type { IncomingMessage } from 'node:http';
import type { AccountService } from '../accounts/AccountService';
import type { AuthConfig } from '../config';
import { AppError } from '../errors';
import { readCookie, SESSION_COOKIE } from '../http/cookies';
import { isAllowedOrigin } from '../http/origins';
import { gatedAccess } from '../workspaces/access';
import type { WorkspaceStore } from '../workspaces/WorkspaceStore';
import type { Authorizer, Grant } from './Authorizer';

/**
 * Sync access from accounts and memberships: the token (query `?token=` or the session
 * cookie) names the user, the room names the document, the membership decides.
 */
export class WorkspaceAuthorizer implements Authorizer {
  constructor(
    private readonly accounts: AccountService,
    private readonly workspaces: WorkspaceStore,
    private readonly cfg: AuthConfig,
    /** GATE-1: whether the workspace's process gate holds negotiators' agreement writes back. */
    private readonly gateClosed: (workspaceId: string) => Promise<boolean> = () =>
      Promise.resolve(false),
  ) {}

  async authorize(req: IncomingMessage, room: string): Promise<Grant> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const queryToken = url.searchParams.get('token');
    const token = queryToken ?? readCookie(req, SESSION_COOKIE);
    if (!token) throw new AppError('unauthenticated', 'log in first');
    // A cookie rides along on any page's socket; only our own pages may use it.
    if (!queryToken && !isAllowedOrigin(req, this.cfg.allowedOrigins)) {
      throw new AppError('forbidden', 'cross-origin connection refused');
    }
    const session = await this.accounts.authenticateSession(token);
    if (!session) throw new AppError('unauthenticated', 'session expired, log in again');
    const grant = await this.recheck(session.user.id, room, session.user.name);
    return { ...grant, session: { id: session.sessionId, expiresAt: session.expiresAt } };
  }

  sessionLive(sessionId: string): Promise<boolean> {
    return this.accounts.isSessionLive(sessionId);
  }

  async recheck(userId: string, room: string, name?: string): Promise<Grant> {
    const doc = await this.workspaces.documentByRoom(room);
    if (!doc) throw new AppError('not_found', 'unknown room');
    const m = await this.workspaces.membership(doc.workspaceId, userId);
    const gated = doc.kind === 'agreement' && m?.role === 'negotiator';
    const access = gatedAccess(m, doc, gated && (await this.gateClosed(doc.workspaceId)));
    if (!m || !access) throw new AppError('forbidden', 'no access to this document');
    const member = (await this.workspaces.members(doc.workspaceId)).find(
      (x) => x.userId === userId,
    );
    const party = m.partyId
      ? (await this.workspaces.parties(doc.workspaceId)).find((p) => p.id === m.partyId)
      : undefined;
    return {
      userId,
      access,
      presence: {
        userId,
        name: member?.name ?? name ?? '',
        role: m.role,
        partyId: m.partyId,
        partyName: party?.name ?? null,
        color: party?.color ?? '#475569',
      },
    };
  }
}
