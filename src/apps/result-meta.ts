/**
 * What a view needs beyond the result itself, sent only to clients that render views, in the
 * result's `_meta` (which hosts keep from the model): the tool that answered (a paid tool's quote
 * is confirmed by calling it again) and, with a quote, today's credit budget and spend.
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { CallContext } from '../catalogue/tool-runtime.js';
import { spentOnDay } from '../cost/budget.js';
import { utcDay } from '../cost/ledger.js';
import type { AppDeps } from '../deps.js';

export const VIEW_META_KEY = 'videogen/view';

function budgetToday(deps: AppDeps) {
  const limit = deps.config.cost.dailyCreditBudget;
  const spent = spentOnDay(deps.guard.ledger, utcDay(new Date(deps.clock.wallNow()).toISOString()));
  return {
    daily_limit: limit ?? null,
    spent_today: spent,
    left_today: limit === undefined ? null : Math.max(0, limit - spent),
  };
}

export function withViewMeta(name: string, result: CallToolResult, { deps }: CallContext): CallToolResult {
  const sc = result.structuredContent as { code?: unknown } | undefined;
  const quoted = name === 'estimate_cost' || sc?.code === 'confirmation_required';
  return {
    ...result,
    _meta: {
      ...result._meta,
      [VIEW_META_KEY]: { tool: name, ...(quoted ? { budget: budgetToday(deps) } : {}) },
    },
  };
}
