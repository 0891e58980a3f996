import type {
  ChangesResponse,
  ClauseChange,
  NotificationDto,
  WaitingOnParty,
  WaitingOnResponse,
} from '@akkoord/domain';

/** How many clauses were added, changed and removed, and how many of the changes were status changes. */
export interface ChangeCounts {
  added: number;
  changed: number;
  removed: number;
  status: number;
}

export function countChanges(changes: readonly ClauseChange[]): ChangeCounts {
  const counts: ChangeCounts = { added: 0, changed: 0, removed: 0, status: 0 };
  for (const change of changes) {
    counts[change.kind] += 1;
    if (change.kind === 'changed' && change.status !== null) counts.status += 1;
  }
  return counts;
}

/** What there is to say about a visit: used to pick the panel's summary line. */
export type VisitSummary =
  | { kind: 'first-visit' }
  | { kind: 'unavailable'; since: string | null }
  | { kind: 'nothing-new'; since: string | null }
  | { kind: 'changes'; since: string | null; counts: ChangeCounts };

export function summarizeVisit(response: ChangesResponse): VisitSummary {
  if (response.baseline === 'first-visit') return { kind: 'first-visit' };
  const threads = response.threads;
  const threadNews = threads !== null && threads.opened + threads.resolved > 0;
  if (response.baseline === 'unavailable' && !threadNews) {
    return { kind: 'unavailable', since: response.since };
  }
  if (response.changes.length === 0 && !threadNews) {
    return { kind: 'nothing-new', since: response.since };
  }
  return { kind: 'changes', since: response.since, counts: countChanges(response.changes) };
}

/** The aspects of a changed clause, in the order the panel lists them. */
export type ChangeAspect = 'text' | 'status' | 'owner' | 'theme' | 'counterparts';

export function changedAspects(change: ClauseChange): ChangeAspect[] {
  if (change.kind !== 'changed') return [];
  const aspects: ChangeAspect[] = [];
  if (change.text !== null) aspects.push('text');
  if (change.status !== null) aspects.push('status');
  if (change.owner !== null) aspects.push('owner');
  if (change.theme !== null) aspects.push('theme');
  if (change.counterparts.length > 0) aspects.push('counterparts');
  return aspects;
}

/**
 * Waiting-on lists to show: the viewer's party first (the server already does this; kept here
 * so the page does not depend on it), parties with nothing waiting left out.
 */
export function waitingPartiesToShow(response: WaitingOnResponse): WaitingOnParty[] {
  const withWork = response.parties.filter((p) => p.clauses.length + p.threads.length > 0);
  const mine = withWork.filter((p) => p.partyId === response.viewerPartyId);
  const others = withWork.filter((p) => p.partyId !== response.viewerPartyId);
  return [...mine, ...others];
}

/** Newest first; equal times by id so the order is stable between refreshes. */
export function newestFirst(notifications: readonly NotificationDto[]): NotificationDto[] {
  return [...notifications].sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
}

/** Merges a further (older) page into the list without duplicates. */
export function mergeNotifications(
  current: readonly NotificationDto[],
  more: readonly NotificationDto[],
): NotificationDto[] {
  const ids = new Set(current.map((n) => n.id));
  return newestFirst([...current, ...more.filter((n) => !ids.has(n.id))]);
}
