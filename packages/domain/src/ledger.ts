import type { Clause } from './clause';
import { THEME_IDS, type ThemeId } from './themes';

/**
 * The reciprocity ledger (tip 4): who gives what to whom, computed from plain clauses.
 *
 * Definitions (only clauses whose status is not `withdrawn` count):
 * - A **commitment** is something a party promises:
 *   - owning a clause is one commitment of the owner;
 *   - each *valid* counterpart on a clause is one commitment of its party. Valid means: a party
 *     is set, it is a known party, it is not the clause's owner, and its text is not blank.
 * - An **exchange** is who receives a commitment, on the same clause:
 *   - each valid counterpart of party P on a clause owned by O: P gives to O (O receives it);
 *   - the owner's commitment is received by every party with a valid counterpart on that clause
 *     (once per party per clause, however many counterparts that party has there).
 *   A clause without valid counterparts is an *open* commitment: nobody receives it explicitly.
 * - `gives` = the party's commitments (owned clauses + valid counterparts).
 * - `receives` = exchanges the party receives = the column total of the matrix.
 * - `matrix[giver][receiver]` = number of exchanges from giver to receiver. Row totals can differ
 *   from `gives`: an owner's one commitment is received by each counterpart party, and open
 *   commitments have no receiver.
 * Owner or counterpart party ids that are not in `parties` are treated as unset (and warned).
 */

export interface LedgerParty {
  id: string;
  name?: string;
}

export interface LedgerOptions {
  /**
   * A party is lopsided when it gives more than `lopsidedRatio` × what it receives, or receives
   * more than `lopsidedRatio` × what it gives. Default 2; must be ≥ 1.
   */
  lopsidedRatio?: number;
  /** Balance is only judged once gives + receives reaches this. Default 3; ≥ 1. */
  minCommitmentsForBalance?: number;
}

export const DEFAULT_LOPSIDED_RATIO = 2;
export const DEFAULT_MIN_COMMITMENTS_FOR_BALANCE = 3;

export interface PartyLedger {
  partyId: string;
  /** Clauses it owns. */
  owns: number;
  /** Valid counterpart commitments it makes. */
  contributes: number;
  /** owns + contributes. */
  gives: number;
  /** Exchanges it receives. */
  receives: number;
  /** gives − receives: positive means it gives more than it gets. */
  balance: number;
  ownedClauseIds: string[];
  contributedClauseIds: string[];
  /** Clauses on which it receives something. */
  receivedClauseIds: string[];
  /** Owned clauses without any valid counterpart. */
  openClauseIds: string[];
}

export interface ThemeLedger {
  /** Null for clauses outside a known theme section. */
  theme: ThemeId | null;
  /** Counted (non-withdrawn) clauses. */
  clauses: number;
  clauseIds: string[];
  withoutCounterpart: number;
  /** Per known party id. */
  parties: Record<string, { gives: number; receives: number }>;
}

interface WarningBase {
  /** Stable key for lists: kind + party + first clause. */
  key: string;
  /** Clauses to scroll to, in document order (may be empty). */
  clauseIds: string[];
  /** The party concerned, or null. */
  partyId: string | null;
}

export type LedgerWarning =
  | (WarningBase & { kind: 'clause-without-counterpart' })
  | (WarningBase & { kind: 'clause-without-owner' })
  | (WarningBase & { kind: 'incomplete-counterpart'; reason: 'no-party' | 'no-text' })
  | (WarningBase & { kind: 'counterpart-by-owner' })
  | (WarningBase & { kind: 'unknown-party' })
  | (WarningBase & { kind: 'party-without-commitments' })
  | (WarningBase & {
      kind: 'lopsided';
      direction: 'gives-more' | 'receives-more';
      gives: number;
      receives: number;
      /** The larger of gives/receives divided by the smaller; null when the smaller is 0. */
      ratio: number | null;
    });

export type LedgerWarningKind = LedgerWarning['kind'];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface Ledger {
  /** In the order of the `parties` argument. */
  parties: PartyLedger[];
  /** matrix[giver][receiver], every known party × every known party (0 on the diagonal). */
  matrix: Record<string, Record<string, number>>;
  /** Themes that have counted clauses, in theme order; unthemed last. */
  themes: ThemeLedger[];
  /** Clause-level warnings in document order, then party-level ones in party order. */
  warnings: LedgerWarning[];
  totals: {
    clauses: number;
    counted: number;
    withdrawn: number;
    withoutCounterpart: number;
    withoutOwner: number;
  };
}

