/**
 * wait_for_job: follows a render to its end in bounded slices, with progress notifications, so no
 * call outlives a client's time-out and agents do not busy-poll a status tool.
 */
import * as z from 'zod/v4';
import { fetchSnapshot, inferKind, JOB_KINDS, type JobRef } from '../jobs/fetch-snapshot.js';
import { jobChanged } from '../jobs/notify-changes.js';
import { followJob } from '../jobs/poll.js';
import { ProgressReporter } from '../jobs/progress.js';
import { SeenJobs, seenJobsFor } from '../jobs/seen.js';
import { waitResult } from '../jobs/wait-result.js';
import { isSandboxed, requireCallable } from '../provider-access.js';
import { defineOwnTool } from './define.js';

/** Below the ~60 s after which common clients give up on a silent call. */
export const DEFAULT_WAIT_SECONDS = 50;

export const jobRefShape = {
  provider: z.enum(['samsar', 'samautomation']),
  id: z.string().trim().min(1).max(200),
  kind: z.enum(JOB_KINDS).optional().describe('Usually inferred.'),
};

export const waitForJob = defineOwnTool({
  name: 'wait_for_job',
  title: 'Wait for a job',
  description:
    'Waits for a Samsar session or SamAutomation job to finish, with progress; returns result URLs, or a pending snapshot to resume. Free.',
  toolset: 'jobs',
  billing: 'free',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.object({
    ...jobRefShape,
    max_wait_seconds: z
      .number()
      .int()
      .min(1)
      .max(3600)
      .optional()
      .describe(`Default ${DEFAULT_WAIT_SECONDS}.`),
  }),
  handler: async (args, ctx, deps, host) => {
    requireCallable(deps.config, args.provider); // at once, not after the first poll's wait
    const ref: JobRef = { provider: args.provider, id: args.id, kind: args.kind ?? inferKind(args) };
    const seconds = Math.min(args.max_wait_seconds ?? DEFAULT_WAIT_SECONDS, deps.config.maxWaitSeconds);
    const seen = seenJobsFor(deps);
    const key = SeenJobs.key(ref.provider, ref.id);
    const progress = new ProgressReporter(ctx, seen.progressOf(key));
    await progress.report(undefined, 'waiting for the next status check');
    const result = await followJob({
      clock: deps.clock,
      budgetMs: seconds * 1000,
      signal: ctx.mcpReq.signal,
      resume: seen.get(key),
      logger: deps.logger,
      check: (signal) => fetchSnapshot(deps, ref, signal),
      onSnapshot: async (snapshot, previous) => {
        if (!ref.kind) ref.kind = snapshot.kind;
        await progress.report(snapshot.percent, snapshot.stage, snapshot.state !== 'pending');
        await jobChanged(deps, host, snapshot, previous ?? seen.get(key)?.snapshot);
      },
    }).finally(() => progress.flush());
    seen.set(key, { polls: result.totalPolls, lastPollAt: result.lastPollAt, snapshot: result.snapshot });
    deps.logger.debug('wait_for_job ended', {
      provider: ref.provider,
      id: ref.id,
      outcome: result.outcome,
      state: result.snapshot?.state,
      polls: result.polls,
    });
    return waitResult(ref, result, isSandboxed(deps.config, ref.provider));
  },
});
