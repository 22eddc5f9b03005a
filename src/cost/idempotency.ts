/**
 * Client idempotency keys (the paid tools' `idempotency_key`): a pipeline names each intended call,
 * and the same key with the same arguments answers with that call's first submission, on any
 * instance and after restarts, instead of sending it again. Keys are per principal and kept in the
 * money store. These are the refusals a key can meet; the charge guard applies them.
 */
import { CostError } from '../errors.js';
import type { IdempotencyBinding } from '../store/money-store.js';

/** The key was first used for another call (other tool or arguments). */
export function keyConflictError(key: string, first: Pick<IdempotencyBinding, 'tool' | 'time'>): CostError {
  return new CostError(
    'idempotency_conflict',
    `idempotency_key "${key}" was first used at ${first.time} for ${first.tool} with other arguments; nothing was sent.`,
    'A key stands for one call with one set of arguments: send that call again with it, or use a new idempotency_key for this one.',
    { first_tool: first.tool, first_used_at: first.time },
  );
}

/**
 * The key's first submission was not accepted, and this call brings another confirmation: the key
 * can be sent again only under its own confirmation, so that neither confirmation can pay twice.
 */
export function keyNeedsItsConfirmationError(
  key: string,
  first: Pick<IdempotencyBinding, 'tool' | 'time'>,
): CostError {
  return new CostError(
    'idempotency_conflict',
    `idempotency_key "${key}" belongs to the ${first.tool} call confirmed at ${first.time}, which was not accepted (nothing was charged); it can be sent again only with that call's own confirmation. Nothing was sent.`,
    'Call again with the confirmation_token of that first use, or with a new idempotency_key.',
    { first_tool: first.tool, first_used_at: first.time },
  );
}
