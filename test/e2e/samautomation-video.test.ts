/**
 * SamAutomation mix, simple and loop renders through a real MCP client against the sandbox: each is
 * paid through the charge guard (quote, confirmation, exactly one request with the documented body and
 * the X-API-Key header), runs on the simulated clock to an output_url that serves an MP4, and shows up
 * in the task list, the usage summary and the async status. Cancel, queue status and health too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

const IMG = 'https://cdn.example.com/frame-1.jpg';
const CLIP = 'https://cdn.example.com/clip-2.mp4';
const MIX = {
  media_list: [
    { type: 'image', url: IMG, duration: 3 },
    { type: 'video', url: CLIP },
  ],
  voice_url: 'https://cdn.example.com/voice.mp3',
  background_url: 'https://cdn.example.com/music.mp3',
  transcripts: [{ words: 'Welcome to SamAutomation', start: 0, end: 2 }],
  settings: { aspect_ratio: '9:16', transition_type: 'fade', fps: 30, loop_audio: false },
};

const TERMINAL = ['completed', 'failed', 'cancelled', 'timeout'];

describe('samautomation core renders (through the charge guard)', () => {
  let h: Harness;
  const writes = () => h.sandbox.requests.writes('samautomation');
  const last = () => h.sandbox.requests.entries.filter((r) => r.provider === 'samautomation').at(-1)!;

  beforeAll(async () => {
    h = await startHarness({ env: { VIDEOGEN_SANDBOX_RENDER_SECONDS: '2', VIDEOGEN_TIME_SCALE: '1000' } });
  });
  afterAll(() => h.close());

  /** Polls get_progress until a terminal state (simulated time runs 1000x; nothing is timed). */
  async function finished(id: string): Promise<Loose> {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const s = sc(await h.call('samautomation_get_progress', { id })).result.data;
      seen.add(s.status);
      if (TERMINAL.includes(s.status)) return { ...s, seen: [...seen] };
      await new Promise((r) => setTimeout(r, 2));
    }
    throw new Error('task never finished');
  }

  it('refuses a mix without confirmation, quoting one plan video, and sends nothing', async () => {
    const before = writes().length;
    const r = await h.call('samautomation_mix_video', MIX);
    expect(r.isError).toBe(true);
    expect(sc(r).code).toBe('confirmation_required');
    expect(sc(r).quote).toMatchObject({
      tool: 'samautomation_mix_video',
      billing: 'quota',
      credits: 0,
    });
    expect(writes().length).toBe(before);
  });

  it('sends a confirmed mix as the documented root payload and follows it to an MP4', async () => {
    const e = await h.call('estimate_cost', { tool: 'samautomation_mix_video', arguments: MIX });
    expect(sc(e)).toMatchObject({ billing: 'quota', credits: 0 });
    const before = writes().length;
    const r = await h.call('samautomation_mix_video', {
      ...MIX,
      confirmation_token: sc(e).confirmation_token,
    });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(writes().length).toBe(before + 1);
    const req = writes().at(-1)!;
    expect(req).toMatchObject({
      method: 'POST',
      path: '/api/function/video-generation/mix-video',
      body: MIX,
    });
    expect(req.headers['x-api-key']).toBe(h.sandbox.keys.samautomation);
    expect(req.query.api_key).toBeUndefined();
    const data = sc(r).result.data;
    expect(sc(r).result).toMatchObject({ success: true, message: 'Video generation started' });
    expect(data.progress_url).toBe(`/api/function/video-generation/progress/${data.id}`);
    expect(sc(r).job).toEqual({ provider: 'samautomation', id: data.id, kind: 'samautomation_task' });
    expect(sc(r).cost).toMatchObject({ billing: 'quota', confirmed_by: 'token' });
    expect(h.text(r)).toContain('wait_for_job');
    expect(h.text(r)).toContain(`samautomation_async_cancel {task_id: "${data.celery_task_id}"}`);

    const done = await finished(data.id);
    expect(last()).toMatchObject({
      method: 'GET',
      path: `/api/function/video-generation/progress/${data.id}`,
    });
    expect(done.seen).toContain('completed');
    expect(done).toMatchObject({ status: 'completed', progress: 1, error: null });
    expect(done.settings).toMatchObject({ aspect_ratio: '9:16', duration: 8 });
    const file = await fetch(done.output_url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('video/mp4');
    expect((await file.arrayBuffer()).byteLength).toBe(done.settings.size_bytes);
  });

  it('sends simple-video at the root and loop-video with top-level type and nested data', async () => {
    const simple = {
      media_list: [{ type: 'image', url: IMG, duration: 4 }],
      settings: { output_quality: 'high' },
    };
    const loop = {
      media_list: [{ type: 'video', url: CLIP }],
      background_url: 'https://cdn.example.com/bg-music.mp3',
      duration: 12,
      settings: { aspect_ratio: '16:9', loop_video: true },
    };
    for (const [tool, args, path, body] of [
      ['samautomation_simple_video', simple, '/api/function/video-generation/simple-video', simple],
      [
        'samautomation_loop_video',
        loop,
        '/api/function/video-generation/loop-video',
        { type: 'LoopVideo', data: loop },
      ],
    ] as const) {
      const e = await h.call('estimate_cost', { tool, arguments: args });
      const r = await h.call(tool, { ...args, confirmation_token: sc(e).confirmation_token });
      expect(r.isError, h.text(r)).toBeFalsy();
      expect(writes().at(-1)).toMatchObject({ path, body });
      expect(sc(r).job.kind).toBe('samautomation_task');
    }
    const loopId = sc(await h.call('samautomation_list_tasks', { limit: 1 })).result.data.tasks[0].id;
    expect((await finished(loopId)).settings.duration).toBe(12);
  });

  it('lists tasks newest first, filtered by status and limit', async () => {
    const r = await h.call('samautomation_list_tasks', { limit: 2, status: 'completed' });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(last()).toMatchObject({
      method: 'GET',
      path: '/api/function/video-generation/tasks',
      query: { limit: '2', status: 'completed' },
    });
    const tasks = sc(r).result.data.tasks as Loose[];
    expect(tasks).toHaveLength(2);
    expect(tasks.every((t) => t.status === 'completed')).toBe(true);
    expect(tasks[0]!.type).toBe('loop');
    expect(h.text(r)).toContain(`${tasks[0]!.id} completed`);
  });

  it('summarises usage from what happened', async () => {
    const r = await h.call('samautomation_usage_summary', { days: 7 });
    expect(last()).toMatchObject({
      path: '/api/function/video-generation/usage-summary',
      query: { days: '7' },
    });
    const d = sc(r).result.data;
    expect(d.window_days).toBe(7);
    expect(d.totals.tasks).toBe(3);
    expect(d.by_status.completed + d.by_status.pending + d.by_status.processing).toBe(3);
    expect(d.api_key.masked_key).not.toBe(h.sandbox.keys.samautomation);
    expect(h.text(r)).toMatch(/^3 tasks in 7 days/);
  });

  it('reports queue status and health', async () => {
    const q = await h.call('samautomation_queue_status');
    expect(last()).toMatchObject({ method: 'GET', path: '/api/async/queue/status' });
    expect(sc(q).result.data).toMatchObject({ workers: 2 });
    expect(h.text(q)).toMatch(/^2 workers, \d+ active, \d+ queued\./);
    const hl = await h.call('samautomation_async_health');
    expect(last()).toMatchObject({ method: 'GET', path: '/api/async/health' });
    expect(h.text(hl)).toContain('healthy');
  });

  it('answers unknown ids as the documented errors', async () => {
    const unknown = '3ec95f88-54bc-4b91-b2d0-d02da8929b4a';
    const p = await h.call('samautomation_get_progress', { id: unknown });
    expect(sc(p)).toMatchObject({ code: 'upstream_not_found', status: 404 });
    const s = await h.call('samautomation_async_status', { task_id: unknown });
    expect(sc(s)).toMatchObject({ code: 'upstream_not_found', status: 404 });
  });

  it('sent every request with the X-API-Key header and never the api_key query string', () => {
    const sent = h.sandbox.requests.entries.filter((r) => r.provider === 'samautomation');
    expect(sent.length).toBeGreaterThan(10);
    for (const r of sent) {
      expect(r.headers['x-api-key']).toBe(h.sandbox.keys.samautomation);
      expect(r.query.api_key).toBeUndefined();
    }
  });
});

