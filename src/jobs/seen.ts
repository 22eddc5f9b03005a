/**
 * What this process last saw of each job, so a resumed wait_for_job continues the slow end of the
 * backoff instead of starting over at 3 s, and a state change is noticed across calls.
 */
import type { JobSnapshot } from './snapshot.js';

export interface SeenJob {
  polls: number;
  /** Simulated time of the last status check. */
  lastPollAt: number;
  snapshot?: JobSnapshot;
}

const MAX_JOBS = 500;

export class SeenJobs {
  private readonly jobs = new Map<string, SeenJob>();

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
    this.jobs.delete(key);
    this.jobs.set(key, job);
    if (this.jobs.size > MAX_JOBS) this.jobs.delete(this.jobs.keys().next().value!);
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
