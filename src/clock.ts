/**
 * Two notions of time, kept apart on purpose. Wall-clock time is what people read and what the
 * calendar means: ledger entries, the budgets' UTC day, token expiry, timestamps in results.
 * Simulated time drives the sandbox's renders and the waiting logic: with a time scale above 1 it
 * runs faster than the wall clock, so a 3-minute render can be followed in seconds while every
 * interval the poller chooses keeps its real proportions. There is deliberately no plain `now()`:
 * every caller says which of the two it means.
 */

export interface Clock {
  /** Real milliseconds since the epoch, whatever the time scale. */
  wallNow(): number;
  /** Simulated milliseconds since the epoch (equal to wallNow() at scale 1). */
  simNow(): number;
  /** Waits `ms` simulated milliseconds; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  readonly scale: number;
}

export function createClock(scale = 1): Clock {
  const realStart = Date.now();
  return {
    scale,
    wallNow: () => Date.now(),
    simNow: () => realStart + (Date.now() - realStart) * scale,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason ?? new Error('aborted'));
          return;
        }
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal?.reason ?? new Error('aborted'));
        };
        const timer = setTimeout(
          () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
          Math.max(0, ms / scale),
        );
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
  };
}
