/**
 * SamAutomation prices: AI job credits per model from the live GET /api/ai/models catalogue (cached),
 * with the reference's base-credit table as the fallback. Core renders use one video of the plan.
 */
import type { AppDeps } from '../../deps.js';

/** The reference's "Credits (base)" column of the live model coverage table. */
export const REFERENCE_AI_CREDITS: Record<string, number> = {
  'grok-imagine-video': 80,
  'grok-video': 180,
  'hailuo-02-pro': 110,
  'hailuo-2-3-pro': 55,
  'hailuo-2-3-standard': 40,
  'kling-2-6-standard': 90,
  'kling-2-6': 55,
  'kling-2-6-audio': 130,
  'kling-3-0-pro': 220,
  'kling-3-0-standard': 120,
  'kling-3-0': 75,
  'pixverse-v4-5': 95,
  'seedance-1-5-pro-480p': 75,
  'seedance-1-5-pro-720p': 120,
  'seedance-1-5-pro': 40,
  'sora-2-image': 30,
  'sora-2-pro-image': 150,
  'sora-2-pro-storyboard': 180,
  'sora-2-pro-text': 150,
  'sora-2-pro': 120,
  'sora-2-text': 30,
  'sora-2': 40,
  'veo-3-1-fast': 60,
  'veo-3-1-quality': 250,
  'wan-2-6-1080p': 140,
  'wan-2-6-720p': 70,
  'wan-2-6': 25,
  'wan-2-6-v2v': 45,
  'wan-vace': 160,
};

const CACHE_KEY = 'cost:samautomation_ai_models';
const TTL_MS = 60 * 60 * 1000;

const pickNumber = (o: Record<string, unknown>, keys: string[]) =>
  keys.map((k) => o[k]).find((v): v is number => typeof v === 'number' && Number.isFinite(v));
const pickString = (o: Record<string, unknown>, keys: string[]) =>
  keys.map((k) => o[k]).find((v): v is string => typeof v === 'string' && v.length > 0);

/** The model list in whichever documented-looking envelope the catalogue uses. */
function modelList(data: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(data)) return data as Array<Record<string, unknown>>;
  const d = (data ?? {}) as Record<string, unknown>;
  for (const v of [d.models, d.data, (d.data as Record<string, unknown> | undefined)?.models]) {
    if (Array.isArray(v)) return v as Array<Record<string, unknown>>;
  }
  return [];
}

/** model id -> base credits, from a GET /api/ai/models answer. */
export function parseAiModels(data: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of modelList(data)) {
    const id = pickString(m, ['id', 'model_id', 'slug']);
    const pricing = (m.pricing ?? m.credit_info ?? {}) as Record<string, unknown>;
    const credits =
      pickNumber(m, ['credits', 'base_credits', 'credits_base', 'credit_cost', 'credits_per_job', 'cost']) ??
      pickNumber(pricing, ['credits', 'base_credits', 'base']);
    if (id && credits !== undefined) out[id] = credits;
  }
  return out;
}

export interface AiCreditTable {
  credits: Record<string, number>;
  live: boolean;
}

export async function aiModelCredits(
  deps: Pick<AppDeps, 'http' | 'cache'>,
  signal?: AbortSignal,
): Promise<AiCreditTable> {
  try {
    const credits = await deps.cache.get(CACHE_KEY, TTL_MS, async () => {
      const res = await deps.http.request({
        provider: 'samautomation',
        method: 'GET',
        path: '/api/ai/models',
        signal,
      });
      const parsed = parseAiModels(res.data);
      if (!Object.keys(parsed).length) throw new Error('the AI model catalogue listed no priced models');
      return parsed;
    });
    return { credits, live: true };
  } catch {
    return { credits: REFERENCE_AI_CREDITS, live: false };
  }
}
