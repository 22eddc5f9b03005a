/**
 * Limits that hold even for a confirmed call: VIDEOGEN_MAX_CREDITS_PER_CALL (checked here), and the
 * daily budgets: VIDEOGEN_DAILY_CREDIT_BUDGET for all principals together and each principal's own
 * daily_budget (VIDEOGEN_HTTP_TOKENS), counted on the UTC day. The store checks and reserves the
 * daily budgets atomically with the claim (MoneyStore.claim); `checkDailyBudgets` is the early look
 * that refuses before a person is asked, and says "would be refused now" in a quote. Only
 * credit-class calls count.
 */
import type { Caller } from '../caller.js';
import type { BillingClass } from '../catalogue/define.js';
import type { Config } from '../config.js';
import { CostError } from '../errors.js';
import { utcDay } from '../store/ledger-record.js';
import type { BudgetLimits, ClaimResult, MoneyStore } from '../store/money-store.js';
import { overBudget } from '../store/store-rules.js';

type OverBudget = Extract<ClaimResult, { reason: 'over_daily_budget' | 'over_principal_budget' }>;

export function checkCallLimit(config: Config, billing: BillingClass, credits: number): void {
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
}

/** The daily limits a claim of this caller reserves against. */
export function budgetLimits(config: Config, caller: Caller): BudgetLimits {
  return { daily: config.cost.dailyCreditBudget, dailyPerPrincipal: caller.dailyBudget };
}

/** The refusal of a claim that would pass a daily budget (the total, or the caller's own). */
export function budgetError(over: OverBudget, credits: number, caller: Caller): CostError {
  const { day, spent, limit } = over;
  if (over.reason === 'over_principal_budget') {
    return new CostError(
      'over_daily_budget',
      `Refused: ${spent} credits confirmed today (UTC ${day}) for "${caller.name}" plus ${credits} would pass its daily_budget (${limit}). Nothing was sent.`,
      `Wait for the next UTC day, or ask the operator to raise the daily_budget of "${caller.name}" in VIDEOGEN_HTTP_TOKENS.`,
      { credits, spent_today: spent, limit, principal: caller.name },
    );
  }
  return new CostError(
    'over_daily_budget',
    `Refused: ${spent} credits confirmed today (UTC ${day}) plus ${credits} would pass VIDEOGEN_DAILY_CREDIT_BUDGET (${limit}). Nothing was sent.`,
    'Wait for the next UTC day, or ask the person to raise VIDEOGEN_DAILY_CREDIT_BUDGET in the server configuration.',
    { credits, spent_today: spent, limit },
  );
}

/** Refuses when the day's counted credits already leave no room for this call (an early look, not a reservation). */
export async function checkDailyBudgets(
  store: MoneyStore,
  config: Config,
  caller: Caller,
  billing: BillingClass,
  credits: number,
  now: number,
): Promise<void> {
  const limits = budgetLimits(config, caller);
  if (billing !== 'credits' || (limits.daily === undefined && limits.dailyPerPrincipal === undefined)) return;
  const spend = await store.dailySpend(utcDay(new Date(now).toISOString()), caller.name);
  const over = overBudget(spend, credits, limits);
  if (over) throw budgetError(over, credits, caller);
}

/** True when the configuration lets this quote run without asking. Money is never auto-approved. */
export function autoApproved(config: Config, billing: BillingClass, credits: number): boolean {
  if (billing === 'credits') return credits <= config.cost.autoApproveCredits;
  if (billing === 'quota') return config.cost.autoApproveQuota;
  return false;
}
