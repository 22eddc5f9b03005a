/**
 * Totals of the spend ledger over a window, by day, provider and tool, joined with what the providers
 * themselves report (last x-credits-remaining seen, SamAutomation AI credit balance and usage summary).
 * A principal of VIDEOGEN_HTTP_TOKENS sees its own submissions; the single user (stdio, or the single
 * VIDEOGEN_HTTP_TOKEN) sees everyone's. The providers' balances are the whole team's, seen by all.
 */
import type { Caller } from '../caller.js';
import type { AppDeps } from '../deps.js';
import { countedCredits, isReleased, type LedgerRecord, utcDay } from '../store/ledger-record.js';

interface Bucket {
  credits: number;
  calls: number;
  quota_videos: number;
  checkouts: number;
}

const empty = (): Bucket => ({ credits: 0, calls: 0, quota_videos: 0, checkouts: 0 });

function add(map: Map<string, Bucket>, key: string, r: LedgerRecord): void {
  const b = map.get(key) ?? empty();
  b.calls += 1;
  b.credits += countedCredits(r);
  if (r.billing === 'quota') b.quota_videos += 1;
  if (r.billing === 'money') b.checkouts += 1;
  map.set(key, b);
}

function rows<K extends string>(map: Map<string, Bucket>, name: K): Array<Record<K, string> & Bucket> {
  return [...map.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, b]) => ({ [name]: key, ...b }) as Record<K, string> & Bucket);
}

async function providerFigure(
  deps: AppDeps,
  path: string,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  try {
    const res = await deps.http.request({ provider: 'samautomation', method: 'GET', path, signal });
    return { ok: true, data: res.data };
  } catch (err) {
    return { ok: false, unavailable: (err as Error).message };
  }
}

/** The caller's budget for today: its own spend and daily_budget, and what is left of the shared one. */
async function budgetToday(deps: AppDeps, caller: Caller) {
  const spend = await deps.store.dailySpend(
    utcDay(new Date(deps.clock.wallNow()).toISOString()),
    caller.name,
  );
  const total = deps.config.cost.dailyCreditBudget;
  return {
    day: spend.day,
    principal: caller.name,
    spent: caller.seesAll ? spend.total : spend.principal,
    ...(caller.dailyBudget === undefined ? {} : { daily_budget: caller.dailyBudget }),
    ...(total === undefined ? {} : { shared_budget: total, shared_left: Math.max(0, total - spend.total) }),
  };
}

export async function spendingReport(deps: AppDeps, caller: Caller, days: number, signal?: AbortSignal) {
  const now = deps.clock.wallNow();
  const from = new Date(now - days * 86_400_000).toISOString();
  const all = (await deps.store.list({ since: from })).filter((r) => !isReleased(r.outcome));
  const counted = caller.seesAll ? all : all.filter((r) => r.principal === caller.name);
  const byDay = new Map<string, Bucket>();
  const byProvider = new Map<string, Bucket>();
  const byTool = new Map<string, Bucket>();
  for (const r of counted) {
    add(byDay, utcDay(r.time), r);
    add(byProvider, r.provider, r);
    add(byTool, r.tool, r);
  }
  // The balance a provider last reported is the team's, whoever's call it answered.
  const lastRemaining = (provider: string) => {
    const r = [...all].reverse().find((x) => x.provider === provider && x.remaining !== undefined);
    return r ? { credits_remaining: r.remaining, as_of: r.time } : { credits_remaining: null };
  };
  const samautomation = deps.http.hasKey('samautomation')
    ? {
        ...lastRemaining('samautomation'),
        credit_balance: await providerFigure(deps, '/api/ai/credits/balance', signal),
        usage_summary: await providerFigure(
          deps,
          `/api/function/video-generation/usage-summary?days=${Math.min(days, 365)}`,
          signal,
        ),
      }
    : { ...lastRemaining('samautomation'), unavailable: 'SAMAUTOMATION_API_KEY is not set' };
  return {
    window: { from, to: new Date(now).toISOString(), days },
    ...(caller.seesAll ? {} : { principal: caller.name }),
    // Samsar credits and SamAutomation AI credits are different currencies: totals are per provider.
    by_provider: rows(byProvider, 'provider'),
    by_day: rows(byDay, 'day'),
    by_tool: rows(byTool, 'tool'),
    unknown_outcomes: counted
      .filter((r) => r.outcome === 'unknown' || r.outcome === 'pending')
      .map((r) => ({
        ledger_id: r.id,
        tool: r.tool,
        time: r.time,
        outcome: r.outcome,
        // What came back, and the provider's id if any part of the answer had one: where to look.
        ...(r.request_id ? { request_id: r.request_id } : {}),
        ...(r.error ? { reason: r.error } : {}),
      })),
    providers: {
      // Samsar has no balance route in the reference: the last x-credits-remaining it sent.
      samsar: lastRemaining('samsar'),
      samautomation,
    },
    budget_today: await budgetToday(deps, caller),
    ledger: deps.store.location,
  };
}
