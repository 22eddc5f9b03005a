/**
 * When to poll next. The providers ask for a first poll after 3-5 s, then 5, 8, 10 and every
 * 10-15 s; jitter keeps many waiting clients from polling in step. A server hint (Retry-After)
 * is never undercut.
 */

const OPENING_MS = [3000, 5000, 8000, 10_000];
const STEADY_MIN_MS = 10_000;
const STEADY_SPREAD_MS = 5000;

/** Delay before poll number `n + 1`, after `n` polls (n >= 0). */
export function pollDelay(n: number, hintMs?: number, random = Math.random): number {
  const base =
    n < OPENING_MS.length ? OPENING_MS[n]! : STEADY_MIN_MS + Math.round(random() * STEADY_SPREAD_MS);
  return hintMs !== undefined && hintMs > base ? hintMs : base;
}
