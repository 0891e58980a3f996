import type { IncomingMessage } from 'node:http';

export type Access = 'write' | 'read';

/** Who a connection is, as others see it in presence; the server sets it, clients cannot. */
export interface Presence {
  userId: string;
  name: string;
  role: string;
  partyId: string | null;
  partyName: string | null;
  color: string;
}

export interface Grant {
  userId: string;
  access: Access;
  presence?: Presence;
  /** The session the socket rides on: closed when it ends (logout) or expires. */
  session?: { id: string; expiresAt: number };
}

/**
 * Decides who may open a room, before any document work happens. Refusals are thrown as
 * AppError (unauthenticated → 4401, forbidden → 4403, not_found → 4404).
 */
export interface Authorizer {
  authorize(req: IncomingMessage, room: string): Promise<Grant>;
  /** Re-decides for an open connection after its user's rights changed. */
  recheck?(userId: string, room: string): Promise<Grant>;
  /** Whether a socket's session is still valid (checked at every heartbeat). */
  sessionLive?(sessionId: string): Promise<boolean>;
}

/** Until accounts exist every connection may write; kept for tests and embedded use. */
export const allowAll: Authorizer = {
  authorize: () => Promise.resolve({ userId: 'anonymous', access: 'write' }),
};
