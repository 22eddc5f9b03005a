/**
 * The SamAutomation plan limits as an agent meets them through the tools (the free tier's 5 videos a
 * month, the 5/min create limit), and the sandbox answering raw requests the way the reference
 * documents, so the simulator stays honest where the tools' schemas would never let a request through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

const ARGS = { media_list: [{ type: 'image', url: 'https://cdn.example.com/a.jpg', duration: 3 }] };
const FREE_TIER =
  'Free tier limit reached. You can generate 5 videos per month. Please upgrade to a paid plan for more videos.';

describe('samautomation free-tier quota (fast simulated clock)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { VIDEOGEN_AUTO_APPROVE_QUOTA: '1', VIDEOGEN_TIME_SCALE: '10000' } });
  });
  afterAll(() => h.close());

  it('refuses the sixth video of the month with the documented 403 and upgrade_url', async () => {
    const start = h.sandbox.clock.simNow();
    for (let i = 0; i < 5; i++) {
      const r = await h.call('samautomation_simple_video', ARGS);
      expect(r.isError, h.text(r)).toBeFalsy();
    }
    // Past the 5/min create limit on the simulated clock, so only the quota can refuse.
    while (h.sandbox.clock.simNow() < start + 61_000) await new Promise((r) => setTimeout(r, 2));
    const r = await h.call('samautomation_mix_video', ARGS);
    expect(sc(r)).toMatchObject({
      code: 'upstream_forbidden',
      status: 403,
      upstream: { success: false, message: FREE_TIER, upgrade_url: '/subscription/plans/' },
    });
    expect(h.text(r)).toContain(FREE_TIER);
    expect(h.text(r)).toContain('samautomation_usage_summary');
    // A preview uses no plan video, so it still works.
    const preview = await h.call('samautomation_advanced_video', {
      media_inputs: { main_clips: ARGS.media_list },
      render_options: { mode: 'preview' },
    });
    expect(preview.isError, h.text(preview)).toBeFalsy();
  });
});

describe('samautomation create rate limit (real-time clock)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { VIDEOGEN_AUTO_APPROVE_QUOTA: '1' } });
  });
  afterAll(() => h.close());

  it('answers the sixth create within a minute with 429 and is not resent blindly', async () => {
    const tools = ['samautomation_mix_video', 'samautomation_simple_video'];
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await h.call(tools[i % 2]!, ARGS));
    expect(results.slice(0, 5).every((r) => !r.isError)).toBe(true);
    expect(sc(results[5]!)).toMatchObject({ code: 'upstream_rate_limited', status: 429 });
    expect(sc(results[5]!).retry_after_seconds).toBeGreaterThan(30);
    expect(h.sandbox.requests.writes('samautomation')).toHaveLength(6);
  });
});

describe('the sandbox answers raw requests as the reference documents', () => {
  let h: Harness;
  let base: string;
  let key: string;
  beforeAll(async () => {
    h = await startHarness({ env: { VIDEOGEN_TIME_SCALE: '10000' } });
    base = h.sandbox.samautomationBaseUrl;
    key = h.sandbox.keys.samautomationOther;
  });
  afterAll(() => h.close());

  async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(base + path, {
      method,
      headers: { 'x-api-key': key, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    // A fresh simulated minute per request, so the create limits never get in the way here.
    const t = h.sandbox.clock.simNow();
    while (h.sandbox.clock.simNow() < t + 61_000) await new Promise((r) => setTimeout(r, 2));
    return { status: res.status, body: (await res.json()) as Loose };
  }
  const MIX = '/api/function/video-generation/mix-video';
  const SIMPLE = '/api/function/video-generation/simple-video';
  const LOOP = '/api/function/video-generation/loop-video';
  const item = { type: 'image', url: 'https://cdn.example.com/a.jpg' };

  it.each([
    [MIX, '{not json', 'Invalid JSON data'],
    [MIX, { data: { media_list: [] } }, 'No media items provided'],
    [SIMPLE, { media_list: [{ url: 'https://x/y.jpg' }] }, "Each media item must have 'type' and 'url'"],
    [
      SIMPLE,
      { media_list: [{ type: 'audio', url: 'https://x/y.mp3' }] },
      "Media type must be 'video' or 'image'",
    ],
    [
      SIMPLE,
      { media_list: [item], settings: { aspect_ratio: '4:3' } },
      'aspect_ratio must be one of 9:16, 16:9, 1:1',
    ],
    [SIMPLE, { media_list: [item], settings: { fps: 10 } }, 'fps must be between 15 and 60'],
    [SIMPLE, { media_list: [item], settings: { loop_audio: 'no' } }, 'loop_audio must be a boolean'],
    [
      LOOP,
      { type: 'Loop', data: { media_list: [item] } },
      "Invalid video type. Only 'LoopVideo' is supported.",
    ],
    [LOOP, { type: 'LoopVideo', data: { media_list: [item] } }, 'Background URL is required'],
    [
      LOOP,
      { type: 'LoopVideo', data: { media_list: [item], background_url: 'https://x/a.mp3', duration: -2 } },
      'Duration must be a positive number',
    ],
    [
      LOOP,
      { type: 'LoopVideo', data: { media_list: [item], background_url: 'https://x/a.mp3', duration: 'ten' } },
      'Duration must be a valid number',
    ],
  ])('POST %s with %j answers 400 %s', async (path, body, message) => {
    const r = await send('POST', path, body);
    expect(r).toEqual({ status: 400, body: { success: false, message } });
  });

  it.each([
    ['transition_type', { transition_type: 'spin' }],
    ['transition_direction', { transition_direction: 'diagonal' }],
    ['zoom_direction', { zoom_direction: 'sideways' }],
    ['watermark_position', { watermark_position: 'middle' }],
    ['output_quality', { output_quality: 'ultra' }],
    ['image_duration', { image_duration: 31 }],
    ['audio_volume', { audio_volume: 1.5 }],
    ['watermark_opacity', { watermark_opacity: '0.5' }],
    ['transition_duration', { transition_duration: 3.5 }],
    ['audio_fade_out', { audio_fade_out: -1 }],
    ['min_video_duration', { min_video_duration: 61 }],
    ['video_loop_duration', { video_loop_duration: 121 }],
    ['watermark_padding', { watermark_padding: 101 }],
    ['zoom_effect', { zoom_effect: 0 }],
    ['text overlay', { text_overlays: [{ position: 'top' }] }],
    ['text overlay position', { text_overlays: [{ text: 'x', position: 'left' }] }],
  ])(
    'also refuses a bad %s itself (a second line of defence behind the schemas)',
    async (field, settings) => {
      const r = await send('POST', SIMPLE, { media_list: [item], settings });
      expect(r.status).toBe(400);
      expect(r.body.message).toContain(field.split(' ')[0] === 'text' ? 'text overlay' : field);
    },
  );

  it.each([
    [{ destinations: Array(6).fill({ type: 'email', to: 'a@b.co' }) }, 'up to 5'],
    [{ destinations: [{ type: 'dropbox' }] }, 'email, ftp, sftp'],
    [
      { destinations: [{ type: 'ftp', host: 'h', username: 'u', path: '/' }] },
      'ftp destination requires password',
    ],
    [{ destinations: [{ type: 'sftp', host: 'h', username: 'u', path: '/' }] }, 'password or private_key'],
    [{ callback_url: 'ftp://x/y' }, 'callback_url'],
  ])('refuses exports %j', async (exports, message) => {
    const r = await send('POST', MIX, { media_list: [item], exports });
    expect(r.status).toBe(400);
    expect(r.body.message).toContain(message);
  });

  it('accepts core fields at the root or inside data', async () => {
    for (const body of [{ media_list: [item] }, { data: { media_list: [item] } }]) {
      const r = await send('POST', MIX, body);
      expect(r.status).toBe(200);
      expect(r.body.data.progress_url).toContain(r.body.data.id);
    }
  });

  it('answers 401 without a key, 403 for an unknown key, and the key owner only sees its tasks', async () => {
    const created = await send('POST', MIX, { media_list: [item] });
    const path = `/api/function/video-generation/progress/${created.body.data.id}`;
    const none = await fetch(base + path);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      success: false,
      message: 'API key required',
      error_code: 'API_KEY_MISSING',
    });
    const wrong = await send('GET', path, undefined, { 'x-api-key': 'not-a-key' });
    expect(wrong).toEqual({
      status: 403,
      body: { success: false, message: 'API key is not active or missing' },
    });
    const other = await send('GET', path, undefined, { 'x-api-key': h.sandbox.keys.samautomation });
    expect(other.status).toBe(404);
    expect((await send('GET', path)).status).toBe(200);
  });

  it("answers a paid plan's monthly limit with its own documented message", async () => {
    let r = await send('POST', SIMPLE, { media_list: [item] });
    for (let i = 0; i < 120 && r.status === 200; i++) r = await send('POST', SIMPLE, { media_list: [item] });
    expect(r).toEqual({
      status: 403,
      body: {
        success: false,
        message: 'Monthly limit reached. Your plan allows 100 videos per month.',
        upgrade_url: '/subscription/plans/',
      },
    });
  });

  it('answers INVALID_TASK_ID for a malformed async task id', async () => {
    const r = await send('GET', '/api/async/status/not-a-uuid');
    expect(r).toEqual({
      status: 400,
      body: { success: false, message: 'Invalid task ID format', error_code: 'INVALID_TASK_ID' },
    });
  });

  it('answers advanced validation failures with VALIDATION_ERROR', async () => {
    const r = await send('POST', '/api/render/advanced-video', {
      config: { media_inputs: { main_clips: [] }, render_options: { mode: 'preview' } },
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ success: false, error_code: 'VALIDATION_ERROR' });
    expect(r.body.message).toMatch(/^Configuration validation failed: /);
  });

  it('answers an oversized advanced request with 413 before validation', async () => {
    const r = await send('POST', '/api/render/advanced-video', {
      config: { pad: 'x'.repeat(6 * 1024 * 1024) },
    });
    expect(r.status).toBe(413);
  });
});
