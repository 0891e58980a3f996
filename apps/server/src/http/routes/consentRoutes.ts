import {
  CloseRoundBody,
  GateOverrideBody,
  OpenRoundBody,
  PositionBody,
  ReopenBody,
} from '@akkoord/domain';
import { Router, type Request } from 'express';
import type { ConsentService } from '../../consent/ConsentService';
import type { LockService } from '../../consent/LockService';
import type { ProcessGate } from '../../consent/ProcessGate';
import { requireUser } from '../session';
import { validate } from '../validate';

export interface ConsentRouteDeps {
  consent: ConsentService;
  gate: ProcessGate;
  locks: LockService;
}

const param = (req: Request, name: string): string => String(req.params[name]);

/**
 * Consent rounds, the decision log, the process gate and clause locks (FACILITATION.md;
 * SPEC.md CONS-*, GATE-*, LOCK-1, LOCK-3). Every member reads all of it; non-members get 404.
 */
export function consentRoutes({ consent, gate, locks }: ConsentRouteDeps): Router {
  const r = Router();
  const ws = '/workspaces/:id';

  r.get(`${ws}/facilitation`, async (req, res) => {
    res.json(await consent.state(requireUser(req).id, param(req, 'id')));
  });

  r.get(`${ws}/consent-rounds`, async (req, res) => {
    res.json({ rounds: await consent.rounds(requireUser(req).id, param(req, 'id')) });
  });

  r.post(`${ws}/consent-rounds`, async (req, res) => {
    const user = requireUser(req);
    const body = validate(OpenRoundBody, req.body);
    res.status(201).json({ round: await consent.open(user.id, param(req, 'id'), body) });
  });

  r.put(`${ws}/consent-rounds/:rid/position`, async (req, res) => {
    const user = requireUser(req);
    const body = validate(PositionBody, req.body);
    res.json(await consent.position(user.id, param(req, 'id'), param(req, 'rid'), body));
  });

  r.post(`${ws}/consent-rounds/:rid/close`, async (req, res) => {
    const user = requireUser(req);
    const body = validate(CloseRoundBody, req.body);
    const round = await consent.close(user.id, param(req, 'id'), param(req, 'rid'), body);
    res.json({ round });
  });

  r.get(`${ws}/decisions`, async (req, res) => {
    res.json({ decisions: await consent.decisions(requireUser(req).id, param(req, 'id')) });
  });

  r.get(`${ws}/process-gate`, async (req, res) => {
    res.json(await gate.get(requireUser(req).id, param(req, 'id')));
  });

  r.post(`${ws}/process-gate/override`, async (req, res) => {
    const user = requireUser(req);
    const { reason } = validate(GateOverrideBody, req.body);
    res.json(await gate.override(user.id, param(req, 'id'), reason));
  });

  r.get(`${ws}/locks`, async (req, res) => {
    res.json({ locks: await locks.list(requireUser(req).id, param(req, 'id')) });
  });

  r.post(`${ws}/documents/:docId/clauses/:clauseId/reopen`, async (req, res) => {
    const user = requireUser(req);
    const { reason } = validate(ReopenBody, req.body);
    const decision = await locks.reopen(
      user.id,
      param(req, 'id'),
      param(req, 'docId'),
      param(req, 'clauseId'),
      reason,
    );
    res.json({ decision });
  });

  return r;
}
