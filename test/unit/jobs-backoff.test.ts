import { describe, expect, it } from 'vitest';
import { pollDelay, safetyNetDelay } from '../../src/jobs/backoff.js';
import { ProgressReporter } from '../../src/jobs/progress.js';
import { samautomationSnapshot } from '../../src/jobs/samautomation-status.js';
import { samsarSnapshot } from '../../src/jobs/samsar-status.js';
import { SeenJobs } from '../../src/jobs/seen.js';

describe('poll backoff', () => {
  it('opens with 3, 5, 8, 10 s, then 10-15 s with jitter', () => {
    expect([0, 1, 2, 3].map((n) => pollDelay(n))).toEqual([3000, 5000, 8000, 10_000]);
    expect(pollDelay(4, undefined, () => 0)).toBe(10_000);
    expect(pollDelay(9, undefined, () => 1)).toBe(15_000);
    const spread = new Set(Array.from({ length: 50 }, () => pollDelay(6)));
    expect(spread.size).toBeGreaterThan(5);
  });

  it('never polls sooner than a server hint', () => {
    expect(pollDelay(0, 20_000)).toBe(20_000);
    expect(pollDelay(5, 1000, () => 0)).toBe(10_000);
  });
});

describe('progress values', () => {
  it('rise strictly even when the job does not move, and reach 100 only when done', () => {
    const p = new ProgressReporter({} as never);
    const values = [undefined, 10, 10, 10, 5, 60, 99, 100, 100].map((x) => p.next(x)!);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1]!);
    expect(Math.max(...values)).toBeLessThan(100);
    expect(p.next(undefined, true)).toBe(100);
    // Nothing higher to say once done: nothing is sent again.
    expect(p.next(undefined, true)).toBeUndefined();
  });

  it('never go below what any wait on the same job has sent, and a resumed wait opens there', () => {
    const seen = new SeenJobs();
    const job = seen.progressOf(SeenJobs.key('samsar', 'vid_1'));
    const first = new ProgressReporter({} as never, job);
    expect([first.next(undefined), first.next(40)]).toEqual([0, 40]);
    const crept = first.next(40)!;
    expect(crept).toBeGreaterThan(40);
    expect(job.get()).toBe(crept);

    const resumed = new ProgressReporter({} as never, job);
    expect(resumed.next(undefined)).toBe(crept);
    expect(resumed.next(10)).toBeGreaterThan(crept);
    // Side by side: each follows the other's highest value, never its own lower estimate.
    expect(first.next(50)).toBe(50);
    expect(resumed.next(45)).toBeGreaterThan(50);
    expect(first.next(undefined, true)).toBe(100);
    expect(resumed.next(99)).toBe(100);
    expect(resumed.next(undefined, true)).toBeUndefined();

    expect(seen.progressOf(SeenJobs.key('samsar', 'vid_2')).get()).toBeUndefined();
    expect(new ProgressReporter({} as never, seen.progressOf('samsar:vid_2')).next(undefined)).toBe(0);
  });
});

describe('status shapes', () => {
  it('reads the running stage from expressGenerationStatus', () => {
    const s = samsarSnapshot('vid_a', {
      status: 'PENDING',
      expressGenerationStatus: { prompt_generation: 'COMPLETED', video_generation: 'IN_PROGRESS' },
    });
    expect(s).toMatchObject({ state: 'pending', stage: 'video_generation: IN_PROGRESS', percent: 75 });
  });

  it('collects every documented URL field of a completed session once', () => {
    const url = 'https://cdn.samsar.one/videos/vid_a.mp4';
    const s = samsarSnapshot('vid_a', {
      status: 'COMPLETED',
      result_url: url,
      result_urls: [url],
      videoLink: url,
      has_subtitles: null,
      result_language: 'es',
    });
    expect(s).toMatchObject({ state: 'completed', result_urls: [url], has_subtitles: null, language: 'es' });
  });

  it('reads SamAutomation progress as a fraction or a percentage', () => {
    const frac = samautomationSnapshot('samautomation_task', 'x', {
      data: { status: 'processing', progress: 0.4 },
    });
    const pct = samautomationSnapshot('samautomation_task', 'x', {
      data: { status: 'processing', progress: 40 },
    });
    expect(frac.stage).toBe('processing 40%');
    expect(pct.percent).toBe(40);
    const ai = samautomationSnapshot('samautomation_ai_job', '7', {
      status: 'failed',
      error_message: 'bad prompt',
      error_code: 'X',
    });
    expect(ai).toMatchObject({ state: 'failed', reason: 'bad prompt' });
  });
});

describe('safety-net pace while a callback is expected', () => {
  it('checks first as usual, then after 4 minutes, growing by half each time to at most 10 minutes', () => {
    const low = () => 0;
    expect([0, 1, 2, 3, 4, 8].map((n) => safetyNetDelay(n, undefined, low))).toEqual([
      3000, 240_000, 360_000, 540_000, 600_000, 600_000,
    ]);
    expect(safetyNetDelay(1, undefined, () => 1)).toBe(264_000);
    expect(safetyNetDelay(1, 300_000, low)).toBe(300_000); // a Retry-After is never undercut
  });
});
