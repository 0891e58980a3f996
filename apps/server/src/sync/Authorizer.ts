import type { IncomingMessage } from 'node:http';

export type Access = 'write' | 'read';

export interface Grant {
  userId: string;
  access: Access;
}

/**
 * Decides who may open a room, before any document work happens. Refusals are thrown as
 * AppError (unauthenticated → 4401, forbidden → 4403, not_found → 4404).
 */
export interface Authorizer {
  authorize(req: IncomingMessage, room: string): Promise<Grant>;
}

/** Until accounts exist every connection may write; kept for tests and embedded use. */
export const allowAll: Authorizer = {
  authorize: () => Promise.resolve({ userId: 'anonymous', access: 'write' }),
};
