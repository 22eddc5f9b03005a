/**
 * The one check of a tool call's arguments, before anything leaves: the keys against the published
 * JSON Schema (input-keys.ts), the values against the tool's full zod schema (refinements,
 * cross-field rules). Every failing field comes back at once as one ValidationError, which
 * toToolResult formats like any other refusal; what passes comes back parsed, with the extra keys
 * that pass through unchecked.
 */
import type * as z from 'zod/v4';
import { type FieldProblem, ValidationError } from '../errors.js';
import { checkKeys, MAX_REPORTED } from './input-keys.js';
import { problemsFromZod } from './zod-problems.js';

type Json = Record<string, unknown>;

export const INVALID_INPUT_HINT = 'Nothing was sent. Fix every field listed, then call again.';

export interface CheckedInput {
  args: Record<string, unknown>;
  /** Extra keys of pass-through objects, sent as given: e.g. `settings.my_key`. */
  unchecked: string[];
}

/** One entry per field and problem; the key walk's entry (with its suggestion) comes first and wins. */
function distinct(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field}\u0000${p.problem}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type InputCheck =
  | ({ ok: true } & CheckedInput)
  | {
      ok: false;
      /** Every failing field, ready to throw. */
      refusal: ValidationError;
      /** Whether a key is wrong (unknown, near miss, reserved, too deep): never acceptable. */
      badKeys: boolean;
      /** Zod's own issues with the values, when there are any. */
      zodError?: z.ZodError;
    };

/** The refusal for `problems`, at most MAX_REPORTED of them listed. */
function refusalOf(problems: FieldProblem[], truncated: boolean): ValidationError {
  const shown = problems.slice(0, MAX_REPORTED);
  if (truncated || problems.length > MAX_REPORTED)
    shown.push({ field: 'arguments', problem: 'more problems than listed here' });
  return new ValidationError(shown, INVALID_INPUT_HINT);
}

/** Zod's issues with a call's values as the refusal a caller of checkInput would get for them. */
export function refusalFromZod(error: z.ZodError, value: unknown, published: Json): ValidationError {
  return refusalOf(distinct(problemsFromZod(error, value, published)), false);
}

/**
 * Checks without throwing, for a caller that may still accept some refused values (estimate_cost's
 * price questions). `dropped`: top-level keys the SDK's parse removed before the call (dropped-keys.ts).
 */
export function inspectInput(
  schema: z.ZodType,
  published: Json,
  value: unknown,
  dropped: readonly string[] = [],
): InputCheck {
  const keys = checkKeys(published, value);
  const parsed = schema.safeParse(value);
  const keyProblems = [
    ...dropped.map((k) => ({ field: k, problem: 'is a reserved name and is never sent' })),
    ...keys.problems,
  ];
  if (parsed.success && !keyProblems.length)
    return { ok: true, args: parsed.data as Json, unchecked: keys.unchecked };
  const problems = distinct([
    ...keyProblems,
    ...(parsed.success ? [] : problemsFromZod(parsed.error, value, published)),
  ]);
  return {
    ok: false,
    refusal: refusalOf(problems, keys.problems.length >= MAX_REPORTED),
    badKeys: keyProblems.length > 0,
    ...(parsed.success ? {} : { zodError: parsed.error }),
  };
}

/**
 * @param dropped top-level keys the SDK's parse removed before the call reached us (dropped-keys.ts)
 * @throws ValidationError listing every failing field
 */
export function checkInput(
  schema: z.ZodType,
  published: Json,
  value: unknown,
  dropped: readonly string[] = [],
): CheckedInput {
  const checked = inspectInput(schema, published, value, dropped);
  if (!checked.ok) throw checked.refusal;
  return checked;
}
