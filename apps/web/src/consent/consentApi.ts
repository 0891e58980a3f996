import type {
  ClauseLockDto,
  ConsentRoundDto,
  ConsentTarget,
  DecisionDto,
  FacilitationStateDto,
  PositionBody,
  ProcessGateDto,
  TallyDto,
} from '@akkoord/domain';
import { send, type Method } from '../apiClient';

/**
 * Fetch wrappers for "Consent rounds, decisions, gate, locks" in apps/server/FACILITATION.md, on
 * apiClient's `send` (a 401 ends the session, as everywhere).
 */

async function json<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const response = await send(method, path, body);
  return (await response.json()) as T;
}

const ws = (id: string) => `/workspaces/${encodeURIComponent(id)}`;
const round = (id: string, roundId: string) =>
  `${ws(id)}/consent-rounds/${encodeURIComponent(roundId)}`;

export const consentApi = {
  /** Gate, locks, rounds and the running meeting in one answer. */
  state: (id: string) => json<FacilitationStateDto>('GET', `${ws(id)}/facilitation`),
  rounds: (id: string) => json<{ rounds: ConsentRoundDto[] }>('GET', `${ws(id)}/consent-rounds`),
  open: (id: string, target: ConsentTarget, meetingId?: string) =>
    json<{ round: ConsentRoundDto }>('POST', `${ws(id)}/consent-rounds`, {
      target,
      ...(meetingId === undefined ? {} : { meetingId }),
    }),
  /** The caller's party's position (negotiators). */
  position: (id: string, roundId: string, body: PositionBody) =>
    json<{ round: ConsentRoundDto; tally: TallyDto }>(
      'PUT',
      `${round(id, roundId)}/position`,
      body,
    ),
  close: (id: string, roundId: string, outcome: 'not-agreed' | 'cancelled', reason?: string) =>
    json<{ round: ConsentRoundDto }>('POST', `${round(id, roundId)}/close`, {
      outcome,
      ...(reason === undefined || reason.trim() === '' ? {} : { reason }),
    }),
  decisions: (id: string) => json<{ decisions: DecisionDto[] }>('GET', `${ws(id)}/decisions`),
  gate: (id: string) => json<ProcessGateDto>('GET', `${ws(id)}/process-gate`),
  overrideGate: (id: string, reason: string) =>
    json<ProcessGateDto>('POST', `${ws(id)}/process-gate/override`, { reason }),
  locks: (id: string) => json<{ locks: ClauseLockDto[] }>('GET', `${ws(id)}/locks`),
  reopen: (id: string, documentId: string, clauseId: string, reason: string) =>
    json<{ decision: DecisionDto }>(
      'POST',
      `${ws(id)}/documents/${encodeURIComponent(documentId)}/clauses/${encodeURIComponent(clauseId)}/reopen`,
      { reason },
    ),
};
