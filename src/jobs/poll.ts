/**
 * Follows one job to a terminal state within a time budget: backoff between status checks, a
 * deadline that also cuts a hanging check short, and the caller's AbortSignal (client
 * cancellation) that stops everything at once. Time is the injected clock's, so tests and demos
 * can run a 3-minute render in seconds.
 */
import type { Clock } from '../clock.js';
import { NetworkError, UpstreamError } from '../errors.js';
import type { Logger } from '../log.js';
import { pollDelay } from './backoff.js';
import type { SeenJob } from './seen.js';
import { isTerminal, type JobSnapshot } from './snapshot.js';

export interface FollowOptions {
  clock: Clock;
  /** Simulated milliseconds the whole wait may take. */
  budgetMs: number;
  /** Aborted when the client cancels the call. */
  signal: AbortSignal;
  check(signal: AbortSignal): Promise<JobSnapshot>;
  /** Called after every successful check, with the one before it. */
  onSnapshot?(snapshot: JobSnapshot, previous: JobSnapshot | undefined): Promise<void>;
  /** Where an earlier wait on the same job left off. */
  resume?: SeenJob;
  logger?: Logger;
  random?: () => number;
}

export interface FollowResult {
  outcome: 'terminal' | 'deadline' | 'cancelled';
  snapshot?: JobSnapshot;
  /** Status checks made by this call. */
  polls: number;
  /** Status checks of this job in this process, across calls. */
  totalPolls: number;
  lastPollAt: number;
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

export async function followJob(o: FollowOptions): Promise<FollowResult> {
  const start = o.clock.simNow();
  const deadline = start + o.budgetMs;
  // Keep a little room to answer before the client's own time-out.
  const reserve = Math.min(2000, o.budgetMs / 10);
  const deadlineCtl = new AbortController();
  const both = AbortSignal.any([o.signal, deadlineCtl.signal]);
  o.clock.sleep(Math.max(0, deadline - start), both).then(
    () => deadlineCtl.abort(new Error('deadline')),
    () => {},
  );

  let snapshot = o.resume?.snapshot;
  let totalPolls = o.resume?.polls ?? 0;
  let lastPollAt = o.resume?.lastPollAt ?? start;
  let polls = 0;
  let failures = 0;
  let hintMs: number | undefined;
  const result = (outcome: FollowResult['outcome']): FollowResult => {
    deadlineCtl.abort(new Error('done'));
    return { outcome, snapshot, polls, totalPolls, lastPollAt, waitedMs: o.clock.simNow() - start };
  };

  try {
    for (;;) {
      const now = o.clock.simNow();
      // After `n` checks the next is due pollDelay(n) after the last one (the start, for a new job).
      let delay = Math.max(0, lastPollAt + pollDelay(totalPolls, hintMs, o.random) - now);
      const room = deadline - reserve - now;
      if (delay > room) {
        if (polls > 0 && room < MIN_GAP_MS) return result('deadline');
        delay = Math.max(0, room);
      }
      await o.clock.sleep(delay, both);
      try {
        const previous = snapshot;
        snapshot = await o.check(both);
        polls++;
        totalPolls++;
        lastPollAt = o.clock.simNow();
        failures = 0;
        hintMs = undefined;
        await o.onSnapshot?.(snapshot, previous);
        if (isTerminal(snapshot)) return result('terminal');
      } catch (err) {
        if (both.aborted) throw err;
        if (!transient(err) || ++failures >= MAX_TRANSIENT_FAILURES) throw err;
        polls++;
        totalPolls++;
        lastPollAt = o.clock.simNow();
        hintMs = err instanceof UpstreamError ? (err.retryAfterSeconds ?? 0) * 1000 || undefined : undefined;
        o.logger?.warn('status check failed; will try again', { error: (err as Error).message });
      }
      if (o.clock.simNow() >= deadline - reserve) return result('deadline');
    }
  } catch (err) {
    if (o.signal.aborted) return result('cancelled');
    if (deadlineCtl.signal.aborted) return result('deadline');
    deadlineCtl.abort(new Error('done'));
    throw err;
  }
}
