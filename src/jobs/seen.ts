/**
 * What this process last saw of each job, so a resumed wait_for_job continues the slow end of the
 * backoff instead of starting over at 3 s, a state change is noticed across calls, and progress
 * continues from the highest value any wait on the job has sent instead of starting again at 0.
 */
import type { JobProgress } from './progress.js';
import type { JobSnapshot } from './snapshot.js';

export interface SeenJob {
  polls: number;
  /** Simulated time of the last status check. */
  lastPollAt: number;
  /** Wall-clock time the last successful check started: a callback verified after it is news. */
  checkedAt?: number;
  snapshot?: JobSnapshot;
}

const MAX_JOBS = 500;

/** Sets `key` as the most recent entry, dropping the oldest beyond MAX_JOBS. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_JOBS) map.delete(map.keys().next().value!);
}

export class SeenJobs {
  private readonly jobs = new Map<string, SeenJob>();
  private readonly progress = new Map<string, number>();

  static key(provider: string, id: string): string {
    return `${provider}:${id}`;
  }

  get(key: string): SeenJob | undefined {
    return this.jobs.get(key);
  }

  /** Ids of one provider's jobs followed here, most recent first. */
  ids(provider: string): string[] {
    const prefix = `${provider}:`;
    return [...this.jobs.keys()]
      .filter((k) => k.startsWith(prefix))
      .map((k) => k.slice(prefix.length))
      .reverse();
  }

  set(key: string, job: SeenJob): void {
    remember(this.jobs, key, job);
  }

  /** The job's progress as every wait on it shares it, live (concurrent waits see each other's). */
  progressOf(key: string): JobProgress {
    return {
      get: () => this.progress.get(key),
      raise: (value) => {
        if (value > (this.progress.get(key) ?? -1)) remember(this.progress, key, value);
      },
    };
  }
}

/** One table per process (deps are shared by every connection). */
const tables = new WeakMap<object, SeenJobs>();

export function seenJobsFor(owner: object): SeenJobs {
  let t = tables.get(owner);
  if (!t) {
    t = new SeenJobs();
    tables.set(owner, t);
  }
  return t;
}
