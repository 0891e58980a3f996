import type { z } from 'zod';
import { AppError } from '../errors';

/** Parses a request body; failures become 400 validation_failed with per-field messages. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  throw new AppError('validation_failed', 'Some fields are missing or invalid', { fields });
}
