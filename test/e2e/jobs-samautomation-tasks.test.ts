/**
 * Core video-generation tasks and advanced renders, followed against a scripted SamAutomation on
 * 127.0.0.1 that answers the documented progress shapes.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.js';
import type { Progress } from '../helpers/jobs.js';

const KEY = 'sa-fake-key-for-progress-tests';
const CORE = '3ec95f88-54bc-4b91-b2d0-d02da8929b4a';
const ADVANCED = 'c5b58dc9-4c17-4380-bf34-b3ec3c10f06f';
const TIMED_OUT = '0d7c6c1e-0000-4000-8000-000000000001';
const STILL_RUNNING = '0d7c6c1e-0000-4000-8000-000000000002';

/** Each task advances one step per poll: pending, processing 10%..70%, then its last state. */
function startFakeSamautomation() {
  const polls = new Map<string, number>();
  const seen: Array<{ path: string; key?: string }> = [];
  const steps = [
    { status: 'pending', progress: 0 },
    { status: 'processing', progress: 0.1 },
    { status: 'processing', progress: 0.4 },
    { status: 'processing', progress: 0.7 },
  ];
  const answer = (id: string) => {
    const n = polls.get(id) ?? 0;
    polls.set(id, n + 1);
    const step = steps[n];
    const last =
      id === TIMED_OUT
        ? { status: 'timeout', progress: 0.7, error: 'Task timed out after inactivity window' }
        : { status: 'completed', progress: 1, output_url: `https://media.samautomation.work/out/${id}.mp4` };
    return {
      success: true,
      data: {
        id,
        created_at: '2026-02-28T14:10:00+00:00',
        completed_at: null,
        output_url: null,
        error: null,
        settings: { aspect_ratio: '9:16', duration: 0, size_bytes: 0 },
        ...(step ?? last),
      },
    };
  };
  const server = http.createServer((req, res) => {
    const path = req.url ?? '';
    seen.push({ path, key: req.headers['x-api-key'] as string | undefined });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const core = /^\/api\/function\/video-generation\/progress\/([^/]+)$/.exec(path)?.[1];
    const advanced = /^\/api\/render\/advanced-video\/progress\/([^/]+)$/.exec(path)?.[1];
    if (core === CORE || core === TIMED_OUT || core === STILL_RUNNING) return send(200, answer(core));
    if (advanced === ADVANCED) return send(200, answer(advanced));
    send(404, { success: false, message: 'Task not found' });
  });
  return new Promise<{ url: string; seen: typeof seen; close(): Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        seen,
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    ),
  );
}

describe('wait_for_job follows SamAutomation tasks', () => {
  let h: Harness;
  let fake: Awaited<ReturnType<typeof startFakeSamautomation>>;
  beforeAll(async () => {
    fake = await startFakeSamautomation();
    h = await startHarness({
      env: {
        VIDEOGEN_SANDBOX: '0',
        SAMSAR_API_KEY: 'sk-unused-in-these-tests',
        SAMAUTOMATION_API_KEY: KEY,
        SAMAUTOMATION_BASE_URL: fake.url,
        VIDEOGEN_TIME_SCALE: '200',
      },
    });
  });
  afterAll(async () => {
    await h.close();
    await fake.close();
  });

  it('follows a core task to its output URL with "processing N%" progress', async () => {
    const progress: Progress[] = [];
    const r = await h.call(
      'wait_for_job',
      { provider: 'samautomation', id: CORE, max_wait_seconds: 600 },
      { onprogress: (p) => progress.push(p as Progress) },
    );
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(r.structuredContent).toMatchObject({
      state: 'completed',
      kind: 'samautomation_task',
      result_urls: [`https://media.samautomation.work/out/${CORE}.mp4`],
      polls: 5,
    });
    const messages = progress.map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining(['pending 0%', 'processing 10%', 'processing 40%', 'processing 70%']),
    );
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]!.progress).toBeGreaterThan(progress[i - 1]!.progress);
    expect(fake.seen.every((s) => s.key === KEY)).toBe(true);
  });

  it('finds an advanced render behind a UUID the core route does not know', async () => {
    const r = await h.call('wait_for_job', {
      provider: 'samautomation',
      id: ADVANCED,
      max_wait_seconds: 600,
    });
    expect(r.structuredContent).toMatchObject({ state: 'completed', kind: 'samautomation_advanced' });
    // The kind is remembered: only the first check tried the core route.
    const corePolls = fake.seen.filter((s) => s.path.endsWith(`/video-generation/progress/${ADVANCED}`));
    expect(corePolls.length).toBe(1);
  });

  it('treats a timed-out task as failed, with the provider error', async () => {
    const r = await h.call('wait_for_job', {
      provider: 'samautomation',
      id: TIMED_OUT,
      kind: 'samautomation_task',
      max_wait_seconds: 600,
    });
    expect(r.isError).toBe(true);
    expect(r.structuredContent).toMatchObject({ state: 'failed', status: 'timeout' });
    expect(h.text(r)).toContain('timed out');
  });

  it('returns a pending snapshot at the deadline that says how to cancel the render itself', async () => {
    const r = await h.call('wait_for_job', {
      provider: 'samautomation',
      id: STILL_RUNNING,
      kind: 'samautomation_task',
      max_wait_seconds: 4,
    });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(r.structuredContent).toMatchObject({ state: 'pending' });
    expect(h.text(r)).toContain('call wait_for_job');
    // The cancel tool takes the Celery id from the create answer, not the task id being followed.
    expect(h.text(r)).toContain('samautomation_async_cancel (task_id: the celery_task_id');
  });

  it('says an unknown task is unknown', async () => {
    const r = await h.call('wait_for_job', { provider: 'samautomation', id: 'nope', max_wait_seconds: 30 });
    expect(r.isError).toBe(true);
    expect((r.structuredContent as { status: number }).status).toBe(404);
  });
});
