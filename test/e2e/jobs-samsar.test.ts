import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.js';
import { type Progress, RENDER, startSamsarRender, statusPolls } from '../helpers/jobs.js';

/** A 3-minute simulated render, followed at 200x speed. */
const ENV = {
  VIDEOGEN_AUTO_APPROVE_CREDITS: '100000',
  VIDEOGEN_SANDBOX_RENDER_SECONDS: '180',
  VIDEOGEN_TIME_SCALE: '200',
};

describe('wait_for_job follows a Samsar session', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: ENV });
  });
  afterAll(() => h.close());

  it('follows a 3-minute render to the end with few polls and increasing progress', async () => {
    const id = await startSamsarRender(h);
    const progress: Progress[] = [];
    const r = await h.call(
      'wait_for_job',
      { provider: 'samsar', id, max_wait_seconds: 600 },
      { onprogress: (p) => progress.push(p as Progress) },
    );
    expect(r.isError).toBeFalsy();
    const s = r.structuredContent!;
    expect(s.state).toBe('completed');
    expect(s.kind).toBe('samsar_session');
    expect((s.result_urls as string[])[0]).toMatch(new RegExp(`/files/samsar/${id}\\.mp4$`));
    expect(s.has_subtitles).toBe(true);
    expect(s.language).toBe('en');
    expect(h.text(r)).toContain('download_video');
    const polls = statusPolls(h, id);
    console.log(`polls for a 180 s render: ${polls} (progress notifications: ${progress.length})`);
    expect(s.polls).toBe(polls);
    // 3, 5, 8, 10 s then every 10-15 s: at most 18 checks for 180 s, never one per second.
    expect(polls).toBeGreaterThanOrEqual(5);
    expect(polls).toBeLessThanOrEqual(18);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.progress).toBeGreaterThan(progress[i - 1]!.progress);
    }
    expect(progress.every((p) => p.total === 100)).toBe(true);
    const messages = progress.map((p) => p.message);
    expect(messages).toContain('video_generation: IN_PROGRESS');
    expect(messages).toContain('prompt_generation: IN_PROGRESS');
  });

  it('reports a failed render as an error result with the reason', async () => {
    const id = await startSamsarRender(h, 'A storm [sandbox:fail]');
    const r = await h.call('wait_for_job', { provider: 'samsar', id, max_wait_seconds: 600 });
    expect(r.isError).toBe(true);
    expect(r.structuredContent?.state).toBe('failed');
    expect(r.structuredContent?.reason).toBe('video_generation failed');
    expect((r.structuredContent as { code: string }).code).toBe('job_failed');
    expect(h.text(r)).toContain('video_generation failed');
  });

  it('stops polling at once when the client cancels; the render goes on', async () => {
    const id = await startSamsarRender(h);
    const controller = new AbortController();
    let first!: () => void;
    const polled = new Promise<void>((resolve) => {
      first = resolve;
    });
    const call = h.call(
      'wait_for_job',
      { provider: 'samsar', id, max_wait_seconds: 600 },
      {
        signal: controller.signal,
        onprogress: (p) => {
          if ((p as Progress).message !== 'waiting for the next status check') first();
        },
      },
    );
    await polled;
    controller.abort();
    await expect(call).rejects.toThrow();
    await vi.waitFor(
      () => expect(h.logs.join('\n')).toMatch(new RegExp(`"id":"${id}","outcome":"cancelled"`)),
      {
        timeout: 1000,
      },
    );
    const after = statusPolls(h, id);
    // 300 ms real is a minute of simulated time: several polls had the wait gone on.
    await new Promise((r) => setTimeout(r, 300));
    expect(statusPolls(h, id)).toBe(after);
    const session = await h.call('samsar_get_status', { session_id: id });
    expect(session.structuredContent?.result).toMatchObject({ status: 'PENDING' });
  });

  it("follows an external user's render through the external status route", async () => {
    const created = await h.call('samsar_text_to_video', {
      ...RENDER,
      external_user: { provider: 'guidestination', external_user_id: 'traveler_123' },
    });
    const id = (created.structuredContent!.job as { id: string }).id;
    expect(id).toMatch(/^extreq_/);
    const r = await h.call('wait_for_job', { provider: 'samsar', id, max_wait_seconds: 600 });
    expect(r.structuredContent?.state).toBe('completed');
    const paths = new Set(
      h.sandbox.requests.entries.filter((e) => e.query.request_id === id).map((e) => e.path),
    );
    expect([...paths]).toEqual(['/external_users/status']);
  });

  it('reports a render cancelled meanwhile as cancelled, not as an error', async () => {
    const id = await startSamsarRender(h);
    const waiting = h.call('wait_for_job', { provider: 'samsar', id, max_wait_seconds: 600 });
    const cancelled = await h.call('samsar_cancel_render', { session_id: id });
    expect(cancelled.isError, h.text(cancelled)).toBeFalsy();
    const r = await waiting;
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent?.state).toBe('cancelled');
    expect(h.text(r)).toContain('cancelled');
  });

  it('refuses a kind of the other provider without sending anything', async () => {
    const before = h.sandbox.requests.entries.length;
    const r = await h.call('wait_for_job', { provider: 'samsar', id: 'vid_x', kind: 'samautomation_task' });
    expect(r.isError).toBe(true);
    expect(h.text(r)).toMatch(/kind/);
    expect(h.sandbox.requests.entries.length).toBe(before);
  });

  it('says an unknown session is unknown', async () => {
    const r = await h.call('wait_for_job', { provider: 'samsar', id: 'vid_nope', max_wait_seconds: 30 });
    expect(r.isError).toBe(true);
    expect((r.structuredContent as { status: number }).status).toBe(404);
  });
});

