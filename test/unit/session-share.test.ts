/** Which 2025-era HTTP session gives way at the cap (src/transports/session-share.ts). */
import { describe, expect, it } from 'vitest';
import { chooseEviction, type HeldSession, perKeyShare } from '../../src/transports/session-share.js';

/** Sessions in least-recently-used order, written as `key:busy` (e.g. 'a', 'b:1'). */
function held(...specs: string[]): HeldSession[] {
  return specs.map((spec, i) => {
    const [key, busy] = spec.split(':');
    return { id: `s${i}`, key: key!, busy: Number(busy ?? 0) };
  });
}

const victim = (sessions: HeldSession[], key: string, cap = sessions.length) => {
  const choice = chooseEviction(sessions, key, cap);
  return choice.kind === 'evict' ? choice.session.id : choice;
};

describe('per-key share of the session cap', () => {
  it('is max(10, cap/4), never more than the cap', () => {
    expect(perKeyShare(100)).toBe(25);
    expect(perKeyShare(20)).toBe(10);
    expect(perKeyShare(3)).toBe(3);
    expect(perKeyShare(1000)).toBe(250);
  });
});

describe('choosing the session that gives way at the cap', () => {
  it('is plain least recently used idle when one key holds everything', () => {
    expect(victim(held('a:1', 'a', 'a'), 'a', 3)).toBe('s1');
  });

  it('recycles the newcomer’s own oldest idle session once it holds its share', () => {
    // cap 20, share 10: key a holds 10, b holds 10 and b's session is the oldest of all.
    const sessions = held('b', ...Array(10).fill('a'), ...Array(9).fill('b'));
    expect(victim(sessions, 'a', 20)).toBe('s1');
  });

  it('takes from a key at its share before anyone else, for a newcomer under its share', () => {
    const sessions = held('c', ...Array(10).fill('a'), ...Array(9).fill('b'));
    expect(victim(sessions, 'd', 20)).toBe('s1');
  });

  it('falls back to the oldest idle session of anyone when no key holds its share', () => {
    expect(victim(held('a:1', 'b', 'c'), 'd', 3)).toBe('s1');
  });

  it('never takes a busy session, and refuses when every candidate is busy', () => {
    expect(victim(held('a:1', 'a:2', 'a'), 'a', 3)).toBe('s2');
    expect(victim(held('a:1', 'b:1', 'c:1'), 'd', 3)).toEqual({ kind: 'refuse', ownShare: false });
    // At its share with all of its own busy, a key may not displace anyone else's idle session.
    const sessions = held(...Array(10).fill('a:1'), ...Array(10).fill('b'));
    expect(victim(sessions, 'a', 20)).toEqual({ kind: 'refuse', ownShare: true });
  });
});
