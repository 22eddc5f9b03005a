/**
 * Caps the status checks waits make at once, per provider and process: one wait may follow 50 jobs
 * and several waits may run side by side, and none of that may turn into a burst at the provider.
 * Checks past the cap queue in order; a queued check whose wait is cancelled leaves the queue.
 */
import type { Provider } from '../errors.js';

export const MAX_CONCURRENT_CHECKS = 4;

export class Limiter {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly max: number) {}

  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.running >= this.max) await this.turn(signal);
    else this.running++;
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Resolves when a running check hands over its place (the count stays as it is). */
  private turn(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const go = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = this.queue.indexOf(go);
        if (i >= 0) this.queue.splice(i, 1);
        reject(signal!.reason);
      };
      this.queue.push(go);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** One limiter per provider, per process (deps are shared by every connection). */
const limiters = new WeakMap<object, Map<Provider, Limiter>>();

export function statusLimiter(owner: object, provider: Provider): Limiter {
  let byProvider = limiters.get(owner);
  if (!byProvider) {
    byProvider = new Map();
    limiters.set(owner, byProvider);
  }
  let limiter = byProvider.get(provider);
  if (!limiter) {
    limiter = new Limiter(MAX_CONCURRENT_CHECKS);
    byProvider.set(provider, limiter);
  }
  return limiter;
}
