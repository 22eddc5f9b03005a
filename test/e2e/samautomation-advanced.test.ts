/**
 * The advanced renderer through a real MCP client against the sandbox: preview is free (no
 * confirmation, no plan video) and answers a preview_url at once; full mode goes through the charge
 * guard and is followed on the simulated clock; a template_id merges saved settings before the
 * provider validates; the 3/min create limit comes back as a rate-limit error an agent can act on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

const CONFIG = {
  output_settings: { aspect_ratio: '16:9', resolution: '1080p', framerate: 30 },
  media_inputs: {
    main_clips: [
      { type: 'video', url: 'https://cdn.example.com/clip-a.mp4' },
      { type: 'image', url: 'https://cdn.example.com/clip-b.jpg', duration: 3 },
    ],
    background: { type: 'color', value: '#000000' },
  },
  caption_elements: [
    {
      text_content: 'Launch day',
      start_time: 0,
      duration: 2,
      styling: { font_size: 42, text_color: '#FFFFFF' },
    },
  ],
  audio_settings: {
    background_music_url: 'https://cdn.example.com/bg.mp3',
    background_music_volume_percent: 20,
    voice_over_url: 'https://cdn.example.com/voice.mp3',
    voice_over_volume_percent: 100,
  },
  render_options: { mode: 'full', quality: 'high' },
};
const PREVIEW = { ...CONFIG, render_options: { mode: 'preview', quality: 'low' } };

describe('samautomation advanced renderer', () => {
  let h: Harness;
  const writes = () => h.sandbox.requests.writes('samautomation');
  const usage = async () =>
    sc(await h.call('samautomation_usage_summary')).result.data.totals.tasks as number;

  beforeAll(async () => {
    h = await startHarness({ env: { VIDEOGEN_SANDBOX_RENDER_SECONDS: '2', VIDEOGEN_TIME_SCALE: '1000' } });
  });
  afterAll(() => h.close());

  it('renders a preview without confirmation or plan video, in the documented config envelope', async () => {
    const e = await h.call('estimate_cost', { tool: 'samautomation_advanced_video', arguments: PREVIEW });
    expect(sc(e).billing).toBe('free');
    const before = writes().length;
    const r = await h.call('samautomation_advanced_video', PREVIEW);
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(writes().length).toBe(before + 1);
    expect(writes().at(-1)).toMatchObject({ path: '/api/render/advanced-video', body: { config: PREVIEW } });
    const d = sc(r).result.data;
    expect(sc(r).result.message).toBe('Preview generated successfully');
    expect(d.mode).toBe('preview');
    expect(sc(r).job).toBeUndefined();
    expect(sc(r).cost).toBeUndefined();
    expect(h.text(r)).toContain('Preview ready (free)');
    const file = await fetch(d.preview_url);
    expect(file.headers.get('content-type')).toBe('video/mp4');
    expect(await usage()).toBe(0);
  });

  it('refuses a full render without confirmation and sends nothing', async () => {
    const before = writes().length;
    const r = await h.call('samautomation_advanced_video', CONFIG);
    expect(sc(r).code).toBe('confirmation_required');
    expect(sc(r).quote).toMatchObject({ billing: 'quota' });
    expect(writes().length).toBe(before);
  });

  it('renders a confirmed full render and follows it to an MP4 with its output settings', async () => {
    const e = await h.call('estimate_cost', { tool: 'samautomation_advanced_video', arguments: CONFIG });
    const r = await h.call('samautomation_advanced_video', {
      ...CONFIG,
      confirmation_token: sc(e).confirmation_token,
    });
    expect(r.isError, h.text(r)).toBeFalsy();
    const d = sc(r).result.data;
    expect(d).toMatchObject({ mode: 'full', estimated_time: '2-5 minutes' });
    expect(d.progress_url).toBe(`/api/render/advanced-video/progress/${d.id}`);
    expect(sc(r).job).toEqual({ provider: 'samautomation', id: d.id, kind: 'samautomation_advanced' });
    let p: Loose = {};
    for (let i = 0; i < 500; i++) {
      p = sc(await h.call('samautomation_advanced_video_progress', { task_id: d.id })).result.data;
      if (p.status === 'completed') break;
      await new Promise((res) => setTimeout(res, 2));
    }
    expect(h.sandbox.requests.entries.at(-1)!.path).toBe(`/api/render/advanced-video/progress/${d.id}`);
    expect(p).toMatchObject({ status: 'completed', mode: 'full', request_id: d.request_id });
    expect(p.settings).toMatchObject({
      aspect_ratio: '16:9',
      resolution: '1080p',
      framerate: 30,
      duration: 8,
    });
    expect((await fetch(p.output_url)).status).toBe(200);
    expect(await usage()).toBe(1);
    const core = await h.call('samautomation_get_progress', { id: d.id });
    expect(sc(core).status).toBe(404);
  });

  it('merges a saved template under the request before the provider validates it', async () => {
    const t = await h.call('samautomation_create_template', {
      name: 'Vertical clips',
      settings: {
        output_settings: { aspect_ratio: '9:16', resolution: '720p', framerate: 24 },
        media_inputs: { main_clips: [{ type: 'image', url: 'https://cdn.example.com/t.jpg', duration: 5 }] },
      },
    });
    const templateId = sc(t).result.data.id;
    const args = { template_id: templateId, render_options: { mode: 'preview' } };
    const r = await h.call('samautomation_advanced_video', args);
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(writes().at(-1)!.body).toEqual({ config: args });

    const full = { template_id: templateId, output_settings: { resolution: '1440p' } };
    const e = await h.call('estimate_cost', { tool: 'samautomation_advanced_video', arguments: full });
    const f = await h.call('samautomation_advanced_video', {
      ...full,
      confirmation_token: sc(e).confirmation_token,
    });
    const id = sc(f).result.data.id;
    let p: Loose = {};
    for (let i = 0; i < 500 && p.status !== 'completed'; i++) {
      p = sc(await h.call('samautomation_advanced_video_progress', { task_id: id })).result.data;
      await new Promise((res) => setTimeout(res, 2));
    }
    expect(p.settings).toMatchObject({
      aspect_ratio: '9:16',
      resolution: '1440p',
      framerate: 24,
      duration: 5,
    });
  });

  it('reports the provider validation error of a merged template, and an unknown template', async () => {
    const t = await h.call('samautomation_create_template', {
      name: 'Broken clips',
      settings: { media_inputs: { main_clips: [{ type: 'audio', url: 'https://cdn.example.com/a.mp3' }] } },
    });
    const bad = await h.call('samautomation_advanced_video', {
      template_id: sc(t).result.data.id,
      render_options: { mode: 'preview' },
    });
    expect(sc(bad)).toMatchObject({
      code: 'upstream_bad_request',
      status: 400,
      upstream: { error_code: 'VALIDATION_ERROR' },
    });
    expect(h.text(bad)).toContain("Configuration validation failed: clip type must be 'video' or 'image'");
    const missing = await h.call('samautomation_advanced_video', {
      template_id: 'no-such-template',
      render_options: { mode: 'preview' },
    });
    expect(sc(missing)).toMatchObject({ code: 'upstream_not_found', status: 404 });
  });
});

describe('samautomation advanced rate limit (real-time clock)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('answers the fourth create within a minute with 429 and a retry time, sent once', async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await h.call('samautomation_advanced_video', PREVIEW));
    expect(results.slice(0, 3).every((r) => !r.isError)).toBe(true);
    const limited = results[3]!;
    expect(sc(limited)).toMatchObject({ code: 'upstream_rate_limited', status: 429 });
    expect(sc(limited).retry_after_seconds).toBeGreaterThan(30);
    expect(h.text(limited)).toMatch(/retry after \d+ s/);
    expect(h.sandbox.requests.writes('samautomation')).toHaveLength(4);
  });
});
