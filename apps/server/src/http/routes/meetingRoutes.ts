import {
  CreateMeetingBody,
  CurrentItemBody,
  FocusBody,
  GiveFloorBody,
  UpdateMeetingBody,
} from '@akkoord/domain';
import { Router, type Request } from 'express';
import type { MeetingService } from '../../meetings/MeetingService';
import type { SpeakingQueueService } from '../../meetings/SpeakingQueueService';
import { requireUser } from '../session';
import { validate } from '../validate';

const param = (req: Request, name: string): string => String(req.params[name]);

/**
 * Meetings, agenda timer, follow-me focus, attendance and the speaking queue (FACILITATION.md,
 * SPEC.md MEET-1..5, MEET-7). Every route is under `/workspaces/:id`; non-members get 404.
 */
export function meetingRoutes(meetings: MeetingService, queue: SpeakingQueueService): Router {
  const r = Router();
  const base = '/workspaces/:id/meetings';
  /** The caller, workspace and meeting of a `/meetings/:mid…` request. */
  const ids = (req: Request) => [requireUser(req).id, param(req, 'id'), param(req, 'mid')] as const;

  r.get(base, async (req, res) => {
    const user = requireUser(req);
    res.json({ meetings: await meetings.list(user.id, param(req, 'id')) });
  });

  r.post(base, async (req, res) => {
    const user = requireUser(req);
    const body = validate(CreateMeetingBody, req.body);
    res.status(201).json({ meeting: await meetings.create(user.id, param(req, 'id'), body) });
  });

  r.get(`${base}/:mid`, async (req, res) => {
    res.json({ meeting: await meetings.meeting(...ids(req)) });
  });

  r.patch(`${base}/:mid`, async (req, res) => {
    const body = validate(UpdateMeetingBody, req.body);
    res.json({ meeting: await meetings.update(...ids(req), body) });
  });

  r.delete(`${base}/:mid`, async (req, res) => {
    await meetings.remove(...ids(req));
    res.status(204).end();
  });

  r.post(`${base}/:mid/start`, async (req, res) => {
    res.json({ meeting: await meetings.start(...ids(req)) });
  });

  r.post(`${base}/:mid/current`, async (req, res) => {
    const { itemId } = validate(CurrentItemBody, req.body);
    res.json({ meeting: await meetings.moveTo(...ids(req), itemId) });
  });

  r.post(`${base}/:mid/focus`, async (req, res) => {
    const body = validate(FocusBody, req.body);
    res.json({ meeting: await meetings.focus(...ids(req), body) });
  });

  r.post(`${base}/:mid/attend`, async (req, res) => {
    await meetings.attend(...ids(req));
    res.status(204).end();
  });

  r.post(`${base}/:mid/end`, async (req, res) => {
    res.json(await meetings.end(...ids(req)));
  });

  // Speaking queue (MEET-5).
  r.get(`${base}/:mid/queue`, async (req, res) => {
    res.json(await queue.queue(...ids(req)));
  });

  r.post(`${base}/:mid/queue`, async (req, res) => {
    res.status(201).json({ entry: await queue.raise(...ids(req)) });
  });

  r.delete(`${base}/:mid/queue/mine`, async (req, res) => {
    await queue.lower(...ids(req));
    res.status(204).end();
  });

  r.post(`${base}/:mid/queue/next`, async (req, res) => {
    const { entryId } = validate(GiveFloorBody, req.body);
    res.json(await queue.next(...ids(req), entryId));
  });

  r.post(`${base}/:mid/queue/done`, async (req, res) => {
    res.json(await queue.done(...ids(req)));
  });

  return r;
}
