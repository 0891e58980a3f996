import { z } from 'zod';
import { themeInfo, ThemeId, type Lang, type Localized } from './themes';
import { DocumentKind } from './workspace';

// ---------------------------------------------------------------------------------------------
// Status

/**
 * The closed set of clause statuses. A clause starts as `draft`; its owner `proposes` it; all
 * parties `agree`; an agreed clause can be `reopened` (e.g. in a yearly update); a clause that
 * is no longer wanted is `withdrawn` (kept in the document and the record, left out of the
 * reciprocity ledger).
 */
export const CLAUSE_STATUSES = ['draft', 'proposed', 'agreed', 'reopened', 'withdrawn'] as const;
export const ClauseStatus = z.enum(CLAUSE_STATUSES);
export type ClauseStatus = z.infer<typeof ClauseStatus>;

/** Which status may follow which. The editor's status command refuses anything else. */
export const STATUS_TRANSITIONS: Readonly<Record<ClauseStatus, readonly ClauseStatus[]>> = {
  draft: ['proposed', 'withdrawn'],
  proposed: ['agreed', 'draft', 'withdrawn'],
  agreed: ['reopened'],
  reopened: ['proposed', 'agreed', 'withdrawn'],
  withdrawn: ['draft'],
};

export function canTransition(from: ClauseStatus, to: ClauseStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

export const STATUS_LABELS: Readonly<Record<ClauseStatus, Localized>> = {
  draft: { nl: 'Concept', en: 'Draft' },
  proposed: { nl: 'Voorgesteld', en: 'Proposed' },
  agreed: { nl: 'Akkoord', en: 'Agreed' },
  reopened: { nl: 'Heropend', en: 'Reopened' },
  withdrawn: { nl: 'Ingetrokken', en: 'Withdrawn' },
};

export function isClauseStatus(value: unknown): value is ClauseStatus {
  return typeof value === 'string' && (CLAUSE_STATUSES as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Ids and numbers

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A fresh clause id: "c" + 12 random base-36 characters (62 bits). Generated once per clause. */
export function newClauseId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  let id = 'c';
  for (const b of bytes) id += ID_ALPHABET[b % 36];
  return id;
}

/** Prefix used for clauses outside any (known) theme section. */
export const UNTHEMED_CODE = '?';

/**
 * The displayed number of the `position`-th (1-based) clause of a theme: "B-03". Numbers are
 * derived from the document (theme of the enclosing section + position among that theme's
 * clauses in document order, withdrawn ones included so numbers do not shift), never stored.
 */
export function clauseNumber(theme: ThemeId | null, position: number): string {
  const code = theme ? themeInfo(theme).code : UNTHEMED_CODE;
  return `${code}-${String(position).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Plain data

/** A calendar date, "YYYY-MM-DD", that exists. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a calendar date');

export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && IsoDate.safeParse(value).success;
}

/** What one party contributes in return on a clause. */
export const Counterpart = z.object({
  /** Party id; null while nobody has picked the party yet. */
  party: z.string().min(1).nullable(),
  /** Plain text; paragraphs separated by "\n". */
  commitment: z.string(),
  /** By when, or null. */
  due: IsoDate.nullable(),
});
export type Counterpart = z.infer<typeof Counterpart>;

/** A clause as plain data: what `readClauses` gives and the ledger and exports take. */
export const Clause = z.object({
  id: z.string().min(1),
  /** Derived, e.g. "B-03"; see `clauseNumber`. */
  number: z.string().min(1),
  /** Theme of the enclosing section; null for a clause outside any known section. */
  theme: ThemeId.nullable(),
  /** Plain text; paragraphs separated by "\n". */
  text: z.string(),
  /** Owning party id (who commits), or null while unassigned. */
  owner: z.string().min(1).nullable(),
  counterparts: z.array(Counterpart),
  status: ClauseStatus,
});
export type Clause = z.infer<typeof Clause>;

// ---------------------------------------------------------------------------------------------
// JSON export (CONTRACT.md)

/**
 * `GET …/export?format=json`, exactly as CONTRACT.md has it. The one addition the contract
 * allows: `due` on a counterpart, present only when a date is set.
 */
export const ExportCounterpart = z.object({
  party: z.string().min(1).nullable(),
  commitment: z.string(),
  due: IsoDate.optional(),
});
export type ExportCounterpart = z.infer<typeof ExportCounterpart>;

export const ExportClause = z.object({
  id: z.string().min(1),
  number: z.string().min(1),
  theme: ThemeId.nullable(),
  text: z.string(),
  owner: z.string().min(1).nullable(),
  counterparts: z.array(ExportCounterpart),
  status: ClauseStatus,
});
export type ExportClause = z.infer<typeof ExportClause>;

export const DocumentExport = z.object({
  document: z.object({ id: z.string(), kind: DocumentKind, title: z.string() }),
  clauses: z.array(ExportClause),
});
export type DocumentExport = z.infer<typeof DocumentExport>;

export const ExportFormat = z.enum(['json', 'markdown']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export type { Lang };
