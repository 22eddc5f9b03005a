/**
 * Price questions: "what would 30 s of VEO3.1I2V cost?" gives only what the price depends on. When the
 * only faults of a tool's arguments are absent fields the price does not need, they are quoted as
 * they are (an indicative quote, no token) and the absent fields are listed as still needed by the
 * call. Any field that is given must still be valid, and an absent field the price needs is refused.
 */
import * as z from 'zod/v4';
import type { CatalogueEntry } from '../catalogue/define.js';
import { priceNeeds, type QuoteContext } from './quote.js';

export type PriceQuestion =
  | { ok: true; args: Record<string, unknown>; missing: string[] }
  | { ok: false; error: z.ZodError };

/** The top-level field an issue is about, when that field was not given at all. */
function absentField(issue: z.core.$ZodIssue, given: Record<string, unknown>): string | undefined {
  const field = issue.path[0];
  return typeof field === 'string' && given[field] === undefined ? field : undefined;
}

/** Reads the arguments a full validation refused (`error`) as a price question, or says what to refuse. */
export function priceQuestion(
  entry: CatalogueEntry,
  given: Record<string, unknown>,
  error: z.ZodError,
  stated: Pick<QuoteContext, 'durationSeconds'>,
): PriceQuestion {
  const needs = priceNeeds(entry, given, stated);
  // The tool's own issues, so a refusal here reads as the tool's own would.
  const refused = error.issues.filter((i) => {
    const absent = absentField(i, given);
    return absent === undefined || needs.includes(absent);
  });
  if (refused.length) return { ok: false, error: new z.ZodError(refused) };
  const missing = [...new Set(error.issues.map((i) => absentField(i, given)!))];
  // Each given field through its own schema (defaults, trims), as the full validation would.
  const shape = entry.input.shape as Record<string, z.ZodType>;
  const present = Object.keys(given).filter((k) => k in shape);
  const parsed = z.object(Object.fromEntries(present.map((k) => [k, shape[k]!]))).safeParse(given);
  if (!parsed.success) return { ok: false, error: parsed.error };
  return { ok: true, args: parsed.data as Record<string, unknown>, missing };
}
