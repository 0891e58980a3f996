import { Router, type Request } from 'express';
import {
  CreateInvitationBody,
  CreateWorkspaceBody,
  PartyInput,
  UpdateMemberBody,
  UpdateWorkspaceBody,
} from '@akkoord/domain';
import type { AuthConfig } from '../../config';
import type { WorkspaceService } from '../../workspaces/WorkspaceService';
import { requireUser } from '../session';
import { validate } from '../validate';

/** Links point at the configured public URL, or back at the origin the request came to. */
function baseUrl(req: Request, cfg: AuthConfig): string {
  return cfg.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

const param = (req: Request, name: string): string => String(req.params[name]);

export function workspaceRoutes(workspaces: WorkspaceService, cfg: AuthConfig): Router {
  const r = Router();

  r.post('/workspaces', async (req, res) => {
    const user = requireUser(req);
    const workspace = await workspaces.create(user.id, validate(CreateWorkspaceBody, req.body));
    res.status(201).json({ workspace });
  });

  r.get('/workspaces', async (req, res) => {
    res.json({ workspaces: await workspaces.list(requireUser(req).id) });
  });

  r.get('/workspaces/:id', async (req, res) => {
    res.json({ workspace: await workspaces.get(requireUser(req).id, param(req, 'id')) });
  });

  r.patch('/workspaces/:id', async (req, res) => {
    const user = requireUser(req);
    const fields = validate(UpdateWorkspaceBody, req.body);
    res.json({ workspace: await workspaces.update(user.id, param(req, 'id'), fields) });
  });

  r.post('/workspaces/:id/parties', async (req, res) => {
    const user = requireUser(req);
    const party = await workspaces.addParty(
      user.id,
      param(req, 'id'),
      validate(PartyInput, req.body),
    );
    res.status(201).json({ party });
  });

  r.post('/workspaces/:id/invitations', async (req, res) => {
    const user = requireUser(req);
    const inv = await workspaces.invite(
      user.id,
      param(req, 'id'),
      validate(CreateInvitationBody, req.body),
    );
    res
      .status(201)
      .json({ invitation: { ...inv, url: `${baseUrl(req, cfg)}/invite/${inv.token}` } });
  });

  r.get('/workspaces/:id/invitations', async (req, res) => {
    res.json({
      invitations: await workspaces.listInvitations(requireUser(req).id, param(req, 'id')),
    });
  });

  r.delete('/workspaces/:id/invitations/:invitationId', async (req, res) => {
    await workspaces.revokeInvitation(
      requireUser(req).id,
      param(req, 'id'),
      param(req, 'invitationId'),
    );
    res.status(204).end();
  });

  r.patch('/workspaces/:id/members/:userId', async (req, res) => {
    const user = requireUser(req);
    const body = validate(UpdateMemberBody, req.body);
    res.json({
      member: await workspaces.updateMember(user.id, param(req, 'id'), param(req, 'userId'), body),
    });
  });

  r.delete('/workspaces/:id/members/:userId', async (req, res) => {
    await workspaces.removeMember(requireUser(req).id, param(req, 'id'), param(req, 'userId'));
    res.status(204).end();
  });

  r.get('/workspaces/:id/audit', async (req, res) => {
    res.json({ entries: await workspaces.auditLog(requireUser(req).id, param(req, 'id')) });
  });

  r.get('/invitations/:token', async (req, res) => {
    res.json({ invitation: await workspaces.previewInvitation(param(req, 'token')) });
  });

  r.post('/invitations/:token/accept', async (req, res) => {
    const user = requireUser(req);
    res.json({ membership: await workspaces.acceptInvitation(user.id, param(req, 'token')) });
  });

  return r;
}
