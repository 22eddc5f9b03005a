/**
 * Polls per completed job: start a sandbox render and follow it with wait_for_job as an agent does
 * (calling again while it answers "pending"), counting the status requests the sandbox received.
 * Runs in-process on the simulated clock, so a render of minutes takes a moment.
 */
import { startHarness } from '../test/helpers/harness.js';

export interface PollsResult {
  /** Undefined when this build has no wait_for_job tool, or it failed (see `problem`). */
  pollsPerJob?: number;
  callsPerJob?: number;
  problem?: string;
  jobs: number;
  renderSeconds: number;
}

const RENDER_SECONDS = 120;
const MAX_CALLS = 50;

export async function measurePolls(jobs = 3): Promise<PollsResult> {
  const h = await startHarness({
    env: {
      VIDEOGEN_AUTO_APPROVE_CREDITS: '1000000',
      VIDEOGEN_TIME_SCALE: '1000',
      VIDEOGEN_SANDBOX_RENDER_SECONDS: String(RENDER_SECONDS),
      VIDEOGEN_LOG_LEVEL: 'warn',
    },
  });
  const none = { jobs: 0, renderSeconds: RENDER_SECONDS };
  try {
    const { tools } = (await h.client.listTools()) as { tools: Array<{ name: string }> };
    if (!tools.some((t) => t.name === 'wait_for_job'))
      return { ...none, problem: 'this build has no wait_for_job' };
    let polls = 0;
    let calls = 0;
    for (let i = 0; i < jobs; i++) {
      const created = await h.call('samsar_text_to_video', {
        prompt: `Bench render ${i}`,
        image_model: 'GPTIMAGE2',
        video_model: 'RUNWAYML',
        duration: 10,
      });
      const job = created.structuredContent?.job as { provider: string; id: string } | undefined;
      if (created.isError || !job) throw new Error(`create failed: ${h.text(created)}`);
      const before = h.sandbox.requests.entries.length;
      for (let state = 'pending'; state === 'pending'; ) {
        if (++calls > MAX_CALLS * jobs) throw new Error('wait_for_job never finished');
        const r = await h.call('wait_for_job', { provider: job.provider, id: job.id });
        if (r.isError) throw new Error(`wait_for_job failed: ${h.text(r)}`);
        state = String(r.structuredContent?.state);
      }
      polls += h.sandbox.requests.entries
        .slice(before)
        .filter((r) => r.provider === 'samsar' && r.method === 'GET').length;
    }
    return { pollsPerJob: polls / jobs, callsPerJob: calls / jobs, jobs, renderSeconds: RENDER_SECONDS };
  } catch (err) {
    return { ...none, problem: (err as Error).message };
  } finally {
    await h.close();
  }
}
