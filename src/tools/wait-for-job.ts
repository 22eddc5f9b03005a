/**
 * wait_for_job: follows a render (or up to 50 at once) to its end in bounded slices, with progress
 * notifications, so no call outlives a client's time-out and agents do not busy-poll a status tool.
 * Where the server receives completion callbacks, a finished render ends the wait at once.
 */
import * as z from 'zod/v4';
import { ValidationError } from '../errors.js';
import { checkKind, inferKind, JOB_KINDS, type JobRef } from '../jobs/fetch-snapshot.js';
import { waitForJobs } from '../jobs/wait.js';
import { waitManyResult } from '../jobs/wait-many-result.js';
import { waitResult } from '../jobs/wait-result.js';
import { isSandboxed, requireCallable } from '../provider-access.js';
import { guardedText } from '../providers/samautomation/common.js';
import { defineOwnTool } from './define.js';

/** Below the ~60 s after which common clients give up on a silent call. */
export const DEFAULT_WAIT_SECONDS = 50;
export const MAX_JOBS = 50;

const provider = z.enum(['samsar', 'samautomation']);
const kind = z.enum(JOB_KINDS).optional();
// Length limits only guard against abuse: checked, not published.
const id = guardedText(200);
const jobRef = z.strictObject({ provider, id, kind });

export const waitForJob = defineOwnTool({
  name: 'wait_for_job',
  title: 'Wait for a job',
  description:
    'Waits for jobs to finish, with progress; returns result URLs or a pending snapshot to resume. Free.',
  toolset: 'jobs',
  billing: 'free',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.object({
    provider: provider.optional(),
    id: id.optional(),
    kind,
    // Published as plain objects (the description says which): a job object of a creation or wait
    // result is taken as it is, kind included, and checked here.
    jobs: z
      .array(z.record(z.string(), z.unknown()).pipe(jobRef))
      .refine((l) => l.length >= 1 && l.length <= MAX_JOBS, `give 1 to ${MAX_JOBS} jobs`)
      .optional()
      .describe(`Up to ${MAX_JOBS} {provider, id}, instead of provider, id.`),
    until: z.enum(['all', 'any']).optional().describe('Default all.'),
    max_wait_seconds: z
      .number()
      .refine((s) => s >= 1 && s <= 3600, 'must be 1 to 3600 seconds')
      .optional()
      .describe(`Default ${DEFAULT_WAIT_SECONDS}.`),
  }),
  handler: async (args, ctx, deps, host) => {
    const refs = refsOf(args);
    for (const ref of refs) requireCallable(deps.config, ref.provider); // at once, not after a poll's wait
    const seconds = Math.min(args.max_wait_seconds ?? DEFAULT_WAIT_SECONDS, deps.config.maxWaitSeconds);
    const until = args.until ?? 'all';
    const waited = await waitForJobs(deps, host, ctx, refs, until, seconds);
    const sandboxed = (j: { ref: JobRef }) => isSandboxed(deps.config, j.ref.provider);
    if (args.jobs) return waitManyResult(waited, until, sandboxed);
    const one = waited.jobs[0]!;
    if (one.followed.error !== undefined) throw one.followed.error;
    return waitResult(one, sandboxed(one));
  },
});

/** The jobs asked for: `jobs` (each once), or `provider` and `id`. */
function refsOf(args: {
  provider?: JobRef['provider'];
  id?: string;
  kind?: JobRef['kind'];
  jobs?: JobRef[];
}): JobRef[] {
  if (args.jobs && (args.provider || args.id)) {
    throw new ValidationError('jobs', 'give either jobs or provider and id, not both');
  }
  const given = args.jobs ?? [];
  if (!args.jobs) {
    if (!args.provider || !args.id) {
      throw new ValidationError(
        'id',
        'provider and id (or jobs) are required',
        'Use the job from the creation result.',
      );
    }
    given.push({ provider: args.provider, id: args.id, kind: args.kind });
  }
  const unique = new Map<string, JobRef>();
  for (const j of given) {
    const ref: JobRef = { provider: j.provider, id: j.id, kind: j.kind ?? inferKind(j) };
    checkKind(ref);
    unique.set(`${ref.provider}:${ref.id}`, ref);
  }
  return [...unique.values()];
}
