/**
 * Quotes match the reference's formulas and what the sandbox debits: every paid tool is quoted with
 * estimate_cost, sent with its token through a real client, and the debit (and the ledger's charged
 * amount) compared with the quote. Quota renders are covered end to end in cost-quota.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autoApproved } from '../../src/cost/budget.js';
import { parseAiModels } from '../../src/providers/samautomation/pricing.js';
import { UNIT_OPTIONS } from '../../src/providers/samsar/pricing.js';
import { AI_MODELS } from '../../src/sandbox/samautomation/ai-models.js';
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
        VIDEOGEN_AUTO_APPROVE_QUOTA: '1',
      },
    });
  });
  afterAll(() => h.close());

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
    expect(sc(bad)).toMatchObject({
      code: 'invalid_input',
      fields: [expect.objectContaining({ field: 'duration' })],
    });
    const free = await h.call('estimate_cost', { tool: 'samsar_list_models', arguments: {} });
    expect(sc(free)).toMatchObject({ billing: 'free', credits: 0 });
    expect(sc(free).confirmation_token).toBeUndefined();
    const unknown = await h.call('estimate_cost', { tool: 'no_such_tool', arguments: {} });
    expect(sc(unknown).fields[0].field).toBe('tool');
    expect(h.sandbox.requests.writes().length).toBe(cases.length);
  });

  it.each([
    [
      'samsar_text_to_video',
      { prompt: 'x', image_model: 'GPTIMAGE2', video_model: 'RUNWAYML', duration: 241 },
    ],
    ['samsar_image_list_to_video', { image_urls: [] }],
    ['samsar_join_videos', { session_ids: ['vid_1'] }],
    ['samsar_update_footer_image', { session_id: 'vid_1', cta_url: 'not a url' }],
    ['samautomation_create_ai_job', { model_id: '', prompt: 'x' }],
    ['samautomation_buy_video_pack', {}],
  ] as const)('estimate_cost refuses bad %s arguments as the tool itself does', async (tool, args) => {
    const own = await h.call(tool, args);
    const est = await h.call('estimate_cost', { tool, arguments: args });
    expect(own.isError).toBe(true);
    expect(est.isError).toBe(true);
    expect(h.text(own)).toContain(sc(est).message);
  });

  const samsarBalance = () => h.sandbox.samsar.credits.get(h.sandbox.keys.samsar)!;
  /** Estimates, sends with the token, and returns the quote with what the sandbox debited. */
  const quoteAndSend = async (tool: string, args: Record<string, unknown>, debited = samsarBalance) => {
    const e = await h.call('estimate_cost', { tool, arguments: args });
    expect(e.isError, h.text(e)).toBeFalsy();
    const q = sc(e);
    expect(q.breakdown.reduce((s: number, b: { credits: number }) => s + b.credits, 0)).toBe(q.credits);
    const before = debited();
    const r = await h.call(tool, { ...args, confirmation_token: q.confirmation_token });
    expect(r.isError, h.text(r)).toBeFalsy();
    const debit = before - debited();
    expect(await h.app.deps.store.get(sc(r).cost.ledger_id)).toMatchObject({
      outcome: 'sent',
      charged: debit,
    });
    return { q, debit, r: sc(r) };
  };
  /** Completed sessions of the given durations, to translate, join and decorate. */
  const completedSessions = async (...durations: number[]) => {
    const ids: string[] = [];
    for (const duration of durations) {
      const args = { prompt: 'Source', image_model: 'SEEDREAM', video_model: 'RUNWAYML', duration };
      ids.push((await quoteAndSend('samsar_text_to_video', args)).r.job.id);
    }
    h.sandbox.samsar.advance(3_600_000);
    return ids;
  };
  const IMG = (i: number) => `https://cdn.example.com/${i}.png`;

  const imageCases = SUPPORTED_MODELS.VIDEO_MODELS.flatMap((m) =>
    [
      { avatar: false, cta: false },
      { avatar: true, cta: true },
    ].map((addons) => [m.value, addons] as const),
  );
  it.each(imageCases)(
    'image list %s %o: the sandbox debit lies in the quoted range; the token binds the upper end',
    async (model, { avatar, cta }) => {
      const args = {
        image_urls: [IMG(1), IMG(2), IMG(3)],
        video_model: model,
        ...(avatar ? { add_narrator_avatar: true } : {}),
        ...(cta ? { express_cta_generation: true, cta_url: 'https://shop.example.com' } : {}),
      };
      const { q, debit } = await quoteAndSend('samsar_image_list_to_video', args);
      const units = UNIT_OPTIONS[model]!;
      const rate = SUPPORTED_MODELS.VIDEO_MODELS.find((m) => m.value === model)!.pricingDistribution.total;
      const perSecond = rate + (avatar ? 4 : 0) + (cta ? 1 : 0);
      expect(q).toMatchObject({
        per_second: perSecond,
        credits_min: 3 * Math.min(...units) * perSecond,
        credits: 3 * Math.max(...units) * perSecond,
        duration_seconds: 3 * Math.max(...units),
      });
      if (avatar) expect(q.breakdown).toContainEqual({ item: 'avatar 4/s', credits: 4 * q.duration_seconds });
      if (cta) expect(q.breakdown).toContainEqual({ item: 'express CTA 1/s', credits: q.duration_seconds });
      expect(q.assumptions.join(' ')).toContain('upper end');
      expect(debit).toBeGreaterThanOrEqual(q.credits_min);
      expect(debit).toBeLessThanOrEqual(q.credits);
    },
  );

  it('image list without a model is quoted at the default RUNWAYML', async () => {
    const { q } = await quoteAndSend('samsar_image_list_to_video', { image_urls: [IMG(1), IMG(2)] });
    expect(q).toMatchObject({ per_second: 30, credits_min: 300, credits: 600 });
  });

  it('outro and footer updates are a flat 75 credits, as debited', async () => {
    const [id] = await completedSessions(5);
    const outro = (session_id: string) => ({
      session_id,
      outro_image_url: 'https://cdn.example.com/outro.png',
    });
    const flat = async (tool: string, args: Record<string, unknown>) => {
      const { q, debit, r } = await quoteAndSend(tool, args);
      expect(q).toMatchObject({ credits: 75, breakdown: [{ item: 'flat fee', credits: 75 }] });
      expect(debit, tool).toBe(75);
      h.sandbox.samsar.advance(3_600_000);
      return r.job.id as string;
    };
    // Each call makes a new session; an outro is updated on the session that has one.
    const withOutro = await flat('samsar_add_outro_image', outro(id!));
    await flat('samsar_update_outro_image', outro(withOutro));
    await flat('samsar_update_footer_image', { session_id: id, cta_text: 'Book now' });
  });

  it('translate and join are 3/s of the source durations read from the MP4 headers, as debited', async () => {
    const [a, b] = await completedSessions(10, 7.5);
    const t = await quoteAndSend('samsar_translate_video', { session_id: a, language: 'es' });
    expect(t.q).toMatchObject({ credits: 30, per_second: 3, duration_seconds: 10 });
    expect(t.q.assumptions[0]).toContain('MP4 header');
    expect(t.debit).toBe(30);
    const j = await quoteAndSend('samsar_join_videos', { session_ids: [a, b] });
    expect(j.q).toMatchObject({ credits: 54, duration_seconds: 18 });
    expect(j.debit).toBe(54);
  });

  it('translate of a source without a video is refused, unless the duration is stated', async () => {
    const r = await h.call('samsar_text_to_video', {
      prompt: 'Broken [sandbox:fail]',
      image_model: 'SEEDREAM',
      video_model: 'RUNWAYML',
      duration: 5,
    });
    const failed = sc(r).job.id;
    h.sandbox.samsar.advance(3_600_000);
    const args = { session_id: failed, language: 'es' };
    const refused = await h.call('estimate_cost', { tool: 'samsar_translate_video', arguments: args });
    expect(sc(refused)).toMatchObject({ fields: [expect.objectContaining({ field: 'session_id' })] });
    expect(h.text(refused)).toMatch(/no completed video/);
    const stated = await h.call('estimate_cost', {
      tool: 'samsar_translate_video',
      arguments: args,
      duration_seconds: 12.5,
    });
    expect(sc(stated)).toMatchObject({ credits: 39, duration_seconds: 13 });
    expect(sc(stated).assumptions[0]).toContain('stated by the caller');
  });

  it("external users: the quote names who pays and equals the external user's debit", async () => {
    const ext = { provider: 'shopify', external_user_id: 'u-42' };
    const extBalance = () =>
      h.sandbox.samsar.externalCredits.get(`${h.sandbox.keys.samsar}|shopify|u-42`) ?? 100_000;
    const args = {
      prompt: 'For a customer',
      image_model: 'SEEDREAM',
      video_model: 'SEEDANCEI2V',
      duration: 8,
      external_user: ext,
    };
    const account = samsarBalance();
    const { q, debit } = await quoteAndSend('samsar_text_to_video', args, extBalance);
    expect(q.assumptions.join(' ')).toContain('external user shopify/u-42');
    expect(debit).toBe(q.credits);
    expect(samsarBalance()).toBe(account);
  });

  const balance = async () =>
    sc(await h.call('samautomation_credit_balance', {})).result.total_credits as number;
  const aiArgs = (m: (typeof AI_MODELS)[number]) => ({
    model_id: m.id,
    prompt: 'A rainy neon city',
    ...(m.capabilities.includes('t2v') ? {} : { image_urls: ['https://cdn.example.com/a.jpg'] }),
  });

  // The sandbox key is on the pro plan: ultimate-only models are refused upstream, so only quoted.
  const onPlan = AI_MODELS.filter((m) => m.plans.includes('pro'));
  it.each(onPlan.map((m) => [m.id, m] as const))(
    'create_ai_job %s: the estimate equals the credits the sandbox debits and the ledger records',
    async (_id, model) => {
      const args = aiArgs(model);
      const e = await h.call('estimate_cost', { tool: 'samautomation_create_ai_job', arguments: args });
      const q = sc(e);
      expect(q).toMatchObject({ billing: 'credits', credits: model.credits });
      expect(q.breakdown).toEqual([{ item: `${model.id} job`, credits: model.credits }]);
      const before = await balance();
      const r = await h.call('samautomation_create_ai_job', {
        ...args,
        confirmation_token: q.confirmation_token,
      });
      expect(r.isError, h.text(r)).toBeFalsy();
      expect(before - (await balance())).toBe(q.credits);
      expect(sc(r).credits.charged).toBe(q.credits);
      const ledger = await h.app.deps.store.get(sc(r).cost.ledger_id);
      expect(ledger).toMatchObject({ outcome: 'sent', quoted: q.credits, charged: q.credits });
    },
  );

  it('create_ai_job: ultimate-only models are quoted at their listed credits too', async () => {
    for (const m of AI_MODELS.filter((x) => !x.plans.includes('pro'))) {
      const e = await h.call('estimate_cost', { tool: 'samautomation_create_ai_job', arguments: aiArgs(m) });
      expect(sc(e).credits, m.id).toBe(m.credits);
    }
    const bad = await h.call('estimate_cost', {
      tool: 'samautomation_create_ai_job',
      arguments: { model_id: 'nope', prompt: 'x' },
    });
    expect(sc(bad).fields[0].field).toBe('model_id');
  });

  it('core renders are one plan video (quota), the advanced preview is free', async () => {
    const IMG = 'https://cdn.example.com/a.jpg';
    const media = { media_list: [{ type: 'image', url: IMG, duration: 3 }] };
    const advanced = (mode: string) => ({
      output_settings: { aspect_ratio: '16:9', resolution: '1080p', framerate: 30 },
      media_inputs: { main_clips: [{ type: 'image', url: IMG, duration: 3 }] },
      render_options: { mode },
    });
    for (const [tool, args] of [
      ['samautomation_mix_video', media],
      ['samautomation_simple_video', media],
      ['samautomation_loop_video', { ...media, background_url: 'https://cdn.example.com/bg.mp3' }],
      ['samautomation_advanced_video', advanced('full')],
    ] as const) {
      const q = sc(await h.call('estimate_cost', { tool, arguments: args }));
      expect(q, tool).toMatchObject({ billing: 'quota', credits: 0 });
      expect(q.breakdown[0].item).toContain('monthly plan');
      expect(q.confirmation_token).toBeTruthy();
    }
    const preview = sc(
      await h.call('estimate_cost', { tool: 'samautomation_advanced_video', arguments: advanced('preview') }),
    );
    expect(preview).toMatchObject({ billing: 'free', credits: 0 });
  });

  it('a video pack is money: quoted without credits, never auto-approved, sent once with a token', async () => {
    const args = { pack_id: '2' };
    const writes = () => h.sandbox.requests.writes('samautomation').length;
    const before = writes();
    // This server auto-approves up to 2000 credits and plan videos: a purchase still needs a token.
    const refused = await h.call('samautomation_buy_video_pack', args);
    expect(sc(refused).code).toBe('confirmation_required');
    expect(h.text(refused)).toContain('checkout link to buy a video pack');
    expect(writes()).toBe(before);
    const e = await h.call('estimate_cost', { tool: 'samautomation_buy_video_pack', arguments: args });
    expect(sc(e)).toMatchObject({ billing: 'money', credits: 0 });
    expect(sc(e).assumptions[0]).toContain('checkout');
    const r = await h.call('samautomation_buy_video_pack', {
      ...args,
      confirmation_token: sc(e).confirmation_token,
    });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(sc(r).result.checkout_url).toBeTruthy();
    expect(writes()).toBe(before + 1);
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
