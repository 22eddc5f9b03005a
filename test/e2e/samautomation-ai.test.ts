/**
 * AI models, jobs and credits through a real MCP client against the sandbox: the live catalogue
 * agrees with the pricing table, a job is paid only through the charge guard (quote, confirmation,
 * exactly one request), runs on the simulated clock to result_urls, and the documented 402/403/404
 * answers come back as errors an agent can act on. Refused arguments send nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_AI_CREDITS } from '../../src/providers/samautomation/pricing.js';
import { type Harness, startHarness } from '../helpers/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

const JOB = {
  model_id: 'kling-3-0-pro',
  prompt: 'Cinematic tracking shot in a rainy neon city',
  image_urls: ['https://cdn.example.com/source.jpg'],
  options: { duration_seconds: 8, aspect_ratio: '16:9', quality_mode: 'pro', sound: true, multiShots: true },
};

describe('samautomation AI jobs (job still running)', () => {
  let h: Harness;
  const writes = () => h.sandbox.requests.writes('samautomation').length;
  const last = () => h.sandbox.requests.entries.filter((r) => r.provider === 'samautomation').at(-1)!;
  const balance = async () => sc(await h.call('samautomation_credit_balance')).result.total_credits as number;

  beforeAll(async () => {
    // Real-time clock and a 10 s render: a job created now is still running when read back.
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('lists the model catalogue with the credits of the pricing table', async () => {
    const r = await h.call('samautomation_list_ai_models', { type: 'video' });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(last()).toMatchObject({ method: 'GET', path: '/api/ai/models', query: { type: 'video' } });
    expect(last().headers['x-api-key']).toBe(h.sandbox.keys.samautomation);
    const listed = Object.fromEntries(sc(r).result.models.map((m: Loose) => [m.id, m.credits]));
    expect(listed).toEqual(REFERENCE_AI_CREDITS);
    expect(h.text(r)).toContain('veo-3-1-quality 250');
  });

  it('refuses an AI job without confirmation, stating the model credits, and sends nothing', async () => {
    const before = writes();
    const r = await h.call('samautomation_create_ai_job', JOB);
    expect(r.isError).toBe(true);
    expect(sc(r).code).toBe('confirmation_required');
    expect(sc(r).quote).toMatchObject({
      tool: 'samautomation_create_ai_job',
      billing: 'credits',
      credits: 220,
    });
    expect(h.text(r)).toContain('220 credits');
    expect(writes()).toBe(before);
  });

  it('creates a confirmed job with the documented body, debits its credits once, and follows it', async () => {
    const e = await h.call('estimate_cost', { tool: 'samautomation_create_ai_job', arguments: JOB });
    expect(sc(e)).toMatchObject({ billing: 'credits', credits: 220 });
    expect(sc(e).assumptions[0]).toContain('live');
    const start = await balance();
    const before = writes();
    const r = await h.call('samautomation_create_ai_job', {
      ...JOB,
      confirmation_token: sc(e).confirmation_token,
    });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(writes()).toBe(before + 1);
    expect(last()).toMatchObject({ method: 'POST', path: '/api/ai/jobs', body: JOB });
    expect(sc(r).result).toMatchObject({ success: true, status: 'running', credits_charged: 220 });
    expect(sc(r).credits).toEqual({ charged: 220, remaining: start - 220 });
    expect(sc(r).cost).toMatchObject({ billing: 'credits', quoted: 220, confirmed_by: 'token' });
    expect(sc(r).job).toMatchObject({ provider: 'samautomation', kind: 'samautomation_ai_job' });
    expect(h.text(r)).toContain('wait_for_job');
    expect(await balance()).toBe(start - 220);

    const replay = await h.call('samautomation_create_ai_job', {
      ...JOB,
      confirmation_token: sc(e).confirmation_token,
    });
    expect(sc(replay).replay).toBe(true);
    expect(writes()).toBe(before + 1);

    const status = await h.call('samautomation_get_ai_job', { job_id: sc(r).job.id });
    expect(last().path).toBe(`/api/ai/jobs/${sc(r).job.id}`);
    expect(sc(status).result).toMatchObject({ status: 'running', result_urls: [], completed_at: null });
    expect(h.text(status)).toContain('wait_for_job');
  });

  it('reads the credit balance split into subscription and top-up credits', async () => {
    const r = await h.call('samautomation_credit_balance');
    expect(last()).toMatchObject({ method: 'GET', path: '/api/ai/credits/balance' });
    const b = sc(r).result;
    expect(b.subscription_credits + b.topup_credits).toBe(b.total_credits);
    expect(h.text(r)).toContain(`${b.total_credits} AI credits`);
  });

  it.each([
    ['a model that is not in the catalogue', { ...JOB, model_id: 'kling_3_0' }, /model_id: unknown model/],
    ['images for a text-only model', { ...JOB, model_id: 'sora-2-text' }, /text-to-video only/],
    [
      'no image for an image-only model',
      { model_id: 'sora-2-image', prompt: 'x' },
      /needs at least one image/,
    ],
    ['a missing prompt', { model_id: 'kling-3-0' }, /prompt/],
    ['a non-http image URL', { ...JOB, image_urls: ['ftp://x/y.jpg'] }, /http/],
    ['sound as a string', { ...JOB, options: { sound: 'yes' } }, /sound/],
    ['a negative duration', { ...JOB, options: { duration_seconds: -1 } }, /duration_seconds/],
  ])('refuses %s and sends nothing', async (_what, args, message) => {
    const before = writes();
    const r = await h.call('samautomation_create_ai_job', args);
    expect(r.isError).toBe(true);
    expect(h.text(r)).toMatch(message);
    expect(writes()).toBe(before);
  });

  it('turns a model outside the plan into a 403 an agent can act on', async () => {
    const r = await h.call('samautomation_create_ai_job', {
      model_id: 'grok-video',
      prompt: 'x',
      confirmation_token: sc(
        await h.call('estimate_cost', {
          tool: 'samautomation_create_ai_job',
          arguments: { model_id: 'grok-video', prompt: 'x' },
        }),
      ).confirmation_token,
    });
    expect(sc(r)).toMatchObject({ code: 'upstream_forbidden', status: 403 });
    expect(h.text(r)).toContain('not available on the pro plan');
    expect(h.text(r)).toContain('pick one your plan includes');
  });

  it('reports an unknown job id as not found and refuses a non-numeric one unsent', async () => {
    const r = await h.call('samautomation_get_ai_job', { job_id: 999999 });
    expect(sc(r)).toMatchObject({ code: 'upstream_not_found', status: 404 });
    const before = h.sandbox.requests.entries.length;
    const bad = await h.call('samautomation_get_ai_job', { job_id: '12/../x' });
    expect(bad.isError).toBe(true);
    expect(h.sandbox.requests.entries.length).toBe(before);
  });
  it('sent every request with the X-API-Key header and never the api_key query string', () => {
    const sent = h.sandbox.requests.entries.filter((r) => r.provider === 'samautomation');
    expect(sent.length).toBeGreaterThan(5);
    for (const r of sent) {
      expect(r.headers['x-api-key']).toBe(h.sandbox.keys.samautomation);
      expect(r.query.api_key).toBeUndefined();
    }
  });
});

describe('samautomation AI jobs (fast simulated clock)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: {
        VIDEOGEN_AUTO_APPROVE_CREDITS: '250',
        VIDEOGEN_SANDBOX_RENDER_SECONDS: '1',
        VIDEOGEN_TIME_SCALE: '1000',
      },
    });
  });
  afterAll(() => h.close());

  /** Polls until the job leaves 'running' (simulated time runs 1000x; no wall-clock assertion). */
  async function finished(jobId: string): Promise<Loose> {
    for (let i = 0; i < 500; i++) {
      const s = sc(await h.call('samautomation_get_ai_job', { job_id: jobId })).result;
      if (s.status !== 'running') return s;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error('job never finished');
  }

  it('finishes a job with result_urls that serve an MP4', async () => {
    const r = await h.call('samautomation_create_ai_job', { ...JOB, model_id: 'kling-3-0' });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(sc(r).cost.confirmed_by).toBe('auto_approve');
    const s = await finished(sc(r).job.id);
    expect(s).toMatchObject({ status: 'success', error_code: null, credits_charged: 75 });
    expect(s.completed_at).toBeTruthy();
    const file = await fetch(s.result_urls[0]);
    expect(file.headers.get('content-type')).toBe('video/mp4');
    expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it('reports a failed job with its error', async () => {
    const r = await h.call('samautomation_create_ai_job', {
      model_id: 'wan-2-6',
      prompt: 'boom [sandbox:fail]',
    });
    const s = await finished(sc(r).job.id);
    expect(s).toMatchObject({ status: 'failed', error_code: 'GENERATION_FAILED', result_urls: [] });
  });

  it('answers 402 with credits_required and credits_remaining once the credits run out', async () => {
    const args = { model_id: 'veo-3-1-quality', prompt: 'Waves at dusk' };
    let r = await h.call('samautomation_create_ai_job', args);
    for (let i = 0; i < 40 && !r.isError; i++) r = await h.call('samautomation_create_ai_job', args);
    const err = sc(r);
    expect(err).toMatchObject({ code: 'upstream_payment_required', status: 402 });
    expect(err.upstream).toMatchObject({ message: 'Insufficient credits', credits_required: 250 });
    expect(err.upstream.credits_remaining).toBeLessThan(250);
    expect(h.text(r)).toContain('samautomation_credit_balance');
    const b = sc(await h.call('samautomation_credit_balance')).result;
    expect(b.total_credits).toBe(err.upstream.credits_remaining);
  });
});
