/**
 * Price questions through a real client: estimate_cost with only what a paid tool's price depends on
 * answers in one call with an indicative quote (credits, breakdown, formula, missing_for_call) and no
 * token; the complete arguments still give the binding quote and a token that sends; invalid fields
 * are still refused. Nothing is written upstream by any of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayCharge } from '../../src/catalogue/define.js';
import { catalogue } from '../../src/catalogue/index.js';
import { UNIT_OPTIONS } from '../../src/providers/samsar/pricing.js';
import { AI_MODELS } from '../../src/sandbox/samautomation/ai-models.js';
import { SUPPORTED_MODELS } from '../../src/sandbox/samsar/reference-data.js';
import { type Harness, startHarness } from '../helpers/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;
const rate = (model: string) =>
  SUPPORTED_MODELS.VIDEO_MODELS.find((m) => m.value === model)!.pricingDistribution.total;
const aiCredits = (id: string) => AI_MODELS.find((m) => m.id === id)!.credits;

interface Case {
  arguments: Record<string, unknown>;
  duration_seconds?: number;
  expected: Loose;
  missing: string[];
}

/** One price question per paid tool; the test below fails when a paid tool has none. */
const CASES: Record<string, Case> = {
  samsar_text_to_video: {
    arguments: { video_model: 'VEO3.1I2V', duration: 30 },
    expected: { billing: 'credits', credits: 30 * rate('VEO3.1I2V'), duration_seconds: 30 },
    missing: ['prompt', 'image_model'],
  },
  samsar_image_list_to_video: {
    arguments: { video_model: 'SEEDANCEI2V', add_narrator_avatar: true },
    expected: {
      billing: 'credits',
      per_second: rate('SEEDANCEI2V') + 4,
      credits_min: Math.min(...UNIT_OPTIONS.SEEDANCEI2V!) * (rate('SEEDANCEI2V') + 4),
      credits: Math.max(...UNIT_OPTIONS.SEEDANCEI2V!) * (rate('SEEDANCEI2V') + 4),
    },
    missing: ['image_urls'],
  },
  samsar_add_outro_image: {
    arguments: {},
    expected: { billing: 'credits', credits: 75 },
    missing: ['session_id', 'outro_image_url'],
  },
  samsar_update_outro_image: {
    arguments: {},
    expected: { billing: 'credits', credits: 75 },
    missing: ['session_id'],
  },
  samsar_update_footer_image: {
    arguments: { session_id: 'vid_1' },
    expected: { billing: 'credits', credits: 75 },
    missing: ['cta_text'],
  },
  samsar_translate_video: {
    arguments: {},
    duration_seconds: 20,
    expected: { billing: 'credits', credits: 60, duration_seconds: 20 },
    missing: ['session_id', 'language'],
  },
  samsar_join_videos: {
    arguments: { blend_scenes: true },
    duration_seconds: 17.5,
    expected: { billing: 'credits', credits: 54, duration_seconds: 18 },
    missing: ['session_ids'],
  },
  samautomation_mix_video: {
    arguments: {},
    expected: { billing: 'quota', credits: 0 },
    missing: ['media_list'],
  },
  samautomation_simple_video: {
    arguments: {},
    expected: { billing: 'quota', credits: 0 },
    missing: ['media_list'],
  },
  samautomation_loop_video: {
    arguments: {},
    expected: { billing: 'quota', credits: 0 },
    missing: ['media_list', 'background_url'],
  },
  samautomation_advanced_video: {
    arguments: {},
    expected: { billing: 'quota', credits: 0 },
    missing: ['media_inputs'],
  },
  samautomation_create_ai_job: {
    arguments: { model_id: 'kling-3-0-pro' },
    expected: { billing: 'credits', credits: aiCredits('kling-3-0-pro') },
    missing: ['prompt'],
  },
};