export function computeLedger(
  clauses: readonly Clause[],
  parties: readonly LedgerParty[],
  options: LedgerOptions = {},
): Ledger {
  const ratioLimit = options.lopsidedRatio ?? DEFAULT_LOPSIDED_RATIO;
  const minTotal = options.minCommitmentsForBalance ?? DEFAULT_MIN_COMMITMENTS_FOR_BALANCE;
  if (!(ratioLimit >= 1)) throw new RangeError('lopsidedRatio must be a number ≥ 1');
  if (!(minTotal >= 1)) throw new RangeError('minCommitmentsForBalance must be a number ≥ 1');

  const ids = [...new Set(parties.map((p) => p.id))];
  const known = new Set(ids);
  const stats = new Map<string, PartyLedger>(
    ids.map((id) => [
      id,
      {
        partyId: id,
        owns: 0,
        contributes: 0,
        gives: 0,
        receives: 0,
        balance: 0,
        ownedClauseIds: [],
        contributedClauseIds: [],
        receivedClauseIds: [],
        openClauseIds: [],
      },
    ]),
  );
  const matrix: Record<string, Record<string, number>> = {};
  for (const g of ids) matrix[g] = Object.fromEntries(ids.map((r) => [r, 0]));
  const themes = new Map<ThemeId | null, ThemeLedger>();
  const clauseWarnings: LedgerWarning[] = [];
  const unknown = new Map<string, string[]>();
  // Per party: clauses where it gives more than it receives, and the reverse.
  const givesMoreOn = new Map<string, string[]>(ids.map((id) => [id, []]));
  const receivesMoreOn = new Map<string, string[]>(ids.map((id) => [id, []]));
  const totals = {
    clauses: clauses.length,
    counted: 0,
    withdrawn: 0,
    withoutCounterpart: 0,
    withoutOwner: 0,
  };

  const noteUnknown = (party: string, clauseId: string) => {
    const list = unknown.get(party) ?? [];
    if (!list.includes(clauseId)) list.push(clauseId);
    unknown.set(party, list);
  };
  const warn = (w: DistributiveOmit<LedgerWarning, 'key'>) => {
    clauseWarnings.push({ ...w, key: warningKey(w) });
  };

  for (const clause of clauses) {
    if (clause.status === 'withdrawn') {
      totals.withdrawn += 1;
      continue;
    }
    totals.counted += 1;
    const c = clause.id;
    let owner: string | null = null;
    if (clause.owner === null) {
      totals.withoutOwner += 1;
      warn({ kind: 'clause-without-owner', clauseIds: [c], partyId: null });
    } else if (known.has(clause.owner)) {
      owner = clause.owner;
    } else {
      noteUnknown(clause.owner, c);
    }

    const contributors: string[] = [];
    for (const cp of clause.counterparts) {
      if (cp.party === null) {
        warn({ kind: 'incomplete-counterpart', reason: 'no-party', clauseIds: [c], partyId: null });
      } else if (!known.has(cp.party)) {
        noteUnknown(cp.party, c);
      } else if (cp.party === clause.owner) {
        warn({ kind: 'counterpart-by-owner', clauseIds: [c], partyId: cp.party });
      } else if (cp.commitment.trim() === '') {
        warn({
          kind: 'incomplete-counterpart',
          reason: 'no-text',
          clauseIds: [c],
          partyId: cp.party,
        });
      } else {
        contributors.push(cp.party);
      }
    }
    if (contributors.length === 0) {
      totals.withoutCounterpart += 1;
      warn({ kind: 'clause-without-counterpart', clauseIds: [c], partyId: clause.owner });
    }

    // What each party gives and receives on this clause.
    const g = new Map<string, number>();
    const r = new Map<string, number>();
    const add = (m: Map<string, number>, p: string) => m.set(p, (m.get(p) ?? 0) + 1);
    if (owner !== null) add(g, owner);
    for (const p of contributors) {
      add(g, p);
      if (owner !== null) {
        matrix[p]![owner]! += 1;
        add(r, owner);
      }
    }
    if (owner !== null) {
      for (const p of new Set(contributors)) {
        matrix[owner]![p]! += 1;
        add(r, p);
      }
    }

    const theme = themeLedger(themes, clause.theme, ids);
    theme.clauses += 1;
    theme.clauseIds.push(c);
    if (contributors.length === 0) theme.withoutCounterpart += 1;

    for (const p of new Set([...g.keys(), ...r.keys()])) {
      const s = stats.get(p)!;
      const gp = g.get(p) ?? 0;
      const rp = r.get(p) ?? 0;
      s.gives += gp;
      s.receives += rp;
      if (p === owner) {
        s.owns += 1;
        s.ownedClauseIds.push(c);
        if (contributors.length === 0) s.openClauseIds.push(c);
      }
      const contributed = contributors.filter((x) => x === p).length;
      if (contributed > 0) {
        s.contributes += contributed;
        s.contributedClauseIds.push(c);
      }
      if (rp > 0) s.receivedClauseIds.push(c);
      if (gp > rp) givesMoreOn.get(p)!.push(c);
      if (rp > gp) receivesMoreOn.get(p)!.push(c);
      const tp = theme.parties[p]!;
      tp.gives += gp;
      tp.receives += rp;
    }
  }

  const partyWarnings: LedgerWarning[] = [];
  for (const [party, clauseIds] of unknown) {
    partyWarnings.push({
      kind: 'unknown-party',
      partyId: party,
      clauseIds,
      key: warningKey({ kind: 'unknown-party', partyId: party, clauseIds }),
    });
  }
  for (const s of stats.values()) {
    s.balance = s.gives - s.receives;
    if (s.gives === 0 && totals.counted > 0) {
      partyWarnings.push({
        kind: 'party-without-commitments',
        partyId: s.partyId,
        clauseIds: [],
        key: `party-without-commitments:${s.partyId}:`,
      });
    }
    if (s.gives + s.receives < minTotal) continue;
    const direction =
      s.gives > ratioLimit * s.receives
        ? 'gives-more'
        : s.receives > ratioLimit * s.gives
          ? 'receives-more'
          : null;
    if (direction === null) continue;
    const [big, small] = direction === 'gives-more' ? [s.gives, s.receives] : [s.receives, s.gives];
    const clauseIds = (direction === 'gives-more' ? givesMoreOn : receivesMoreOn).get(s.partyId)!;
    partyWarnings.push({
      kind: 'lopsided',
      direction,
      gives: s.gives,
      receives: s.receives,
      ratio: small === 0 ? null : big / small,
      partyId: s.partyId,
      clauseIds,
      key: `lopsided:${s.partyId}:${direction}`,
    });
  }

  const themeOrder = (t: ThemeId | null) => (t === null ? THEME_IDS.length : THEME_IDS.indexOf(t));
  return {
    parties: ids.map((id) => stats.get(id)!),
    matrix,
    themes: [...themes.values()].sort((a, b) => themeOrder(a.theme) - themeOrder(b.theme)),
    warnings: uniqueKeys([...clauseWarnings, ...partyWarnings]),
    totals,
  };
}

