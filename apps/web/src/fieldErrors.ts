import type { TFunction } from 'i18next';
import type { ApiError } from './apiClient';

/**
 * What is wrong with one form field, in words the interface can translate. Forms validate with
 * the server's own zod schemas (from @akkoord/domain); zod's English messages are not shown.
 */
export type FieldProblem =
  | { kind: 'required' | 'email' | 'character' | 'invalid' | 'number' }
  | { kind: 'tooShort' | 'tooLong' | 'numberTooSmall' | 'numberTooBig'; limit: number }
  | { kind: 'emailTaken' | 'tooFewParties' | 'partyRequired' };

/** Keyed by the field's path as the server writes it in `details.fields`: `parties.0.name`. */
export type FieldErrors = Partial<Record<string, FieldProblem>>;

/** The parts of a zod 4 issue we read; zod's own issue type satisfies it. */
export interface SchemaIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  minimum?: unknown;
  maximum?: unknown;
  origin?: unknown;
  format?: unknown;
  expected?: unknown;
}

interface Schema<T> {
  safeParse(
    input: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: readonly SchemaIssue[] } };
}

export function fieldKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '_';
}

function limit(value: unknown): number {
  return typeof value === 'number' || typeof value === 'bigint' ? Number(value) : 0;
}

export function problemOf(issue: SchemaIssue): FieldProblem {
  const isNumber = issue.origin === 'number' || issue.origin === 'int';
  switch (issue.code) {
    case 'too_small':
      if (isNumber) return { kind: 'numberTooSmall', limit: limit(issue.minimum) };
      return limit(issue.minimum) <= 1
        ? { kind: 'required' }
        : { kind: 'tooShort', limit: limit(issue.minimum) };
    case 'too_big':
      return isNumber
        ? { kind: 'numberTooBig', limit: limit(issue.maximum) }
        : { kind: 'tooLong', limit: limit(issue.maximum) };
    case 'invalid_format':
      return issue.format === 'email' ? { kind: 'email' } : { kind: 'invalid' };
    case 'invalid_type':
      return issue.expected === 'number' || issue.expected === 'int'
        ? { kind: 'number' }
        : { kind: 'required' };
    case 'custom':
      // The domain's only custom text check: unpaired surrogates (see workspace.ts).
      return issue.message.includes('invalid character')
        ? { kind: 'character' }
        : { kind: 'invalid' };
    default:
      return { kind: 'invalid' };
  }
}

/** The first problem per field, in the schema's order. */
export function fieldErrorsOf(issues: readonly SchemaIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[fieldKey(issue.path)] ??= problemOf(issue);
  return errors;
}

export type Validation<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Validates exactly as the server will, so most mistakes never leave the browser. */
export function validate<T>(schema: Schema<T>, input: unknown): Validation<T> {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, errors: fieldErrorsOf(result.error.issues) };
}

/**
 * Field problems from a `validation_failed` answer. The server's checks are the same schemas,
 * so this only happens for rules it alone can know (an unknown party); its English messages
 * are replaced by our own words.
 */
export function fieldErrorsFromApi(error: ApiError): FieldErrors {
  const errors: FieldErrors = {};
  for (const key of Object.keys(error.fields)) {
    errors[key] = key === 'partyId' ? { kind: 'partyRequired' } : { kind: 'invalid' };
  }
  return errors;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some((problem) => problem !== undefined);
}

export function problemText(t: TFunction, problem: FieldProblem | undefined): string | undefined {
  if (problem === undefined) return undefined;
  return 'limit' in problem
    ? t(`fieldError.${problem.kind}`, { limit: problem.limit })
    : t(`fieldError.${problem.kind}`);
}
