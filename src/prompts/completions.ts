/** Argument completion for the prompts: models from the live list, languages and ratios as documented. */
import { completable } from '@modelcontextprotocol/server';
import * as z from 'zod/v4';
import type { AppDeps } from '../deps.js';
import { IMAGE_MODELS, LANGUAGES, VIDEO_MODELS } from '../providers/samsar/values.js';
import { cachedGet, HOUR_MS } from '../resources/json-resource.js';

const startsWith = (values: readonly string[], typed: string) =>
  values.filter((v) => v.toLowerCase().startsWith((typed ?? '').toLowerCase()));

/** Video model keys from samsar://models (same cache), or the documented list when offline. */
async function videoModels(deps: AppDeps): Promise<readonly string[]> {
  try {
    const data = (await cachedGet(
      deps,
      'resource:samsar-models',
      HOUR_MS,
      'samsar',
      '/video/supported_models',
      false,
    )) as { VIDEO_MODELS?: Array<{ value?: string }> };
    const live = (data.VIDEO_MODELS ?? []).map((m) => m.value).filter((v): v is string => Boolean(v));
    return live.length ? live : VIDEO_MODELS;
  } catch {
    return VIDEO_MODELS;
  }
}

export const promptArgs = (deps: AppDeps) => ({
  videoModel: completable(z.string(), async (typed) => startsWith(await videoModels(deps), typed))
    .optional()
    .describe('Samsar video model; cheapest suitable when omitted.'),
  imageModel: completable(z.string(), (typed) => startsWith(IMAGE_MODELS, typed)).optional(),
  language: completable(z.string(), (typed) => startsWith(LANGUAGES, typed)).optional(),
  aspectRatio: completable(z.string(), (typed) => startsWith(['16:9', '9:16'], typed)).optional(),
});
