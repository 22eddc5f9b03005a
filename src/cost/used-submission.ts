/**
 * What a confirmation or an idempotency key that was used before answers, from the record of its
 * submission: the first result again (a replay); "in use" while it is under way; "outcome unknown"
 * when it may have been charged, also for a claim still pending past the longest a paid request can
 * take (its process stopped mid-call); and nothing when it was provably not accepted, so that it may
 * be sent again. Never a second submission.
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { Config } from '../config.js';
import { CostError } from '../errors.js';
import { MAX_RETRY_AFTER_MS } from '../http/retry-policy.js';
import { isReleased, type LedgerRecord } from '../store/ledger-record.js';
import { howToCheck, unknownOutcomeError } from './outcome.js';
import { markReplay, type Reuse } from './replay.js';

/** Time past a paid request's longest life (store writes, formatting) before its claim counts as orphaned. */
const PENDING_MARGIN_MS = 30_000;

/**
 * How long a claim may stay pending while its request can still be under way: a connect and a
 * response time-out, twice (one retry when nothing was written, or after a 429 and its Retry-After).
 */
export function orphanedAfterMs(config: Pick<Config, 'http'>): number {
  const { connectTimeoutMs, responseTimeoutMs } = config.http;
  return 2 * (connectTimeoutMs + responseTimeoutMs) + MAX_RETRY_AFTER_MS + PENDING_MARGIN_MS;
}

export function inUseError(
  rec: Pick<LedgerRecord, 'id' | 'time' | 'provider' | 'billing'>,
  reused: Reuse,
): CostError {
  const again = reused === 'confirmation' ? 'token' : 'idempotency_key';
  return new CostError(
    reused === 'confirmation' ? 'confirmation_in_use' : 'idempotency_key_in_use',
    `This ${reused} is being submitted by another call since ${rec.time} (or that server process stopped before recording the outcome), so it may have been charged. Nothing was sent again.`,
    `Wait and call again with the same ${again} to get the result; if it stays like this: ${howToCheck(rec.provider, rec.billing)}`,
    { ledger_id: rec.id, outcome: 'pending', may_have_been_charged: true },
  );
}

/** The answer for the submission `rec` (thrown when a refusal), or undefined when it may be sent (again). */
export function answerForUsed(
  rec: LedgerRecord | undefined,
  reused: Reuse,
  now: number,
  orphanedAfter: number,
): CallToolResult | undefined {
  if (!rec || isReleased(rec.outcome)) return undefined;
  if (rec.outcome === 'sent' && rec.result) return markReplay(rec.result, rec.time, reused);
  if (rec.outcome === 'pending') {
    if (now - Date.parse(rec.time) <= orphanedAfter) throw inUseError(rec, reused);
    // Claimed by a process that stopped before it recorded what the provider answered.
    const error = 'the server process that sent it stopped before recording the answer';
    throw unknownOutcomeError({ ...rec, error }, true, reused);
  }
  throw unknownOutcomeError(rec, true, reused);
}