describe('wait_for_job deadlines', () => {
  let h: Harness;
  // Slower simulated time: the deadline must hold even when the machine is busy.
  beforeAll(async () => {
    h = await startHarness({
      env: { ...ENV, VIDEOGEN_TIME_SCALE: '20', VIDEOGEN_SANDBOX_RENDER_SECONDS: '70' },
    });
  });
  afterAll(() => h.close());

  it('returns a pending snapshot with a resume hint at the deadline, never an error', async () => {
    const id = await startSamsarRender(h);
    const r = await h.call('wait_for_job', { provider: 'samsar', id, max_wait_seconds: 20 });
    expect(r.isError).toBeFalsy();
    const s = r.structuredContent!;
    expect(s.state).toBe('pending');
    expect(s.waited_seconds).toBeLessThanOrEqual(20);
    expect(s.resume).toEqual({
      tool: 'wait_for_job',
      arguments: { provider: 'samsar', id, kind: 'samsar_session' },
    });
    expect(h.text(r)).toMatch(/not an error/);
    expect(h.text(r)).toContain('samsar_cancel_render');
    // Resuming carries on where it stopped and reaches the end.
    const done = await h.call('wait_for_job', { provider: 'samsar', id, max_wait_seconds: 600 });
    expect(done.structuredContent?.state).toBe('completed');
  });

  it('stays below a 60 s client time-out by default', async () => {
    const id = await startSamsarRender(h);
    const r = await h.call('wait_for_job', { provider: 'samsar', id });
    expect(r.structuredContent?.state).toBe('pending');
    expect(r.structuredContent?.waited_seconds).toBeLessThanOrEqual(50);
    expect(r.structuredContent?.waited_seconds).toBeGreaterThanOrEqual(30);
  });
});

describe('wait_for_job on the 2026 protocol era', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: ENV, era: '2026' });
  });
  afterAll(() => h.close());

  it('streams progress and returns the result', async () => {
    const id = await startSamsarRender(h);
    const progress: Progress[] = [];
    const r = await h.call(
      'wait_for_job',
      { provider: 'samsar', id, max_wait_seconds: 600 },
      { onprogress: (p) => progress.push(p as Progress) },
    );
    expect(r.structuredContent?.state).toBe('completed');
    expect(progress.length).toBeGreaterThan(3);
  });
});
