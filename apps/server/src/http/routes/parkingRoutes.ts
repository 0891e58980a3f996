import { CreateParkingBody, UpdateParkingBody } from '@akkoord/domain';
import { Router, type Request } from 'express';
import type { ParkingService } from '../../meetings/ParkingService';
import { requireUser } from '../session';
import { validate } from '../validate';

const param = (req: Request, name: string): string => String(req.params[name]);

/** The parking lot (FACILITATION.md, SPEC.md MEET-6): topics set aside, across meetings. */
export function parkingRoutes(parking: ParkingService): Router {
  const r = Router();

  r.get('/workspaces/:id/parking', async (req, res) => {
    const user = requireUser(req);
    res.json({ items: await parking.list(user.id, param(req, 'id')) });
  });

  r.post('/workspaces/:id/parking', async (req, res) => {
    const user = requireUser(req);
    const body = validate(CreateParkingBody, req.body);
    res.status(201).json({ item: await parking.create(user.id, param(req, 'id'), body) });
  });

  r.patch('/workspaces/:id/parking/:pid', async (req, res) => {
    const user = requireUser(req);
    const body = validate(UpdateParkingBody, req.body);
    res.json({ item: await parking.update(user.id, param(req, 'id'), param(req, 'pid'), body) });
  });

  return r;
}
