import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.js';
import { type Progress, startAiJob } from '../helpers/jobs.js';

describe('wait_for_job follows SamAutomation AI jobs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: {
        VIDEOGEN_AUTO_APPROVE_CREDITS: '100000',
        VIDEOGEN_AUTO_APPROVE_QUOTA: '1',
        VIDEOGEN_SANDBOX_RENDER_SECONDS: '60',
        VIDEOGEN_TIME_SCALE: '100',
      },
    });
  });
  afterAll(() => h.close());

  it('infers the AI job kind from a numeric id and returns the result URLs', async () => {
    const id = await startAiJob(h);
    const progress: Progress[] = [];
    const r = await h.call(
      'wait_for_job',
      { provider: 'samautomation', id, max_wait_seconds: 600 },
      { onprogress: (p) => progress.push(p as Progress) },
    );
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(r.structuredContent).toMatchObject({
      state: 'completed',
      status: 'success',
      kind: 'samautomation_ai_job',
    });
    expect((r.structuredContent!.result_urls as string[])[0]).toMatch(new RegExp(`output-${id}\\.mp4$`));
    const polled = h.sandbox.requests.entries.filter((e) => e.path === `/api/ai/jobs/${id}`);
    expect(polled.length).toBe(r.structuredContent?.polls);
    expect(polled.every((e) => e.headers['x-api-key'] === h.sandbox.keys.samautomation)).toBe(true);
    expect(progress.map((p) => p.message)).toContain('running');
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]!.progress).toBeGreaterThan(progress[i - 1]!.progress);
  });

  it('reports a failed AI job as an error with the provider message', async () => {
    const id = await startAiJob(h, 'A storm [sandbox:fail]');
    const r = await h.call('wait_for_job', { provider: 'samautomation', id, max_wait_seconds: 600 });
    expect(r.isError).toBe(true);
    expect(r.structuredContent).toMatchObject({ state: 'failed', status: 'failed' });
    expect(h.text(r)).toContain('could not generate');
  });

  it('saves a finished AI job with download_video', async () => {
    const id = await startAiJob(h);
    await h.call('wait_for_job', { provider: 'samautomation', id, max_wait_seconds: 600 });
    const r = await h.call('download_video', { provider: 'samautomation', id });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(r.structuredContent).toMatchObject({ duration_seconds: 8 });
  });

  const SIMPLE = {
    media_list: [{ type: 'image', url: 'https://cdn.example.com/a.jpg', duration: 3 }],
    settings: { aspect_ratio: '9:16' },
  };
  const ADVANCED = {
    output_settings: { aspect_ratio: '16:9', resolution: '1080p', framerate: 30 },
    media_inputs: { main_clips: [{ type: 'image', url: 'https://cdn.example.com/b.jpg', duration: 3 }] },
    render_options: { mode: 'full', quality: 'high' },
  };
  const created = async (tool: string, args: Record<string, unknown>) => {
    const r = await h.call(tool, args);
    if (r.isError) throw new Error(h.text(r));
    return (r.structuredContent!.job as { id: string }).id;
  };

  it('follows a core render to its output and saves it', async () => {
    const id = await created('samautomation_simple_video', SIMPLE);
    const progress: Progress[] = [];
    const r = await h.call(
      'wait_for_job',
      { provider: 'samautomation', id, max_wait_seconds: 600 },
      { onprogress: (p) => progress.push(p as Progress) },
    );
    expect(r.structuredContent).toMatchObject({ state: 'completed', kind: 'samautomation_task' });
    expect(progress.some((p) => /^processing \d+%$/.test(p.message ?? ''))).toBe(true);
    const saved = await h.call('download_video', { provider: 'samautomation', id });
    expect(saved.isError, h.text(saved)).toBeFalsy();
    expect(saved.structuredContent?.bytes).toBeGreaterThan(0);
  });

  it('infers an advanced render from its UUID and follows it', async () => {
    const id = await created('samautomation_advanced_video', ADVANCED);
    const r = await h.call('wait_for_job', { provider: 'samautomation', id, max_wait_seconds: 600 });
    expect(r.structuredContent).toMatchObject({ state: 'completed', kind: 'samautomation_advanced' });
  });

  it('reports a timed-out core render as failed', async () => {
    const id = await created('samautomation_simple_video', {
      ...SIMPLE,
      media_list: [{ type: 'image', url: 'https://cdn.example.com/sandbox-timeout.jpg', duration: 3 }],
    });
    const r = await h.call('wait_for_job', { provider: 'samautomation', id, max_wait_seconds: 600 });
    expect(r.isError).toBe(true);
    expect(r.structuredContent).toMatchObject({ state: 'failed', status: 'timeout' });
  });

  it('shows tasks as resources, with id completion', async () => {
    const id = await created('samautomation_simple_video', SIMPLE);
    const read = async (uri: string) =>
      JSON.parse(
        ((await h.client.readResource({ uri })) as { contents: Array<{ text: string }> }).contents[0]!.text,
      );
    const list = await read('samautomation://tasks');
    expect(JSON.stringify(list)).toContain(id);
    expect(await read(`samautomation://tasks/${id}`)).toMatchObject({ id, kind: 'samautomation_task' });
    const r = await h.client.complete({
      ref: { type: 'ref/resource', uri: 'samautomation://tasks/{id}' },
      argument: { name: 'id', value: id.slice(0, 6) },
    });
    expect(r.completion.values).toContain(id);
  });
});
