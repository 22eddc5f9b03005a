/**
 * Polls per completed job and how late the wait learns of the end, with and without completion
 * callbacks: the real server over HTTP against the sandbox, once with VIDEOGEN_PUBLIC_URL pointing at
 * itself (the sandbox calls back) and once without (polling only). Each job is followed as an agent
 * does (wait_for_job again while it answers "pending"); status requests are counted in the sandbox's
 * log, and the latency is the simulated time from the render's end to the wait's answer (at 10x the
 * wall-clock part of it, HTTP round trips, counts ten times: an upper bound for the callback case).
 */
import {
  type ConnectedClient,
  connectClient,
  type HttpHarness,
  startHttpHarness,
} from '../test/helpers/http-server.js';

export interface PollsMeasure {
  pollsPerJob: number;
  callsPerJob: number;
  /** Mean simulated seconds from a render's end to the answer that reported it. */
  latencySeconds: number;
}

export interface PollsResult {
  /** Undefined when this build cannot be measured (see `problem`). */
  polling?: PollsMeasure;
  callbacks?: PollsMeasure;
  problem?: string;
  jobs: number;
  renderSeconds: number;
  timeScale: number;
}

const RENDER_SECONDS = 120;
const TIME_SCALE = 10;
const MAX_CALLS = 50;

async function follow(h: HttpHarness, client: ConnectedClient, i: number) {
  const created = await client.callTool('samsar_text_to_video', {
    prompt: `Bench render ${i}`,
    image_model: 'GPTIMAGE2',
    video_model: 'RUNWAYML',
    duration: 10,
  });
  const job = created.structuredContent?.job as { provider: string; id: string } | undefined;
  if (created.isError || !job) throw new Error('create failed');
  let calls = 0;
  for (let state = 'pending'; state === 'pending'; ) {
    if (++calls > MAX_CALLS) throw new Error('wait_for_job never finished');
    const r = await client.callTool('wait_for_job', { provider: job.provider, id: job.id });
    if (r.isError) throw new Error(`wait_for_job failed: ${JSON.stringify(r.structuredContent)}`);
    state = String(r.structuredContent?.state);
  }
  const answeredAt = h.app.deps.clock.simNow();
  const session = h.sandbox.samsar.sessions.get(job.id)!;
  const polls = h.sandbox.requests.entries.filter(
    (r) => r.method === 'GET' && r.query.request_id === job.id,
  ).length;
  return { polls, calls, latencyMs: answeredAt - (session.createdAt + session.renderMs) };
}

async function measure(callbacks: boolean, jobs: number): Promise<PollsMeasure> {
  const h = await startHttpHarness(
    {
      VIDEOGEN_AUTO_APPROVE_CREDITS: '1000000',
      VIDEOGEN_TIME_SCALE: String(TIME_SCALE),
      VIDEOGEN_SANDBOX_RENDER_SECONDS: String(RENDER_SECONDS),
      VIDEOGEN_LOG_LEVEL: 'warn',
    },
    '127.0.0.1',
    { callbacks },
  );
  const client = await connectClient(h.url, '2025');
  try {
    const runs = await Promise.all(Array.from({ length: jobs }, (_, i) => follow(h, client, i)));
    const mean = (pick: (r: (typeof runs)[number]) => number) =>
      runs.reduce((sum, r) => sum + pick(r), 0) / runs.length;
    return {
      pollsPerJob: mean((r) => r.polls),
      callsPerJob: mean((r) => r.calls),
      latencySeconds: mean((r) => r.latencyMs) / 1000,
    };
  } finally {
    await client.close();
    await h.close();
  }
}

export async function measurePolls(jobs = 3): Promise<PollsResult> {
  const base = { jobs, renderSeconds: RENDER_SECONDS, timeScale: TIME_SCALE };
  try {
    return { ...base, polling: await measure(false, jobs), callbacks: await measure(true, jobs) };
  } catch (err) {
    return { ...base, problem: (err as Error).message };
  }
}

/** The bench table's rows for both. */
export function pollsRows(p: PollsResult): Array<[string, string, string]> {
  const row = (m: PollsMeasure | undefined) =>
    m === undefined
      ? `n/a: ${p.problem}`
      : `${m.pollsPerJob.toFixed(1)} status requests for a ${p.renderSeconds} s render, in ${m.callsPerJob.toFixed(1)} wait_for_job calls; answered ${m.latencySeconds.toFixed(2)} s after the end (${p.jobs} jobs)`;
  return [
    ['Polls per completed job, polling only (wait_for_job over HTTP, sandbox render)', row(p.polling), ''],
    [
      'Polls per completed job, with callbacks (VIDEOGEN_PUBLIC_URL, the sandbox calls back)',
      row(p.callbacks),
      '',
    ],
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const p = await measurePolls();
  for (const [what, result] of pollsRows(p)) console.log(`${what}: ${result}`);
}
