import { createHash } from 'node:crypto';
import { Clause } from '@akkoord/domain';
import { z } from 'zod';

/**
 * The clauses a person saw, stored per person and document. Compact JSON (no whitespace) of
 * `readClauses`; plain text only, no Yjs state. A 300-clause agreement is a few hundred KB at
 * most, so the cap is generous; past it nothing is stored (null) and "since your last visit"
 * says it cannot list the changes rather than store megabytes per person.
 */
export const MAX_SNAPSHOT_BYTES = 2 * 1024 * 1024;

export interface EncodedSnapshot {
  /** The JSON, or null when over the cap. */
  json: string | null;
  /** Identifies the clauses' state (over the full JSON, also when not stored). */
  version: string;
}

export function encodeSnapshot(
  clauses: readonly Clause[],
  maxBytes = MAX_SNAPSHOT_BYTES,
): EncodedSnapshot {
  const json = JSON.stringify(clauses);
  const version = createHash('sha256').update(json).digest('base64url').slice(0, 22);
  return { json: Buffer.byteLength(json, 'utf8') <= maxBytes ? json : null, version };
}

const Snapshot = z.array(Clause);

/** The stored clauses, or null when nothing usable was stored. */
export function decodeSnapshot(json: string | null): Clause[] | null {
  if (json === null) return null;
  try {
    const r = Snapshot.safeParse(JSON.parse(json));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
