/** What a failed submission means for the money: provably not accepted, or possibly charged. */
import { NetworkError, UpstreamError } from '../errors.js';
import type { Outcome } from './ledger.js';

export function outcomeOfFailure(err: unknown): Outcome {
  if (err instanceof UpstreamError) return err.status >= 500 ? 'unknown' : 'rejected';
  if (err instanceof NetworkError) return err.written ? 'unknown' : 'not_sent';
  return 'unknown';
}

/** Where to look when a submission's outcome is unknown. */
export function howToCheck(provider: string): string {
  return provider === 'samsar'
    ? 'Check samsar_list_completed_sessions (and the Samsar dashboard) before submitting again.'
    : 'Check samautomation_list_tasks or samautomation_credit_balance before submitting again.';
}
