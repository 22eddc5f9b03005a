/**
 * Limits that hold even for a confirmed call: VIDEOGEN_MAX_CREDITS_PER_CALL and
 * VIDEOGEN_DAILY_CREDIT_BUDGET (the UTC day's confirmed spend). Only credit-class calls count.
 */
import type { BillingClass } from '../catalogue/define.js';
import type { Config } from '../config.js';
import { CostError } from '../errors.js';
import { countedCredits, type Ledger, utcDay } from './ledger.js';

export function spentOnDay(ledger: Ledger, day: string): number {
  return ledger
    .all()
    .filter((r) => utcDay(r.time) === day)
    .reduce((sum, r) => sum + countedCredits(r), 0);
}

export function checkBudgets(
  config: Config,
  ledger: Ledger,
  billing: BillingClass,
  credits: number,
  now: number,
): void {
  if (billing !== 'credits') return;
  const max = config.cost.maxCreditsPerCall;
  if (max !== undefined && credits > max) {
    throw new CostError(
      'over_call_limit',
      `Refused: this call is quoted at ${credits} credits, above VIDEOGEN_MAX_CREDITS_PER_CALL (${max}). Nothing was sent.`,
      'Choose a cheaper model or shorter duration, or ask the person to raise VIDEOGEN_MAX_CREDITS_PER_CALL in the server configuration.',
      { credits, limit: max },
    );
  }
  const budget = config.cost.dailyCreditBudget;
  if (budget !== undefined) {
    const day = utcDay(new Date(now).toISOString());
    const spent = spentOnDay(ledger, day);
    if (spent + credits > budget) {
      throw new CostError(
        'over_daily_budget',
        `Refused: ${spent} credits confirmed today (UTC ${day}) plus ${credits} would pass VIDEOGEN_DAILY_CREDIT_BUDGET (${budget}). Nothing was sent.`,
        'Wait for the next UTC day, or ask the person to raise VIDEOGEN_DAILY_CREDIT_BUDGET in the server configuration.',
        { credits, spent_today: spent, limit: budget },
      );
    }
  }
}

/** True when the configuration lets this quote run without asking. Money is never auto-approved. */
export function autoApproved(config: Config, billing: BillingClass, credits: number): boolean {
  if (billing === 'credits') return credits <= config.cost.autoApproveCredits;
  if (billing === 'quota') return config.cost.autoApproveQuota;
  return false;
}
