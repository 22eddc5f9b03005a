import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSignature } from '../../src/callbacks/signature.js';
import { AddressBuckets } from '../../src/transports/rate-limit.js';

const SECRET = 'per-job-secret-for-the-test';
const body = Buffer.from('{"event":"video.completed","data":{"id":"t1"}}');
const header = (t: number, secret = SECRET, signed = body) =>
  `t=${t},v1=${createHmac('sha256', secret).update(`${t}.`).update(signed).digest('hex')}`;

describe('X-Samautomation-Signature', () => {
  const now = 1_800_000_000_000;
  const t = now / 1000;

  it('accepts the HMAC of "<t>.<body>" within 5 minutes either way, and names the digest to remember', () => {
    for (const at of [t, t - 300, t + 300]) {
      const r = checkSignature(header(at), SECRET, body, now);
      expect(r.ok, String(at - t)).toBe(true);
    }
    const r = checkSignature(header(t), SECRET, body, now);
    expect(r).toEqual({ ok: true, digest: header(t).split('v1=')[1] });
  });

  it('refuses what is missing, malformed, stale, from another secret or over another body', () => {
    const problem = (h: string | undefined, b = body) => {
      const r = checkSignature(h, SECRET, b, now);
      return r.ok ? 'ok' : r.problem;
    };
    expect(problem(undefined)).toBe('missing');
    expect(problem('v1=abcd')).toBe('malformed');
    expect(problem(`t=${t},v1=${'z'.repeat(64)}`)).toBe('malformed');
    expect(problem(header(t - 301))).toBe('stale');
    expect(problem(header(t + 301))).toBe('stale');
    expect(problem(header(t, 'another-secret'))).toBe('mismatch');
    expect(problem(header(t), Buffer.from('{"event":"video.completed","data":{"id":"t2"}}'))).toBe(
      'mismatch',
    );
  });
});

describe('callback rate limit', () => {
  it('lets a burst through per address, then one per refill, and forgets the least recent address', () => {
    let clock = 0;
    const b = new AddressBuckets({ capacity: 3, refillPerSecond: 2, maxAddresses: 2, now: () => clock });
    expect([1, 2, 3, 4].map(() => b.take('a'))).toEqual([0, 0, 0, 1]);
    expect(b.take('b')).toBe(0); // its own bucket
    clock += 500; // one token back for a
    expect([b.take('a'), b.take('a')]).toEqual([0, 1]);
    b.take('c'); // the table holds two: b, the least recent, is forgotten (a full bucket again)
    expect([1, 2, 3, 4].map(() => b.take('b'))).toEqual([0, 0, 0, 1]);
  });
});