describe('samautomation render outcomes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: {
        VIDEOGEN_AUTO_APPROVE_QUOTA: '1',
        VIDEOGEN_SANDBOX_RENDER_SECONDS: '1',
        VIDEOGEN_TIME_SCALE: '1000',
      },
    });
  });
  afterAll(() => h.close());

  it('is followed to its output by wait_for_job, core task and advanced render alike', async () => {
    const core = await h.call('samautomation_mix_video', { media_list: [{ type: 'video', url: CLIP }] });
    const adv = await h.call('samautomation_advanced_video', {
      media_inputs: { main_clips: [{ type: 'image', url: IMG, duration: 2 }] },
    });
    for (const r of [core, adv]) {
      const w = await h.call('wait_for_job', { provider: 'samautomation', id: sc(r).job.id });
      expect(w.isError, h.text(w)).toBeFalsy();
      expect(sc(w)).toMatchObject({ state: 'completed', kind: sc(r).job.kind });
      expect(sc(w).result_urls[0]).toContain(`/files/samautomation-video/${sc(r).job.id}.mp4`);
    }
  });

  it('shows its tasks in the samautomation://tasks resources', async () => {
    const r = await h.call('samautomation_simple_video', { media_list: [{ type: 'video', url: CLIP }] });
    await h.call('wait_for_job', { provider: 'samautomation', id: sc(r).job.id });
    const read = async (uri: string) => JSON.parse((await h.client.readResource({ uri })).contents[0].text);
    const list = await read('samautomation://tasks');
    expect(list.data.tasks.map((t: Loose) => t.id)).toContain(sc(r).job.id);
    expect(await read(`samautomation://tasks/${sc(r).job.id}`)).toMatchObject({ state: 'completed' });
  });

  it.each([
    ['failed', 'https://cdn.example.com/sandbox-fail.mp4', /^failed: Render failed/],
    ['timeout', 'https://cdn.example.com/sandbox-timeout.mp4', /^timeout: Task timed out/],
  ])('reports a %s render with its error', async (status, url, line) => {
    const r = await h.call('samautomation_simple_video', { media_list: [{ type: 'video', url }] });
    expect(sc(r).cost.confirmed_by).toBe('auto_approve');
    let p: Loose = {};
    for (let i = 0; i < 500; i++) {
      p = await h.call('samautomation_get_progress', { id: sc(r).job.id });
      if (TERMINAL.includes(sc(p).result.data.status)) break;
      await new Promise((res) => setTimeout(res, 2));
    }
    expect(sc(p).result.data).toMatchObject({ status, output_url: null });
    expect(h.text(p as never)).toMatch(line);
  });
});

