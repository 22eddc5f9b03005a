/**
 * One wait_for_job call over one job or many: reads which jobs expect a completion callback (the
 * store's marks), listens for their wake-ups on the event bus, follows them with the poll loop
 * (status checks capped per provider), sends one progress stream, tells subscribers of each job's
 * changes, and keeps what was seen of each job for the calls that follow.
 */
import type { ServerContext } from '@modelcontextprotocol/server';
import { callbackMark } from '../callbacks/records.js';
import { onWake } from '../callbacks/wake.js';
import type { AppDeps } from '../deps.js';
import { jobUri } from '../resources/uris.js';
import type { ServerHost } from '../tools/define.js';
import { fetchSnapshot, type JobRef } from './fetch-snapshot.js';
import { jobChanged } from './notify-changes.js';
import { type FollowResult, followJobs } from './poll.js';
import { PROGRESS_TOTAL, ProgressReporter } from './progress.js';
import { SeenJobs, seenJobsFor } from './seen.js';
import { isTerminal, type JobSnapshot } from './snapshot.js';
import { statusLimiter } from './status-limiter.js';
import type { WaitedJob } from './wait-result.js';
import { WakeLatch } from './wake-latch.js';

export type Until = 'all' | 'any';

export interface Waited {
  outcome: FollowResult['outcome'];
  jobs: WaitedJob[];
  waitedMs: number;
}

/** A job's share of the progress of a wait on many: 100 once it ended, below 100 until then. */
const shareOf = (s: JobSnapshot) =>
  isTerminal(s) ? PROGRESS_TOTAL : Math.min(99, Math.max(0, s.percent ?? 0));

export async function waitForJobs(
  deps: AppDeps,
  host: ServerHost,
  ctx: ServerContext,
  refs: JobRef[],
  until: Until,
  seconds: number,
): Promise<Waited> {
  const seen = seenJobsFor(deps);
  const keys = refs.map((r) => SeenJobs.key(r.provider, r.id));
  // A store that cannot be read only costs the callbacks' speed: the jobs are polled as usual.
  const marks = await Promise.all(
    refs.map((r) => callbackMark(deps, r.provider, r.id).catch(() => undefined)),
  );
  const latches = refs.map(() => new WakeLatch());
  const byUri = new Map(refs.map((r, i) => [jobUri(r.provider, r.id), latches[i]!]));
  refs.forEach((_, i) => {
    // A callback verified since this process last checked the job: check at once.
    if ((marks[i] ?? 0) > (seen.get(keys[i]!)?.checkedAt ?? 0)) latches[i]!.wake();
  });

  const single = refs.length === 1;
  // Many jobs: one stream, the mean of their shares (until all) or the highest (until any), which
  // a wait resumed on the same jobs continues from.
  const setKey = `${until}:${[...keys].sort().join(',')}`;
  const progress = new ProgressReporter(ctx, seen.progressOf(single ? keys[0]! : setKey));
  const shares = keys.map((k) => Math.min(99, seen.progressOf(k).get() ?? 0));
  const ended = refs.map(() => false);
  const combined = () =>
    until === 'any' ? Math.max(...shares) : shares.reduce((a, b) => a + b, 0) / shares.length;
  const finished = () => (until === 'any' ? ended.some(Boolean) : ended.every(Boolean));
  await progress.report(single ? undefined : combined(), 'waiting for the next status check');

  const stopListening = onWake(deps.events, (uri) => byUri.get(uri)?.wake());
  let result: FollowResult;
  try {
    result = await followJobs({
      clock: deps.clock,
      budgetMs: seconds * 1000,
      signal: ctx.mcpReq.signal,
      logger: deps.logger,
      until,
      jobs: refs.map((ref, i) => ({
        resume: seen.get(keys[i]!),
        callbackExpected: marks[i] !== undefined,
        wake: latches[i],
        check: (signal) =>
          statusLimiter(deps, ref.provider).run(() => fetchSnapshot(deps, ref, signal), signal),
        onSnapshot: async (snapshot, previous) => {
          if (!ref.kind) ref.kind = snapshot.kind;
          if (single) {
            await progress.report(snapshot.percent, snapshot.stage, isTerminal(snapshot));
          } else {
            shares[i] = shareOf(snapshot);
            ended[i] = isTerminal(snapshot);
            seen.progressOf(keys[i]!).raise(shares[i]!);
            const count = ended.filter(Boolean).length;
            await progress.report(
              combined(),
              `${count}/${refs.length} ended; ${ref.id}: ${snapshot.stage}`,
              finished(),
            );
          }
          await jobChanged(deps, host, snapshot, previous ?? seen.get(keys[i]!)?.snapshot);
        },
      })),
    });
  } finally {
    stopListening();
    await progress.flush();
  }
  const jobs = refs.map((ref, i): WaitedJob => {
    const followed = result.jobs[i]!;
    seen.set(keys[i]!, {
      polls: followed.totalPolls,
      lastPollAt: followed.lastPollAt,
      checkedAt: followed.checkedAt,
      snapshot: followed.snapshot,
    });
    deps.logger.debug('wait_for_job ended', {
      provider: ref.provider,
      id: ref.id,
      outcome: followed.outcome,
      state: followed.snapshot?.state,
      polls: followed.polls,
    });
    const outcome = followed.outcome === 'error' ? 'terminal' : followed.outcome;
    return { ref, followed, outcome, waitedMs: result.waitedMs };
  });
  return { outcome: result.outcome, jobs, waitedMs: result.waitedMs };
}
