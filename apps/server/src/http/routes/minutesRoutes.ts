import { ActionItemBody, AmendMinutesBody } from '@akkoord/domain';
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { MinutesService } from '../../minutes/MinutesService';
import { requireUser } from '../session';
import { validate } from '../validate';

const param = (req: Request, name: string): string => String(req.params[name]);

const ApproveBody = z.object({ version: z.number().int().min(1) });
const ExportQuery = z.object({ format: z.enum(['md', 'pdf']).default('md') });
const UpdateActionBody = ActionItemBody.partial().refine((b) => Object.keys(b).length > 0, {
  message: 'nothing to change',
});

/**
 * Minutes and action items (FACILITATION.md 'Minutes and action items', SPEC.md MIN-1..3).
 * Every member reads; members who are not observers change; negotiators approve for their party.
 */
export function minutesRoutes(minutes: MinutesService): Router {
  const r = Router();
  const base = '/workspaces/:id/meetings/:mid';
  const ids = (req: Request) => [param(req, 'id'), param(req, 'mid')] as const;

  r.get(`${base}/actions`, async (req, res) => {
    const user = requireUser(req);
    res.json({ actions: await minutes.listActions(user.id, ...ids(req)) });
  });

  r.post(`${base}/actions`, async (req, res) => {
    const user = requireUser(req);
    const body = validate(ActionItemBody, req.body);
    res.status(201).json({ action: await minutes.addAction(user.id, ...ids(req), body) });
  });

  r.patch(`${base}/actions/:aid`, async (req, res) => {
    const user = requireUser(req);
    const body = validate(UpdateActionBody, req.body);
    res.json({
      action: await minutes.updateAction(user.id, ...ids(req), param(req, 'aid'), body),
    });
  });

  r.delete(`${base}/actions/:aid`, async (req, res) => {
    const user = requireUser(req);
    await minutes.deleteAction(user.id, ...ids(req), param(req, 'aid'));
    res.status(204).end();
  });

  r.get(`${base}/minutes`, async (req, res) => {
    const user = requireUser(req);
    res.json(await minutes.get(user.id, ...ids(req)));
  });

  r.put(`${base}/minutes`, async (req, res) => {
    const user = requireUser(req);
    const body = validate(AmendMinutesBody, req.body);
    res.json(await minutes.amend(user.id, ...ids(req), body));
  });

  r.post(`${base}/minutes/approve`, async (req, res) => {
    const user = requireUser(req);
    const body = validate(ApproveBody, req.body);
    res.json(await minutes.approve(user.id, ...ids(req), body.version));
  });

  r.get(`${base}/minutes/export`, async (req, res) => {
    const user = requireUser(req);
    const query = validate(ExportQuery, { format: req.query.format });
    const file = await minutes.export(user.id, ...ids(req), query.format);
    res
      .type(file.contentType)
      .set('Content-Disposition', `attachment; filename="${file.fileName}"`)
      .send(file.body);
  });

  return r;
}
