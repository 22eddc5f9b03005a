/**
 * Follows jobs to a terminal state within one time budget: backoff between status checks (slower
 * when a completion callback is expected, see backoff.ts), a check at once when a verified callback
 * wakes the job, a deadline that also cuts a hanging check short, and the caller's AbortSignal
 * (client cancellation) that stops everything at once. Many jobs are followed side by side, each on
 * its own schedule, until all or any of them ended. Time is the injected clock's, so tests and demos
 * can run a 3-minute render in seconds.
 */
import { setMaxListeners } from 'node:events';
import type { Clock } from '../clock.js';
import { NetworkError, UpstreamError } from '../errors.js';
import type { Logger } from '../log.js';
import { pollDelay, safetyNetDelay } from './backoff.js';
import type { SeenJob } from './seen.js';
import { isTerminal, type JobSnapshot } from './snapshot.js';
import type { WakeLatch } from './wake-latch.js';

export interface FollowedJob {
  check(signal: AbortSignal): Promise<JobSnapshot>;
  /** Called after every successful check, with the one before it. */
  onSnapshot?(snapshot: JobSnapshot, previous: JobSnapshot | undefined): Promise<void>;
  /** Where an earlier wait on the same job left off. */
  resume?: SeenJob;
  /** A completion callback is on its way: checks are the safety net. */
  callbackExpected?: boolean;
  /** Verified callbacks of this job: the next check is made at once. */
  wake?: WakeLatch;
}

export interface FollowOptions {
  clock: Clock;
  /** Simulated milliseconds the whole wait may take. */
  budgetMs: number;
  /** Aborted when the client cancels the call. */
  signal: AbortSignal;
  jobs: readonly FollowedJob[];
  /** End when every job ended (default), or the first one did. */
  until?: 'all' | 'any';
  logger?: Logger;
  random?: () => number;
}

export interface JobFollowed {
  /** terminal: the job ended; error: its status could not be had (the error says why). */
  outcome: 'terminal' | 'deadline' | 'cancelled' | 'error';
  snapshot?: JobSnapshot;
  error?: unknown;
  /** Status checks made by this call. */
  polls: number;
  /** Status checks of this job in this process, across calls. */
  totalPolls: number;
  /** Simulated time of the last check. */
  lastPollAt: number;
  /** Wall-clock time the last successful check started (a callback after it is news). */
  checkedAt?: number;
}

export interface FollowResult {
  outcome: 'terminal' | 'deadline' | 'cancelled';
  jobs: JobFollowed[];
  waitedMs: number;
}

/** Consecutive transient failures tolerated before the wait gives up with the error. */
const MAX_TRANSIENT_FAILURES = 5;
/** Shortest gap worth a last check before the deadline. */
const MIN_GAP_MS = 1000;

function transient(err: unknown): err is UpstreamError | NetworkError {
  if (err instanceof NetworkError) return true;
  return err instanceof UpstreamError && (err.status === 429 || err.status >= 500);
}

interface Shared {
  clock: Clock;
  start: number;
  deadline: number;
  /** Room kept to answer before the client's own time-out. */
  reserve: number;
  /** The client's cancellation, the deadline, and the end of the wait (until any). */
  signal: AbortSignal;
  logger?: Logger;
  random?: () => number;
}

/**
 * Sleeps `ms` unless the job is woken first (then true, the wake-up taken); rejects only when the
 * wait itself is aborted.
 */
async function sleepUnlessWoken(s: Shared, ms: number, wake: WakeLatch | undefined): Promise<boolean> {
  if (!wake) {
    await s.clock.sleep(ms, s.signal);
    return false;
  }
  // One controller per sleep, its listeners removed after: a long wait adds nothing up.
  const local = new AbortController();
  const stop = () => local.abort(s.signal.reason);
  const woken = () => local.abort(new Error('woken'));
  s.signal.addEventListener('abort', stop, { once: true });
  wake.signal.addEventListener('abort', woken, { once: true });
  try {
    if (s.signal.aborted) stop();
    else if (wake.signal.aborted) woken();
    await s.clock.sleep(ms, local.signal);
    return false;
  } catch (err) {
    if (s.signal.aborted) throw err;
    wake.take();
    return true;
  } finally {
    s.signal.removeEventListener('abort', stop);
    wake.signal.removeEventListener('abort', woken);
  }
}

