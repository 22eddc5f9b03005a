import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.js';
import { type Progress, startAiJob } from '../helpers/jobs.js';

describe('wait_for_job follows SamAutomation AI jobs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: {
        VIDEOGEN_AUTO_APPROVE_CREDITS: '100000',
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
});
