import { Router, type Request } from 'express';
import { hashToken } from '../../accounts/tokens';
import type { EventStreams } from '../../events/EventStreams';
import type { WorkspaceService } from '../../workspaces/WorkspaceService';
import { currentAuth, requireUser } from '../session';

const param = (req: Request, name: string): string => String(req.params[name]);

/**
 * `GET /workspaces/:id/events`: Server-Sent Events for one workspace (SPEC.md CMT-6). Members
 * only (others 404); each event is filtered for the caller before it is written.
 */
export function eventRoutes(workspaces: WorkspaceService, streams: EventStreams): Router {
  const r = Router();

  r.get('/workspaces/:id/events', async (req, res) => {
    const user = requireUser(req);
    const workspaceId = param(req, 'id');
    await workspaces.requireMember(user.id, workspaceId);
    const sessionId = hashToken(currentAuth(req)!.token);
    streams.open({ workspaceId, userId: user.id, sessionId }, req, res);
  });

  return r;
}
