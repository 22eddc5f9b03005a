/**
 * Quotes for the paid SamAutomation tools: core renders use one video of the monthly plan (quota),
 * AI jobs cost the model's credits from the live catalogue, video packs are a purchase by a person.
 */
import { ValidationError } from '../errors.js';
import { aiModelCredits } from '../providers/samautomation/pricing.js';
import type { Pricer, QuoteContext, QuoteFn } from './quote.js';

// --- argument readers: the only places that know the tools' argument names -------------------------

const readAiJob = (a: Record<string, unknown>) => ({
  model: String(a.model_id),
  options: (a.options ?? {}) as Record<string, unknown>,
});

const readPack = (a: Record<string, unknown>) => ({ pack: String(a.pack_id) });

// --- quotes -------------------------------------------------------------------------------------

const USAGE_TTL_MS = 30_000;

/** What the usage summary says about the plan, where it can tell; never fails the quote. */
async function usageNote(ctx: QuoteContext): Promise<string | undefined> {
  try {
    const data = await ctx.deps.cache.get('cost:samautomation_usage', USAGE_TTL_MS, async () => {
      const res = await ctx.deps.http.request({
        provider: 'samautomation',
        method: 'GET',
        path: '/api/function/video-generation/usage-summary',
        signal: ctx.signal,
      });
      return res.data as { data?: Record<string, unknown> };
    });
    const d = data?.data ?? {};
    const remaining = ['remaining', 'videos_remaining', 'remaining_videos']
      .map((k) => d[k] ?? (d.plan as Record<string, unknown> | undefined)?.[k])
      .find((v) => typeof v === 'number');
    if (typeof remaining === 'number') return `Usage summary: ${remaining} video(s) left this month.`;
    const totals = d.totals as { tasks?: number } | undefined;
    if (typeof totals?.tasks === 'number') {
      return `Usage summary: ${totals.tasks} task(s) in the last ${d.window_days ?? 30} days; it does not state the plan's limit.`;
    }
  } catch {
    // no key or the summary is unavailable: the quote stands without it
  }
  return undefined;
}

export const quotaQuote: QuoteFn = async (_args, ctx) => {
  const note = await usageNote(ctx);
  return {
    credits: 0,
    breakdown: [{ item: 'video (1 of the monthly plan)', credits: 0 }],
    formula: 'quota = 1 video of the monthly plan',
    assumptions: [
      'Uses one video of the SamAutomation plan (free tier: 5 per month); no credits.',
      ...(note ? [note] : []),
    ],
    short: '1 plan video',
  };
};

const aiJob: QuoteFn = async (args, ctx) => {
  const { model, options } = readAiJob(args);
  const table = await aiModelCredits(ctx.deps, ctx.signal);
  const credits = table.credits[model];
  if (credits === undefined) {
    throw new ValidationError(
      'model_id',
      `'${model}' has no listed price`,
      'Call samautomation_list_ai_models.',
    );
  }
  const assumptions = [
    table.live
      ? `Credits from the live /api/ai/models catalogue (${model} ${credits}).`
      : `The live model catalogue could not be read: reference base credits used (${model} ${credits}).`,
  ];
  if (Object.keys(options).length) {
    assumptions.push(
      "Charged per job at the model's listed credits; the provider reports the exact charge in credits_charged.",
    );
  }
  return {
    credits,
    breakdown: [{ item: `${model} job`, credits }],
    formula: `credits = ${credits} per job (${model})`,
    assumptions,
    short: `${model} ${credits} per job`,
  };
};

const buyPack: QuoteFn = async (args) => {
  const { pack } = readPack(args);
  return {
    credits: 0,
    breakdown: [{ item: `video pack ${pack} (paid by card at checkout)`, credits: 0 }],
    formula: 'money: the pack price shown on the Stripe checkout page',
    assumptions: [
      'This call only creates a Stripe checkout link; nothing is paid until a person completes the checkout.',
    ],
    short: `pack ${pack}`,
  };
};

const quota: Pricer = { needs: [], quote: quotaQuote };

export const SAMAUTOMATION_QUOTES: Record<string, Pricer> = {
  samautomation_mix_video: quota,
  samautomation_simple_video: quota,
  samautomation_loop_video: quota,
  samautomation_advanced_video: quota,
  samautomation_create_ai_job: { needs: ['model_id'], quote: aiJob },
  samautomation_buy_video_pack: { needs: ['pack_id'], quote: buyPack },
};