async function followOne(s: Shared, j: FollowedJob): Promise<JobFollowed> {
  let snapshot = j.resume?.snapshot;
  let totalPolls = j.resume?.polls ?? 0;
  let lastPollAt = j.resume?.lastPollAt ?? s.start;
  let checkedAt = j.resume?.checkedAt;
  let polls = 0;
  let failures = 0;
  let hintMs: number | undefined;
  const pace = j.callbackExpected ? safetyNetDelay : pollDelay;
  const done = (outcome: JobFollowed['outcome'], error?: unknown): JobFollowed => ({
    outcome,
    snapshot,
    polls,
    totalPolls,
    lastPollAt,
    ...(checkedAt !== undefined ? { checkedAt } : {}),
    ...(error !== undefined ? { error } : {}),
  });
  try {
    for (;;) {
      const now = s.clock.simNow();
      const woken = j.wake?.take() ?? false;
      // After `n` checks the next is due pace(n) after the last one (the start, for a new job).
      let delay = woken ? 0 : Math.max(0, lastPollAt + pace(totalPolls, hintMs, s.random) - now);
      const room = s.deadline - s.reserve - now;
      if (delay > room) {
        if (polls > 0 && room < MIN_GAP_MS) return done('deadline');
        // The safety net's last check is recent enough to answer with: only a wake-up checks again.
        if (j.callbackExpected && polls > 0) {
          if (!(await sleepUnlessWoken(s, room, j.wake))) return done('deadline');
          delay = 0; // woken: check now
        } else delay = Math.max(0, room);
      }
      if (delay > 0) await sleepUnlessWoken(s, delay, j.wake);
      try {
        const previous = snapshot;
        const startedAt = s.clock.wallNow();
        snapshot = await j.check(s.signal);
        polls++;
        totalPolls++;
        lastPollAt = s.clock.simNow();
        checkedAt = startedAt;
        failures = 0;
        hintMs = undefined;
        await j.onSnapshot?.(snapshot, previous);
        if (isTerminal(snapshot)) return done('terminal');
      } catch (err) {
        if (s.signal.aborted) throw err;
        if (!transient(err) || ++failures >= MAX_TRANSIENT_FAILURES) return done('error', err);
        polls++;
        totalPolls++;
        lastPollAt = s.clock.simNow();
        hintMs = err instanceof UpstreamError ? (err.retryAfterSeconds ?? 0) * 1000 || undefined : undefined;
        s.logger?.warn('status check failed; will try again', { error: (err as Error).message });
      }
      if (s.clock.simNow() >= s.deadline - s.reserve) return done('deadline');
    }
  } catch (err) {
    if (s.signal.aborted) return done('cancelled');
    return done('error', err);
  }
}

export async function followJobs(o: FollowOptions): Promise<FollowResult> {
  const start = o.clock.simNow();
  const deadline = start + o.budgetMs;
  const deadlineCtl = new AbortController();
  const ended = new AbortController();
  const signal = AbortSignal.any([o.signal, deadlineCtl.signal, ended.signal]);
  // Each job's sleep, queued check and request listen on it: many jobs are many listeners, no leak.
  setMaxListeners(Math.max(10, o.jobs.length * 4), signal);
  o.clock.sleep(o.budgetMs, signal).then(
    () => deadlineCtl.abort(new Error('deadline')),
    () => {},
  );
  const shared: Shared = {
    clock: o.clock,
    start,
    deadline,
    reserve: Math.min(2000, o.budgetMs / 10),
    signal,
    logger: o.logger,
    random: o.random,
  };
  const needed = o.until === 'any' ? 1 : o.jobs.length;
  let finished = 0;
  const jobs = await Promise.all(
    o.jobs.map(async (j) => {
      const r = await followOne(shared, j);
      if ((r.outcome === 'terminal' || r.outcome === 'error') && ++finished >= needed) {
        ended.abort(new Error('done'));
      }
      return r;
    }),
  );
  ended.abort(new Error('done'));
  const waitedMs = o.clock.simNow() - start;
  if (o.signal.aborted) return { outcome: 'cancelled', jobs, waitedMs };
  // A job stopped because the others were enough is still pending, as at a deadline.
  for (const j of jobs) if (j.outcome === 'cancelled') j.outcome = 'deadline';
  return { outcome: finished >= needed ? 'terminal' : 'deadline', jobs, waitedMs };
}
