/**
 * Progress never goes back for a job: a resumed wait_for_job opens where the last wait on the job
 * stopped, and waits running at the same time on one job (each with its own progress token) never
 * send a value below what the other has sent. The sandbox render is stepped with its clock, so the
 * job only moves when the test says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.js';
import { type Progress, startSamsarRender } from '../helpers/jobs.js';

/** A render that does not finish on its own during the test (10 hours at 200x are 3 minutes). */
const ENV = {
  VIDEOGEN_AUTO_APPROVE_CREDITS: '100000',
  VIDEOGEN_SANDBOX_RENDER_SECONDS: '36000',
  VIDEOGEN_TIME_SCALE: '200',
};

const values = (ps: Progress[]) => ps.map((p) => p.progress);

function expectRising(ps: Progress[]): void {
  for (let i = 1; i < ps.length; i++) expect(ps[i]!.progress).toBeGreaterThan(ps[i - 1]!.progress);
}

describe('progress of one job across wait_for_job calls', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: ENV });
  });
  afterAll(() => h.close());

  const wait = async (id: string, seconds: number, into: Progress[], log?: number[]) => {
    const r = await h.call(
      'wait_for_job',
      { provider: 'samsar', id, max_wait_seconds: seconds },
      {
        onprogress: (p) => {
          into.push(p as Progress);
          log?.push((p as Progress).progress);
        },
      },
    );
    expect(r.isError, h.text(r)).toBeFalsy();
    return r.structuredContent!;
  };

  it('continues from where the last wait stopped, alone or side by side, up to 100', async () => {
    const id = await startSamsarRender(h);
    h.sandbox.samsar.advance(6_000_000);

    const first: Progress[] = [];
    expect((await wait(id, 30, first)).state).toBe('pending');
    expectRising(first);
    const stopped = first.at(-1)!.progress;
    expect(stopped).toBeGreaterThan(0);

    // The job has not moved: the resumed wait opens at the same value and only creeps up from it.
    const resumed: Progress[] = [];
    expect((await wait(id, 30, resumed)).state).toBe('pending');
    expect(resumed[0]!.progress).toBe(stopped);
    expectRising(resumed);

    // Two waits at once, each with its own token: every value sent is at least the last one sent.
    h.sandbox.samsar.advance(6_000_000);
    const a: Progress[] = [];
    const b: Progress[] = [];
    const sent: number[] = [];
    await Promise.all([wait(id, 30, a, sent), wait(id, 30, b, sent)]);
    expectRising(a);
    expectRising(b);
    expect(sent[0]).toBeGreaterThanOrEqual(resumed.at(-1)!.progress);
    for (let i = 1; i < sent.length; i++)
      expect(sent[i], values(a).join(' ')).toBeGreaterThanOrEqual(sent[i - 1]!);

    h.sandbox.samsar.advance(36_000_000);
    const last: Progress[] = [];
    expect((await wait(id, 600, last)).state).toBe('completed');
    expect(last[0]!.progress).toBeGreaterThanOrEqual(Math.max(...sent));
    expectRising(last);
    expect(last.at(-1)!.progress).toBe(100);
    expect(last.every((p) => p.total === 100)).toBe(true);
  });

  it('keeps jobs apart: a new job starts at 0', async () => {
    const id = await startSamsarRender(h);
    const fresh: Progress[] = [];
    await wait(id, 10, fresh);
    expect(fresh[0]!.progress).toBe(0);
  });
});
