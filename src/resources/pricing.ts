/**
 * pricing://samsar and pricing://samautomation: the price tables and formulas the quotes use, for
 * "how much would..." questions without a specific call in mind.
 */
import type { McpServer } from '@modelcontextprotocol/server';
import type { AppDeps } from '../deps.js';
import { aiModelCredits, REFERENCE_AI_CREDITS } from '../providers/samautomation/pricing.js';
import {
  AVATAR_PER_SECOND,
  OUTRO_FOOTER_FLAT,
  samsarRates,
  TRANSLATE_JOIN_PER_SECOND,
  UNIT_OPTIONS,
} from '../providers/samsar/pricing.js';

export async function samsarPricing(deps: AppDeps) {
  const { rates, live } = await samsarRates(deps);
  return {
    source: live ? 'live /video/supported_models' : 'reference tables (live list unavailable)',
    billing: 'Samsar credits, charged when a request is accepted',
    per_second_rates: Object.values(rates).map((r) => ({
      video_model: r.model,
      credits_per_second: r.total,
      components: r.components,
      unit_options_seconds: UNIT_OPTIONS[r.model] ?? null,
      express_cta_per_second: r.expressCta,
    })),
    formulas: {
      text_to_video: 'duration_seconds x model rate',
      image_list_to_video: `render seconds x (model rate + ${AVATAR_PER_SECOND}/s avatar if add_narrator_avatar + express CTA rate if express_cta_generation); render seconds between images x shortest and images x longest unit option`,
      translate_video: `source duration x ${TRANSLATE_JOIN_PER_SECOND}/s`,
      join_videos: `sum of source durations x ${TRANSLATE_JOIN_PER_SECOND}/s`,
      add_outro_image: `${OUTRO_FOOTER_FLAT} per request`,
      update_outro_image: `${OUTRO_FOOTER_FLAT} per request`,
      update_footer_image: `${OUTRO_FOOTER_FLAT} per request`,
      free: 'list models/fonts, clone, add/remove subtitles, cancel, status, latest version, completed sessions',
    },
    example: 'A 10-second RUNWAYML text-to-video render costs 300 credits.',
  };
}

export async function samautomationPricing(deps: AppDeps) {
  const { credits, live } = await aiModelCredits(deps);
  return {
    source: live ? 'live /api/ai/models' : 'reference table (live catalogue unavailable)',
    core_renders:
      'mix, simple, loop and advanced (mode full) use 1 video of the monthly plan each (quota); advanced preview is free',
    ai_jobs: 'AI credits per job by model',
    ai_model_credits: live ? credits : REFERENCE_AI_CREDITS,
    video_packs:
      'money: buy_video_pack creates a Stripe checkout link a person pays; the price is shown at checkout',
  };
}

export function registerPricingResources(server: McpServer, deps: AppDeps): void {
  const json = (uri: string, data: unknown) => ({
    contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(data, null, 2) }],
  });
  server.registerResource(
    'pricing-samsar',
    'pricing://samsar',
    {
      title: 'Samsar pricing',
      description: 'Per-second rates, add-ons, flat fees and formulas.',
      mimeType: 'application/json',
    },
    async (uri) => json(uri.href, await samsarPricing(deps)),
  );
  server.registerResource(
    'pricing-samautomation',
    'pricing://samautomation',
    {
      title: 'SamAutomation pricing',
      description: 'Plan quota, AI model credits and video packs.',
      mimeType: 'application/json',
    },
    async (uri) => json(uri.href, await samautomationPricing(deps)),
  );
}
