/**
 * wait_for_job over many jobs, followed by polling (no callbacks here): refusals before anything is
 * sent, until all with a result per job (a failed render and an unknown id are each one job's
 * outcome), until any at a deadline with a pending snapshot per job and the call that resumes, one
 * progress stream that never goes back (also across that resume), and status checks capped so that
 * 20 jobs never become 20 requests at once at the provider.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CONCURRENT_CHECKS } from '../../src/jobs/status-limiter.js';
import { type FaultFront, startFaultFront } from '../helpers/fault-front.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { type Progress, startSamsarRender, statusPolls } from '../helpers/jobs.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

const ENV = {
  VIDEOGEN_AUTO_APPROVE_CREDITS: '100000',
  VIDEOGEN_SANDBOX_RENDER_SECONDS: '60',
  VIDEOGEN_TIME_SCALE: '200',
};

describe('wait_for_job over many jobs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: ENV });
  });
  afterAll(() => h.close());

  it('refuses a bad list before anything is sent', async () => {
    const before = h.sandbox.requests.entries.length;
    const job = { provider: 'samsar', id: 'vid_a' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...job, jobs: [job] }, 'jobs'],
      [{}, 'id'],
      [{ jobs: [] }, 'jobs'],
      [{ jobs: Array.from({ length: 51 }, (_, i) => ({ provider: 'samsar', id: `vid_${i}` })) }, 'jobs'],
      [{ jobs: [{ provider: 'nope', id: 'x' }] }, 'jobs.0.provider'],
      [{ jobs: [{ ...job, colour: 'red' }] }, 'jobs.0'],
      [{ jobs: [{ ...job, kind: 'samautomation_task' }] }, 'kind'],
    ];
    for (const [args, field] of cases) {
      const r = await h.call('wait_for_job', args);
      expect(r.isError, JSON.stringify(args).slice(0, 80)).toBe(true);
      expect(JSON.stringify(r.structuredContent)).toContain(`"${field}`);
    }
    expect(h.sandbox.requests.entries.length).toBe(before);
  });

  it('follows jobs until all end: completed, failed and unknown each reported on their own', async () => {
    const ok = [await startSamsarRender(h), await startSamsarRender(h)];
    const failed = await startSamsarRender(h, 'A storm [sandbox:fail]');
    const created = await h.call('samsar_text_to_video', {
      prompt: 'As returned',
      image_model: 'GPTIMAGE2',
      video_model: 'RUNWAYML',
      duration: 5,
    });
    const asReturned = sc(created).job; // {provider, id, kind}, taken as it is
    const jobs = [...ok, failed].map((id) => ({ provider: 'samsar', id }));
    const r = await h.call('wait_for_job', {
      jobs: [...jobs, asReturned, { provider: 'samsar', id: 'vid_unknown' }, jobs[0]],
      max_wait_seconds: 600,
    });
    expect(r.isError, h.text(r)).toBeFalsy();
    const s = sc(r);
    expect(s).toMatchObject({ until: 'all', ended: 5, pending: 0, completed: 3, failed: 2 });
    expect(s.jobs).toHaveLength(5); // the repeated job once
    const byId = Object.fromEntries(s.jobs.map((j: Loose) => [j.id, j]));
    expect(byId[ok[0]!].state).toBe('completed');
    expect(byId[asReturned.id].result_urls[0]).toContain(asReturned.id);
    expect(byId[failed].state).toBe('failed');
    expect(byId[failed].reason).toBe('video_generation failed');
    expect(byId.vid_unknown.state).toBe('error');
    expect(byId.vid_unknown.error).toMatchObject({ status: 404 });
    expect(h.text(r)).toContain(`${failed}: failed, video_generation failed`);
    expect(h.text(r)).toContain('download_video');
    for (const id of ok) expect(byId[id].polls).toBe(statusPolls(h, id));
  });

  it('until any, at the deadline: a pending snapshot per job, resumed with the same jobs, progress never back', async () => {
    const ids = [await startSamsarRender(h), await startSamsarRender(h), await startSamsarRender(h)];
    const first: Progress[] = [];
    const r = await h.call(
      'wait_for_job',
      { jobs: ids.map((id) => ({ provider: 'samsar', id })), until: 'any', max_wait_seconds: 20 },
      { onprogress: (p) => first.push(p as Progress) },
    );
    const s = sc(r);
    expect(r.isError).toBeFalsy();
    expect(s).toMatchObject({ until: 'any', ended: 0, pending: 3 });
    for (const j of s.jobs) {
      expect(j.state).toBe('pending');
      expect(j.stage).toMatch(/: (IN_PROGRESS|PENDING)$/);
    }
    expect(s.resume).toEqual({
      tool: 'wait_for_job',
      arguments: {
        jobs: ids.map((id) => ({ provider: 'samsar', id, kind: 'samsar_session' })),
        until: 'any',
      },
    });
    expect(h.text(r)).toContain('not an error');

    const resumed: Progress[] = [];
    const done = await h.call(
      'wait_for_job',
      { ...s.resume.arguments, max_wait_seconds: 600 },
      {
        onprogress: (p) => resumed.push(p as Progress),
      },
    );
    expect(sc(done).ended).toBeGreaterThanOrEqual(1);
    expect(sc(done).completed).toBeGreaterThanOrEqual(1);
    const values = [...first, ...resumed].map((p) => p.progress);
    for (let i = 1; i < first.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]!);
    expect(resumed[0]!.progress).toBe(first.at(-1)!.progress);
    for (let i = 1; i < resumed.length; i++)
      expect(resumed[i]!.progress).toBeGreaterThan(resumed[i - 1]!.progress);
    expect(resumed.at(-1)!.message).toMatch(/^1\/3 ended|^[23]\/3 ended/);
  });
});

describe('status checks of many jobs', () => {
  let front: FaultFront;
  let h: Harness;
  beforeAll(async () => {
    // Every status answer takes 100 ms at the provider: a burst would show as requests in flight.
    front = await startFaultFront((w) => w.method === 'GET' && w.path.startsWith('/status?'));
    front.front.script({ relay: true, forward: true, delayMs: 100 });
    h = await startHarness({
      upstream: front.upstream,
      env: { VIDEOGEN_AUTO_APPROVE_CREDITS: '100000', VIDEOGEN_TIME_SCALE: '100' },
    });
  });
  afterAll(async () => {
    await h.close();
    await front.close();
  });

  it(`never has more than ${MAX_CONCURRENT_CHECKS} in flight for 20 jobs in one wait`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await startSamsarRender(h, `Capped ${i}`));
    const r = await h.call('wait_for_job', {
      jobs: ids.map((id) => ({ provider: 'samsar', id })),
      max_wait_seconds: 600,
    });
    expect(sc(r)).toMatchObject({ ended: 20, completed: 20 });
    const checks = front.front.seen.filter((q) => q.method === 'GET' && q.path.includes('/status')).length;
    expect(checks).toBeGreaterThanOrEqual(20);
    expect(front.front.maxInFlight()).toBeLessThanOrEqual(MAX_CONCURRENT_CHECKS);
    expect(front.front.maxInFlight()).toBeGreaterThan(1);
  });
});
