/**
 * Samsar prices: the live per-second distribution from GET /video/supported_models (cached), with the
 * reference's tables as the offline fallback, and the flat fees and add-ons the reference documents.
 */
import type { AppDeps } from '../../deps.js';

/** Per-second components in the reference's order and words. */
export const RATE_COMPONENTS = [
  ['pipeline', 'pipeline'],
  ['inference', 'inference'],
  ['image_gen_edit', 'image gen/edit'],
  ['speech', 'speech'],
  ['music', 'music'],
  ['effects_and_lipsync', 'effects and lipsync'],
  ['video', 'video'],
] as const;

export type ComponentKey = (typeof RATE_COMPONENTS)[number][0];

export interface ModelRate {
  model: string;
  /** Credits per rendered second. */
  total: number;
  components: Partial<Record<ComponentKey, number>>;
  /** Image-list express CTA surcharge per second. */
  expressCta: number;
}

const base = { pipeline: 4, inference: 4, image_gen_edit: 2, speech: 2, music: 2, effects_and_lipsync: 2 };

/** The reference's per-model distribution (credits/sec). */
export const REFERENCE_RATES: Record<string, ModelRate> = Object.fromEntries(
  (
    [
      ['VEO3.1I2V', 44],
      ['VEO3.1I2VFAST', 20],
      ['SEEDANCEI2V', 14],
      ['KLINGIMGTOVID3PRO', 20],
      ['HAPPYHORSEI2V', 20],
      ['RUNWAYML', 14],
    ] as const
  ).map(([model, video]) => [
    model,
    { model, total: 16 + video, components: { ...base, video }, expressCta: 1 },
  ]),
);

/** The reference's unit options (seconds per generated clip), for image-list duration ranges. */
export const UNIT_OPTIONS: Record<string, readonly number[]> = {
  'VEO3.1I2V': [6, 8],
  'VEO3.1I2VFAST': [6, 8],
  SEEDANCEI2V: [5, 10],
  KLINGIMGTOVID3PRO: [5, 10],
  HAPPYHORSEI2V: [5, 10, 15],
  RUNWAYML: [5, 10],
};

export const IMAGE_LIST_DEFAULT_MODEL = 'RUNWAYML';
export const AVATAR_PER_SECOND = 4;
export const EXPRESS_CTA_PER_SECOND = 1;
export const OUTRO_FOOTER_FLAT = 75;
export const TRANSLATE_JOIN_PER_SECOND = 3;

const CACHE_KEY = 'cost:samsar_supported_models';
const TTL_MS = 60 * 60 * 1000;

function parseLive(data: unknown): Record<string, ModelRate> {
  const out: Record<string, ModelRate> = {};
  const models = (data as { VIDEO_MODELS?: unknown[] })?.VIDEO_MODELS;
  if (!Array.isArray(models)) return out;
  for (const m of models as Array<Record<string, unknown>>) {
    const value = typeof m.value === 'string' ? m.value : undefined;
    const dist = (m.pricingDistribution ?? {}) as Record<string, unknown>;
    const total = typeof dist.total === 'number' ? dist.total : m.basePrice;
    if (!value || typeof total !== 'number') continue;
    const components: Partial<Record<ComponentKey, number>> = {};
    for (const [key] of RATE_COMPONENTS) {
      if (typeof dist[key] === 'number') components[key] = dist[key] as number;
    }
    const addons = (dist.optionalAddons ?? {}) as Record<string, unknown>;
    const cta =
      typeof addons.express_cta_generation === 'number'
        ? addons.express_cta_generation
        : EXPRESS_CTA_PER_SECOND;
    out[value] = { model: value, total, components, expressCta: cta };
  }
  return out;
}

export interface RateTable {
  rates: Record<string, ModelRate>;
  live: boolean;
}

/** Live rates (cached for an hour); the reference table when the list cannot be read. */
export async function samsarRates(
  deps: Pick<AppDeps, 'http' | 'cache'>,
  signal?: AbortSignal,
): Promise<RateTable> {
  try {
    const rates = await deps.cache.get(CACHE_KEY, TTL_MS, async () => {
      const res = await deps.http.request({
        provider: 'samsar',
        method: 'GET',
        path: '/video/supported_models',
        auth: false,
        signal,
      });
      const parsed = parseLive(res.data);
      if (!Object.keys(parsed).length) throw new Error('supported_models listed no priced video models');
      return parsed;
    });
    return { rates, live: true };
  } catch {
    return { rates: REFERENCE_RATES, live: false };
  }
}
