/**
 * When to poll next. The providers ask for a first poll after 3-5 s, then 5, 8, 10 and every
 * 10-15 s; jitter keeps many waiting clients from polling in step. A server hint (Retry-After)
 * is never undercut. When a completion callback is on its way, polling is only the safety net: the
 * first check as usual (the stage shows, an early failure is caught), then after 4 minutes, growing
 * by half each time to at most 10 minutes (with 10% jitter): a render of up to about 4 minutes costs
 * that first check and the one its callback triggers, and a lost callback costs latency (at most
 * about 4 minutes for such a render), never the result.
 */

const OPENING_MS = [3000, 5000, 8000, 10_000];
const STEADY_MIN_MS = 10_000;
const STEADY_SPREAD_MS = 5000;
export const SAFETY_NET_MS = 240_000;
const SAFETY_NET_MAX_MS = 600_000;

const atLeastHint = (base: number, hintMs?: number) =>
  hintMs !== undefined && hintMs > base ? hintMs : base;

/** Delay before poll number `n + 1`, after `n` polls (n >= 0). */
export function pollDelay(n: number, hintMs?: number, random = Math.random): number {
  const base =
    n < OPENING_MS.length ? OPENING_MS[n]! : STEADY_MIN_MS + Math.round(random() * STEADY_SPREAD_MS);
  return atLeastHint(base, hintMs);
}

/** The same while a completion callback is expected. */
export function safetyNetDelay(n: number, hintMs?: number, random = Math.random): number {
  if (n === 0) return pollDelay(0, hintMs, random);
  const base = Math.min(SAFETY_NET_MAX_MS, SAFETY_NET_MS * 1.5 ** (n - 1));
  return atLeastHint(Math.round(base * (1 + random() * 0.1)), hintMs);
}
