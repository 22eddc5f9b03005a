/**
 * When a failed upstream call may be repeated, and after how long. Reads are retried on network
 * errors, 429, 5xx and a 2xx whose body cannot be read. A write (POST, PUT, DELETE) is repeated only
 * when it provably never reached the provider, or once after the provider's own 429 refusal, because
 * a repeated paid request can be billed twice.
 */

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';

export const MAX_READ_RETRIES = 3;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 20_000;
/** A Retry-After longer than this is not waited out: the error goes back with retry_after_seconds. */
export const MAX_RETRY_AFTER_MS = 30_000;

export function isRead(method: Method): boolean {
  return method === 'GET' || method === 'HEAD';
}

export type Failure =
  /** `refusal`: the provider's own documented refusal (isProviderRefusal), not a proxy's page. */
  | { kind: 'status'; status: number; retryAfterMs?: number; refusal?: boolean }
  /** A 2xx whose body is not the documented JSON (HTML, cut off, malformed). */
  | { kind: 'unreadable' }
  | { kind: 'network'; written: boolean };

/** Returns the delay before the next attempt, or undefined when the failure must not be retried. */
export function retryDelay(
  method: Method,
  failure: Failure,
  attempt: number,
  random = Math.random,
): number | undefined {
  if (isRead(method)) {
    if (attempt > MAX_READ_RETRIES) return undefined;
    // A network error or an unreadable 2xx is retried like a 5xx: a read changes nothing upstream.
    const retriable = failure.kind !== 'status' || failure.status === 429 || failure.status >= 500;
    if (!retriable) return undefined;
    if (failure.kind === 'status' && failure.retryAfterMs !== undefined) return honour(failure.retryAfterMs);
    return jitteredBackoff(attempt, random);
  }
  // Writes: a second attempt at most, and only when the first one cannot have been acted on.
  if (attempt > 1) return undefined;
  if (failure.kind === 'network') return failure.written ? undefined : jitteredBackoff(attempt, random);
  if (failure.kind === 'status' && failure.status === 429 && failure.refusal) {
    return honour(failure.retryAfterMs ?? 1000);
  }
  return undefined;
}

/** The server's own wait when it is short enough to wait out in a tool call; otherwise no retry. */
function honour(retryAfterMs: number): number | undefined {
  return retryAfterMs <= MAX_RETRY_AFTER_MS ? retryAfterMs : undefined;
}

/** Full jitter over an exponential ceiling. */
export function jitteredBackoff(attempt: number, random = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Math.round(Number(v) * 1000);
  const date = Date.parse(v);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
