/**
 * Totals of the spend ledger over a window, by day, provider and tool, joined with what the providers
 * themselves report (last x-credits-remaining seen, SamAutomation AI credit balance and usage summary).
 */
import type { AppDeps } from '../deps.js';
import { countedCredits, type LedgerRecord, utcDay } from './ledger.js';

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

export async function spendingReport(deps: AppDeps, days: number, signal?: AbortSignal) {
  const now = deps.clock.wallNow();
  const from = new Date(now - days * 86_400_000).toISOString();
  const counted = deps.guard.ledger
    .all()
    .filter((r) => r.time >= from && r.outcome !== 'rejected' && r.outcome !== 'not_sent')
    .sort((a, b) => a.time.localeCompare(b.time));
  const byDay = new Map<string, Bucket>();
  const byProvider = new Map<string, Bucket>();
  const byTool = new Map<string, Bucket>();
  for (const r of counted) {
    add(byDay, utcDay(r.time), r);
    add(byProvider, r.provider, r);
    add(byTool, r.tool, r);
  }
  const lastRemaining = (provider: string) => {
    const r = [...counted].reverse().find((x) => x.provider === provider && x.remaining !== undefined);
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
    ledger_file: deps.guard.ledger.file,
  };
}
