/**
 * What a view needs beyond the result itself, sent only to clients that render views, in the
 * result's `_meta` (which hosts keep from the model): the tool that answered (a paid tool's quote
 * is confirmed by calling it again) and, with a quote, today's credit budget and spend for the caller
 * (the tighter of the shared budget and the caller's own).
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { Caller } from '../caller.js';
import type { AppDeps } from '../deps.js';
import { utcDay } from '../store/ledger-record.js';
import type { CallContext } from '../tool-surface/tool-runtime.js';

export const VIEW_META_KEY = 'videogen/view';

interface BudgetToday {
  daily_limit: number | null;
  spent_today: number;
  left_today: number | null;
}

async function budgetToday(deps: AppDeps, caller: Caller): Promise<BudgetToday> {
  const spend = await deps.store.dailySpend(
    utcDay(new Date(deps.clock.wallNow()).toISOString()),
    caller.name,
  );
  const total = deps.config.cost.dailyCreditBudget;
  const limits = [
    ...(total === undefined ? [] : [{ limit: total, spent: spend.total }]),
    ...(caller.dailyBudget === undefined ? [] : [{ limit: caller.dailyBudget, spent: spend.principal }]),
  ];
  const tightest = limits.sort((a, b) => a.limit - a.spent - (b.limit - b.spent))[0];
  if (!tightest)
    return {
      daily_limit: null,
      spent_today: caller.seesAll ? spend.total : spend.principal,
      left_today: null,
    };
  return {
    daily_limit: tightest.limit,
    spent_today: tightest.spent,
    left_today: Math.max(0, tightest.limit - tightest.spent),
  };
}

export async function withViewMeta(
  name: string,
  result: CallToolResult,
  { deps }: CallContext,
  caller: Caller,
): Promise<CallToolResult> {
  const sc = result.structuredContent as { code?: unknown } | undefined;
  const quoted = name === 'estimate_cost' || sc?.code === 'confirmation_required';
  // A store that cannot be read leaves the budget line out; the quote itself says what it can.
  const budget = quoted ? await budgetToday(deps, caller).catch(() => undefined) : undefined;
  return {
    ...result,
    _meta: {
      ...result._meta,
      [VIEW_META_KEY]: { tool: name, ...(budget ? { budget } : {}) },
    },
  };
}