function themeLedger(
  themes: Map<ThemeId | null, ThemeLedger>,
  theme: ThemeId | null,
  ids: readonly string[],
): ThemeLedger {
  let t = themes.get(theme);
  if (!t) {
    t = {
      theme,
      clauses: 0,
      clauseIds: [],
      withoutCounterpart: 0,
      parties: Object.fromEntries(ids.map((id) => [id, { gives: 0, receives: 0 }])),
    };
    themes.set(theme, t);
  }
  return t;
}

/** Two same-kind warnings on one clause (e.g. two counterparts without a party) get #2, #3… */
function uniqueKeys(warnings: LedgerWarning[]): LedgerWarning[] {
  const seen = new Map<string, number>();
  return warnings.map((w) => {
    const n = (seen.get(w.key) ?? 0) + 1;
    seen.set(w.key, n);
    return n === 1 ? w : { ...w, key: `${w.key}#${n}` };
  });
}

function warningKey(w: {
  kind: string;
  partyId: string | null;
  clauseIds: readonly string[];
  reason?: string;
}): string {
  return [w.kind, w.reason, w.partyId ?? '', w.clauseIds[0] ?? '']
    .filter((x) => x !== undefined)
    .join(':');
}

/** All clause ids that a warning list points at, for highlighting clauses in the editor. */
export function clausesWithWarnings(warnings: readonly LedgerWarning[]): Set<string> {
  return new Set(warnings.flatMap((w) => w.clauseIds));
}
