/**
 * One notion of time for the waiting logic and the sandbox. With a time scale above 1, simulated
 * time runs faster than the wall clock, so a 3-minute render can be followed in seconds while every
 * interval the poller chooses keeps its real proportions.
 */

export interface Clock {
  /** Simulated milliseconds since the epoch. */
  now(): number;
  /** Waits `ms` simulated milliseconds; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  readonly scale: number;
}

export function createClock(scale = 1): Clock {
  const realStart = Date.now();
  return {
    scale,
    now: () => realStart + (Date.now() - realStart) * scale,
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