describe('price questions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  const estimate = (tool: string, args: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    h.call('estimate_cost', { tool, arguments: args, ...extra });

  it('"What would 30 s of VEO3.1I2V cost?" is one call, with the same amount as the binding quote', async () => {
    const e = await estimate('samsar_text_to_video', { video_model: 'VEO3.1I2V', duration: 30 });
    expect(e.isError, h.text(e)).toBeFalsy();
    const q = sc(e);
    expect(q).toMatchObject({
      tool: 'samsar_text_to_video',
      credits: 30 * rate('VEO3.1I2V'),
      per_second: rate('VEO3.1I2V'),
      formula: `credits = 30 s x ${rate('VEO3.1I2V')}/s (VEO3.1I2V)`,
      indicative: true,
      missing_for_call: ['prompt', 'image_model'],
    });
    expect(q.breakdown).toContainEqual({ item: 'video 44/s', credits: 44 * 30 });
    expect(h.text(e)).toContain(`${30 * rate('VEO3.1I2V')} credits (indicative, no confirmation_token)`);
    expect(h.text(e)).toContain('also needs prompt, image_model');

    const full = {
      prompt: 'A lighthouse at dusk',
      image_model: 'SEEDREAM',
      video_model: 'VEO3.1I2V',
      duration: 30,
    };
    const binding = sc(await estimate('samsar_text_to_video', full));
    expect(binding.credits).toBe(q.credits);
    expect(binding.breakdown).toEqual(q.breakdown);
    expect(binding.indicative).toBeUndefined();
    expect(binding.missing_for_call).toBeUndefined();
    expect(binding.confirmation_token).toMatch(/^vg2_/);
    expect(h.sandbox.requests.writes()).toHaveLength(0);

    // The binding form still confirms and pays once.
    const before = h.sandbox.samsar.credits.get(h.sandbox.keys.samsar)!;
    const r = await h.call('samsar_text_to_video', {
      ...full,
      confirmation_token: binding.confirmation_token,
    });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(before - h.sandbox.samsar.credits.get(h.sandbox.keys.samsar)!).toBe(q.credits);
  });

  it('has a price question for every paid tool but the pack purchase, whose only field is its price', () => {
    const paid = catalogue.filter(mayCharge).map((e) => e.name);
    expect([...Object.keys(CASES), 'samautomation_buy_video_pack'].sort()).toEqual(paid.sort());
  });

  it.each(Object.entries(CASES))(
    '%s: an indicative quote from the price fields alone, without a token',
    async (tool, c) => {
      const writes = h.sandbox.requests.writes().length;
      const extra = c.duration_seconds === undefined ? {} : { duration_seconds: c.duration_seconds };
      const e = await estimate(tool, c.arguments, extra);
      expect(e.isError, h.text(e)).toBeFalsy();
      const q = sc(e);
      expect(q).toMatchObject({ tool, ...c.expected, indicative: true, missing_for_call: c.missing });
      expect(q.breakdown.length).toBeGreaterThan(0);
      expect(q.breakdown.reduce((s: number, b: { credits: number }) => s + b.credits, 0)).toBe(q.credits);
      expect(q.formula).toBeTruthy();
      expect(q.confirmation_token).toBeUndefined();
      expect(q.expires_at).toBeUndefined();
      expect(h.text(e)).not.toMatch(/vg2_/);
      expect(h.sandbox.requests.writes()).toHaveLength(writes);
    },
  );

  it('an image list without images is quoted per image, and says so', async () => {
    const q = sc(await estimate('samsar_image_list_to_video', {}));
    const perSecond = rate('RUNWAYML');
    expect(q).toMatchObject({
      credits_min: 5 * perSecond,
      credits: 10 * perSecond,
      missing_for_call: ['image_urls'],
    });
    expect(q.assumptions.join(' ')).toContain('quoted for 1 image');
  });

  it('complete arguments of the other tools still give the binding quote and its token', async () => {
    for (const [tool, args] of [
      ['samsar_update_footer_image', { session_id: 'vid_1', cta_text: 'Book now' }],
      ['samautomation_create_ai_job', { model_id: 'kling-3-0-pro', prompt: 'Rain' }],
      ['samautomation_buy_video_pack', { pack_id: '2' }],
    ] as const) {
      const q = sc(await estimate(tool, args));
      expect(q.confirmation_token, tool).toMatch(/^vg2_/);
      expect(q.indicative).toBeUndefined();
    }
  });

  it.each([
    ['an unknown model', 'samsar_text_to_video', { video_model: 'VEO4', duration: 30 }, 'video_model'],
    [
      'a duration out of range',
      'samsar_text_to_video',
      { video_model: 'RUNWAYML', duration: 241 },
      'duration',
    ],
    ['no duration', 'samsar_text_to_video', { video_model: 'RUNWAYML' }, 'duration'],
    ['no model', 'samsar_text_to_video', { duration: 30 }, 'video_model'],
    [
      'an invalid non-price field',
      'samsar_text_to_video',
      { video_model: 'RUNWAYML', duration: 5, prompt: '' },
      'prompt',
    ],
    [
      'an unknown field',
      'samsar_text_to_video',
      { video_model: 'RUNWAYML', duration: 5, colour: 'red' },
      'colour',
    ],
    ['an empty image list', 'samsar_image_list_to_video', { image_urls: [] }, 'image_urls'],
    ['one session to join', 'samsar_join_videos', { session_ids: ['vid_1'] }, 'session_ids'],
    ['no source and no stated duration', 'samsar_translate_video', { language: 'es' }, 'session_id'],
    ['an AI model without a price', 'samautomation_create_ai_job', { model_id: 'nope' }, 'model_id'],
    ['no AI model', 'samautomation_create_ai_job', { prompt: 'Rain' }, 'model_id'],
    ['no pack', 'samautomation_buy_video_pack', {}, 'pack_id'],
  ] as const)('refuses a price question with %s', async (_what, tool, args, field) => {
    const e = await estimate(tool, args);
    expect(e.isError, h.text(e)).toBe(true);
    expect(sc(e)).toMatchObject({ code: 'invalid_input' });
    expect(sc(e).fields.map((f: { field: string }) => f.field)).toContain(field);
  });
});