describe('samautomation cancel (real-time clock: a 10-minute render is still running)', () => {
  let h: Harness;
  const writes = () => h.sandbox.requests.writes('samautomation');
  const last = () => h.sandbox.requests.entries.filter((r) => r.provider === 'samautomation').at(-1)!;
  beforeAll(async () => {
    h = await startHarness({
      env: { VIDEOGEN_AUTO_APPROVE_QUOTA: '1', VIDEOGEN_SANDBOX_RENDER_SECONDS: '600' },
    });
  });
  afterAll(() => h.close());

  it('reads the raw async state by celery_task_id, cancels a running task, and refuses a finished one', async () => {
    const args = { media_list: [{ type: 'video', url: CLIP }] };
    const created = sc(await h.call('samautomation_simple_video', args)).result.data;
    const first = sc(await h.call('samautomation_get_progress', { id: created.id })).result.data;
    expect(first).toMatchObject({ status: 'pending', progress: 0, output_url: null, completed_at: null });
    expect(h.text(await h.call('samautomation_get_progress', { id: created.id }))).toContain('wait_for_job');
    const status = await h.call('samautomation_async_status', { task_id: created.celery_task_id });
    expect(last()).toMatchObject({ method: 'GET', path: `/api/async/status/${created.celery_task_id}` });
    expect(sc(status).result.data).toMatchObject({
      task_id: created.celery_task_id,
      video_id: created.id,
      state: 'PENDING',
      ready: false,
    });

    const cancel = await h.call('samautomation_async_cancel', { task_id: created.celery_task_id });
    expect(cancel.isError, h.text(cancel)).toBeFalsy();
    expect(writes().at(-1)).toMatchObject({
      method: 'POST',
      path: `/api/async/cancel/${created.celery_task_id}`,
    });
    expect(h.text(cancel)).toContain('Task cancelled');
    const after = sc(await h.call('samautomation_get_progress', { id: created.id })).result.data;
    expect(after).toMatchObject({ status: 'cancelled', output_url: null });
    expect(
      sc(await h.call('samautomation_async_status', { task_id: created.celery_task_id })).result.data.state,
    ).toBe('REVOKED');

    const again = await h.call('samautomation_async_cancel', { task_id: created.celery_task_id });
    expect(sc(again)).toMatchObject({ code: 'upstream_bad_request', status: 400 });
    expect(h.text(again)).toContain('cannot be cancelled');
  });
});

describe.each(['v1', '2026'] as const)('samautomation video tools with a %s client', (era) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      era,
      env: { VIDEOGEN_AUTO_APPROVE_QUOTA: '1', VIDEOGEN_SANDBOX_RENDER_SECONDS: '600' },
    });
  });
  afterAll(() => h.close());

  it('creates a render and reads its progress', async () => {
    const r = await h.call('samautomation_loop_video', {
      media_list: [{ type: 'video', url: CLIP }],
      background_url: 'https://cdn.example.com/bg.mp3',
    });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(h.sandbox.requests.writes('samautomation').at(-1)!.body).toMatchObject({ type: 'LoopVideo' });
    const p = await h.call('samautomation_get_progress', { id: sc(r).job.id });
    expect(sc(p).result.data).toMatchObject({ id: sc(r).job.id, status: 'pending' });
    const bad = await h.call('samautomation_loop_video', { media_list: [{ type: 'video', url: CLIP }] });
    expect(bad.isError).toBe(true);
    expect(h.text(bad)).toMatch(/background_url/);
  });
});
