/**
 * Which 2025-era session gives way when the session store is full, so that clients that open
 * sessions and walk away (most never send DELETE) cannot lock new clients out, and one client
 * that opens sessions in a loop cannot push everyone else out either.
 *
 * Sessions are keyed by principal (src/transports/http-guards.ts `principalKey`). Each key has a
 * share of the cap: max(10, cap/4), never more than the cap. The share only matters when the store
 * is full: below the cap anyone may open more. At the cap, a new session takes the place of the
 * least recently used idle session
 * - of its own key, when that key already holds its share (it recycles its own sessions and can
 *   never displace anyone else's);
 * - otherwise of a key that holds its share or more;
 * - otherwise of anyone.
 * A session with a request or stream open is never taken; when none can give way, the answer is 503.
 * So one key can displace at most `share` sessions of others, and with a single key (one token, or
 * everyone on loopback) this is plain least-recently-used.
 */

export interface HeldSession {
  readonly id: string;
  readonly key: string;
  /** Requests (and SSE streams) of this session still open. */
  readonly busy: number;
}

export function perKeyShare(maxSessions: number): number {
  return Math.min(maxSessions, Math.max(10, Math.ceil(maxSessions / 4)));
}

export type Eviction<S extends HeldSession> =
  | { kind: 'evict'; session: S }
  /** Nothing can give way; `ownShare` when the key is at its share and all its sessions are busy. */
  | { kind: 'refuse'; ownShare: boolean };

/** `held` in least-recently-used order (oldest first); called only when the store is full. */
export function chooseEviction<S extends HeldSession>(
  held: readonly S[],
  key: string,
  maxSessions: number,
): Eviction<S> {
  const share = perKeyShare(maxSessions);
  const counts = new Map<string, number>();
  for (const s of held) counts.set(s.key, (counts.get(s.key) ?? 0) + 1);
  const oldestIdle = (from: (k: string) => boolean) => held.find((s) => s.busy === 0 && from(s.key));
  const atShare = (k: string) => (counts.get(k) ?? 0) >= share;
  const victim = atShare(key)
    ? oldestIdle((k) => k === key)
    : (oldestIdle(atShare) ?? oldestIdle(() => true));
  return victim ? { kind: 'evict', session: victim } : { kind: 'refuse', ownShare: atShare(key) };
}
