/**
 * Client idempotency keys (the paid tools' `idempotency_key`): a pipeline names each intended call,
 * and the same key with the same arguments answers with that call's first submission, on any
 * instance and after restarts, instead of sending it again. Keys are per principal and kept in the
 * money store. Here: how a call's key is looked up and bound, and the refusals a key can meet; the
 * charge guard applies them.
 */

import { CostError } from '../errors.js';
import type { ConfirmedBy } from '../store/ledger-record.js';
import { isReleased } from '../store/ledger-record.js';
import type { IdempotencyBinding, MoneyStore } from '../store/money-store.js';
import type { GuardedCall } from './guard.js';
import type { TokenClaims } from './tokens.js';

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

/** What the call's key is bound to (its first use), refusing a key first used for another call. */
export async function keyBinding(
  store: MoneyStore,
  call: GuardedCall,
  hash: string,
): Promise<IdempotencyBinding | undefined> {
  const key = call.idempotencyKey;
  if (key === undefined) return undefined;
  const first = await store.idempotencyKey(call.caller.name, key);
  if (first && (first.tool !== call.entry.name || first.argsHash !== hash))
    throw keyConflictError(key, first);
  return first;
}

/**
 * The ledger id a submission goes out under: the confirmation's own, or, with an idempotency key,
 * the id of the key's first use (bound here, atomically, when this is the first).
 */
export async function ledgerIdFor(
  store: MoneyStore,
  call: GuardedCall,
  claims: TokenClaims,
  via: ConfirmedBy,
  now: number,
): Promise<string> {
  const key = call.idempotencyKey;
  if (key === undefined) return claims.n;
  const bound = await store.useIdempotencyKey({
    principal: call.caller.name,
    key,
    tool: call.entry.name,
    argsHash: claims.h,
    ledgerId: claims.n,
    time: new Date(now).toISOString(),
  });
  if (bound.status === 'new') return claims.n;
  if (bound.status === 'conflict') throw keyConflictError(key, bound);
  if (bound.ledgerId === claims.n || via === 'auto_approve') return bound.ledgerId;
  // Another confirmation for a key already bound: only a submission that stands (sent, pending,
  // unknown) is answered under the key; a released one must be sent again with its own
  // confirmation, or this one could pay once under the key and once more on its own.
  const first = await store.get(bound.ledgerId);
  if (!first || isReleased(first.outcome))
    throw keyNeedsItsConfirmationError(key, { tool: call.entry.name, time: bound.time });
  return bound.ledgerId;
}
