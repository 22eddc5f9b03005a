/**
 * Quotes match the reference's formulas and what the sandbox debits. Tools not yet on this branch
 * (image list, outro/footer, translate, join, SamAutomation) are quoted through their quote functions
 * with the real deps of a running server; once merged they go through estimate_cost the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autoApproved } from '../../src/cost/budget.js';
import { quoteFor } from '../../src/cost/quote.js';
import { SAMAUTOMATION_QUOTES } from '../../src/cost/samautomation-quotes.js';
import { SAMSAR_QUOTES } from '../../src/cost/samsar-quotes.js';
import { parseAiModels } from '../../src/providers/samautomation/pricing.js';
import { SUPPORTED_MODELS } from '../../src/sandbox/samsar/reference-data.js';
import { type Harness, startHarness } from '../helpers/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

describe('quotes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: {
        VIDEOGEN_SANDBOX_RENDER_SECONDS: '1',
        VIDEOGEN_TIME_SCALE: '100',
        VIDEOGEN_AUTO_APPROVE_CREDITS: '2000',
      },
    });
  });
  afterAll(() => h.close());
  const ctx = () => ({ deps: h.app.deps });

  const cases = SUPPORTED_MODELS.VIDEO_MODELS.flatMap((m) =>
    [5, 7.5, 240].map((duration) => [m.value, duration] as const),
  );
  it.each(cases)(
    'text_to_video %s for %s s: the estimate equals the sandbox debit',
    async (model, duration) => {
      const args = { prompt: 'A test', image_model: 'SEEDREAM', video_model: model, duration };
      const e = await h.call('estimate_cost', { tool: 'samsar_text_to_video', arguments: args });
      const q = sc(e);
      const rate = SUPPORTED_MODELS.VIDEO_MODELS.find((m) => m.value === model)!.pricingDistribution.total;
      expect(q.credits).toBe(Math.ceil(duration) * rate);
      expect(q.breakdown.reduce((s: number, b: { credits: number }) => s + b.credits, 0)).toBe(q.credits);
      const before = h.sandbox.samsar.credits.get(h.sandbox.keys.samsar)!;
      const r = await h.call('samsar_text_to_video', { ...args, confirmation_token: q.confirmation_token });
      expect(r.isError, h.text(r)).toBeFalsy();
      expect(before - h.sandbox.samsar.credits.get(h.sandbox.keys.samsar)!).toBe(q.credits);
      expect(sc(r).credits.charged).toBe(q.credits);
    },
  );

  it('estimate_cost validates with the tool schema and reports free tools as free', async () => {
    const bad = await h.call('estimate_cost', {
      tool: 'samsar_text_to_video',
      arguments: { prompt: 'x', image_model: 'GPTIMAGE2', video_model: 'RUNWAYML', duration: 241 },
    });
    expect(bad.isError).toBe(true);
    expect(sc(bad).error).toMatchObject({ code: 'invalid_input', field: 'duration' });
    const free = await h.call('estimate_cost', { tool: 'samsar_list_models', arguments: {} });
    expect(sc(free)).toMatchObject({ billing: 'free', credits: 0 });
    expect(sc(free).confirmation_token).toBeUndefined();
    const unknown = await h.call('estimate_cost', { tool: 'no_such_tool', arguments: {} });
    expect(sc(unknown).error.field).toBe('tool');
    expect(h.sandbox.requests.writes().length).toBe(cases.length);
  });

  it('image list: a range from the unit options, add-ons per second, the token binds the upper end', async () => {
    const urls = [
      'https://cdn.example.com/1.png',
      'https://cdn.example.com/2.png',
      'https://cdn.example.com/3.png',
    ];
    const q = await SAMSAR_QUOTES.samsar_image_list_to_video!(
      {
        image_urls: urls,
        video_model: 'HAPPYHORSEI2V',
        add_narrator_avatar: true,
        express_cta_generation: true,
      },
      ctx(),
    );
    expect(q).toMatchObject({ per_second: 41, credits_min: 15 * 41, credits: 45 * 41, duration_seconds: 45 });
    expect(q.breakdown).toContainEqual({ item: 'avatar 4/s', credits: 180 });
    expect(q.breakdown).toContainEqual({ item: 'express CTA 1/s', credits: 45 });
    expect(q.breakdown.reduce((s, b) => s + b.credits, 0)).toBe(q.credits);
    expect(q.assumptions.join(' ')).toContain('upper end');
    const plain = await SAMSAR_QUOTES.samsar_image_list_to_video!({ image_urls: urls.slice(0, 2) }, ctx());
    expect(plain).toMatchObject({ per_second: 30, credits_min: 300, credits: 600 });
  });

  it.each(['samsar_add_outro_image', 'samsar_update_outro_image', 'samsar_update_footer_image'])(
    '%s is a flat 75 credits',
    async (tool) => {
      const q = await SAMSAR_QUOTES[tool]!(
        { session_id: 'vid_x', outro_image_url: 'https://x/y.png' },
        ctx(),
      );
      expect(q.credits).toBe(75);
    },
  );

  it('translate and join are 3/s of the source durations read from the MP4 headers', async () => {
    const start = async (duration: number, prompt = 'Source') => {
      const r = await h.call('samsar_text_to_video', {
        prompt,
        image_model: 'SEEDREAM',
        video_model: 'RUNWAYML',
        duration,
      });
      expect(r.isError, h.text(r)).toBeFalsy();
      return sc(r).job.id as string;
    };
    const a = await start(10);
    const b = await start(7);
    // A render that fails never has a video: its duration is unknown and the quote says so.
    const failed = await start(5, 'Broken [sandbox:fail]');
    await expect(
      SAMSAR_QUOTES.samsar_translate_video!({ session_id: failed, language: 'es' }, ctx()),
    ).rejects.toThrow(/no completed video/);
    for (const id of [a, b]) {
      for (let i = 0; i < 200; i++) {
        const s = await h.call('samsar_get_status', { session_id: id });
        if (sc(s).result.status === 'COMPLETED') break;
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    const t = await SAMSAR_QUOTES.samsar_translate_video!({ session_id: a, language: 'es' }, ctx());
    expect(t).toMatchObject({ credits: 30, per_second: 3, duration_seconds: 10 });
    const j = await SAMSAR_QUOTES.samsar_join_videos!({ session_ids: [a, b] }, ctx());
    expect(j).toMatchObject({ credits: 51, duration_seconds: 17 });
    expect(j.assumptions[0]).toContain('MP4 header');
    const stated = await SAMSAR_QUOTES.samsar_translate_video!(
      { session_id: 'vid_unknown', language: 'es' },
      { ...ctx(), durationSeconds: 12.5 },
    );
    expect(stated).toMatchObject({ credits: 39, duration_seconds: 13 });
    expect(stated.assumptions[0]).toContain('stated by the caller');
  });

  it('SamAutomation: AI jobs by model credits, core renders are quota, packs are money', async () => {
    const ai = await SAMAUTOMATION_QUOTES.samautomation_create_ai_job!(
      { model_id: 'kling-3-0-pro', prompt: 'x' },
      ctx(),
    );
    expect(ai.credits).toBe(220);
    await expect(
      SAMAUTOMATION_QUOTES.samautomation_create_ai_job!({ model_id: 'nope', prompt: 'x' }, ctx()),
    ).rejects.toThrow(/no listed price/);
    for (const tool of [
      'samautomation_mix_video',
      'samautomation_simple_video',
      'samautomation_loop_video',
    ]) {
      const q = await quoteFor({ name: tool, billing: 'quota', toolset: 'samautomation' }, {}, ctx());
      expect(q).toMatchObject({ billing: 'quota', credits: 0 });
      expect(q.breakdown[0]!.item).toContain('monthly plan');
    }
    const preview = await quoteFor(
      {
        name: 'samautomation_advanced_video',
        billing: (a: { render_options?: { mode?: string } }) =>
          a.render_options?.mode === 'preview' ? 'free' : 'quota',
        toolset: 'samautomation',
      } as never,
      { render_options: { mode: 'preview' } },
      ctx(),
    );
    expect(preview.billing).toBe('free');
    const pack = await quoteFor(
      { name: 'samautomation_buy_video_pack', billing: 'money', toolset: 'account' },
      { pack_id: 'pack_10' },
      ctx(),
    );
    expect(pack).toMatchObject({ billing: 'money', credits: 0 });
    expect(pack.assumptions[0]).toContain('checkout');
  });

  it('reads AI model credits from the live catalogue shapes', () => {
    expect(parseAiModels({ success: true, models: [{ id: 'kling-3-0', credits: 80 }] })).toEqual({
      'kling-3-0': 80,
    });
    expect(parseAiModels({ data: [{ model_id: 'sora-2', base_credits: 41 }] })).toEqual({ 'sora-2': 41 });
  });

  it('auto-approve: credits up to the threshold, quota only when enabled, money never', () => {
    const config = (credits: number, quota: boolean) =>
      ({ ...h.app.deps.config, cost: { autoApproveCredits: credits, autoApproveQuota: quota } }) as never;
    expect(autoApproved(config(300, false), 'credits', 300)).toBe(true);
    expect(autoApproved(config(299, false), 'credits', 300)).toBe(false);
    expect(autoApproved(config(0, false), 'quota', 0)).toBe(false);
    expect(autoApproved(config(0, true), 'quota', 0)).toBe(true);
    expect(autoApproved(config(1_000_000, true), 'money', 0)).toBe(false);
  });

  it('serves the pricing resources', async () => {
    const s = await h.client.readResource({ uri: 'pricing://samsar' });
    const samsar = JSON.parse(s.contents[0].text);
    expect(samsar.source).toContain('live');
    expect(samsar.per_second_rates).toContainEqual(
      expect.objectContaining({
        video_model: 'VEO3.1I2V',
        credits_per_second: 60,
        unit_options_seconds: [6, 8],
      }),
    );
    const a = await h.client.readResource({ uri: 'pricing://samautomation' });
    expect(JSON.parse(a.contents[0].text).ai_model_credits['veo-3-1-quality']).toBe(250);
  });
});
