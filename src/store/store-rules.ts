/** The rules both stores apply the same way once they have the figures (their atomicity differs). */
import type { Outcome } from './ledger-record.js';
import type {
  BudgetLimits,
  ClaimResult,
  DailySpend,
  IdempotencyBinding,
  IdempotencyRequest,
  IdempotencyResult,
} from './money-store.js';

/** Outcomes of a submission that may have been charged and is not known to be settled. */
export const UNSETTLED: readonly Outcome[] = ['pending', 'unknown'];

/** The refusal when reserving `credits` on top of `spend` passes a limit; undefined when it fits. */
export function overBudget(
  spend: DailySpend,
  credits: number,
  budgets: BudgetLimits,
): Extract<ClaimResult, { reason: 'over_daily_budget' | 'over_principal_budget' }> | undefined {
  if (budgets.daily !== undefined && spend.total + credits > budgets.daily) {
    return {
      ok: false,
      reason: 'over_daily_budget',
      day: spend.day,
      spent: spend.total,
      limit: budgets.daily,
    };
  }
  if (budgets.dailyPerPrincipal !== undefined && spend.principal + credits > budgets.dailyPerPrincipal) {
    return {
      ok: false,
      reason: 'over_principal_budget',
      day: spend.day,
      spent: spend.principal,
      limit: budgets.dailyPerPrincipal,
    };
  }
  return undefined;
}

/** The fields of an outcome update that are set: an absent field keeps the recorded value. */
export function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A key's later use: the same arguments answer with its first submission, other arguments are refused. */
export function sameOrConflict(first: IdempotencyBinding, request: IdempotencyRequest): IdempotencyResult {
  return first.argsHash === request.argsHash && first.tool === request.tool
    ? { status: 'same', ledgerId: first.ledgerId, time: first.time }
    : { status: 'conflict', tool: first.tool, argsHash: first.argsHash, time: first.time };
}
