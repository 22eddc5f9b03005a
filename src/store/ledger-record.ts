/**
 * What the spend ledger records about one paid submission, the same in every store: the claim
 * (pending), then its outcome. Pure helpers over a record live here so both stores and the cost
 * rules count money the same way.
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { BillingClass } from '../catalogue/define.js';
import type { Provider } from '../errors.js';

export type ConfirmedBy = 'token' | 'elicitation' | 'auto_approve';

/**
 * pending: claimed, request under way (or the process died: outcome unknown);
 * sent: the provider accepted it; unknown: it may have been accepted and charged (see cost/outcome.ts:
 * a time-out, a reset, a 5xx, an answer that cannot be read or lacks the job id);
 * rejected / not_sent: provably not accepted, the confirmation can be used again.
 */
export type Outcome = 'pending' | 'sent' | 'unknown' | 'rejected' | 'not_sent';

/** Who a submission is for: one token's agent, a team member; 'local' for the single user. */
export const LOCAL_PRINCIPAL = 'local';

export interface LedgerRecord {
  id: string;
  /** ISO time of the claim. */
  time: string;
  /** Whose budget the submission counts against (lines written before principals read as 'local'). */
  principal: string;
  tool: string;
  provider: Provider;
  args_hash: string;
  billing: BillingClass;
  quoted: number;
  confirmed_by: ConfirmedBy;
  outcome: Outcome;
  charged?: number;
  remaining?: number;
  request_id?: string;
  error?: string;
  /** The tool result, returned again on a replay. */
  result?: CallToolResult;
}

/** A submission provably not accepted: it counts against nothing and its id may be claimed again. */
export function isReleased(outcome: Outcome): boolean {
  return outcome === 'rejected' || outcome === 'not_sent';
}

/** Credits counted against budgets: what was charged, else what was confirmed, for anything not refused. */
export function countedCredits(r: Pick<LedgerRecord, 'billing' | 'outcome' | 'charged' | 'quoted'>): number {
  if (r.billing !== 'credits') return 0;
  if (isReleased(r.outcome)) return 0;
  return r.charged ?? r.quoted;
}

export function utcDay(iso: string): string {
  return iso.slice(0, 10);
}
