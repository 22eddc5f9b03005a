/**
 * Checks SamAutomation's X-Samautomation-Signature (`t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>">` under the job's callback secret): the digest compared in constant time, and the
 * timestamp within 5 minutes of this server's wall clock either way, so a delivery captured once
 * cannot be replayed later (within the window, acceptOnce on the digest refuses a second use).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_WINDOW_SECONDS = 300;

export type SignatureCheck =
  | { ok: true /** The v1 digest: what acceptOnce remembers. */; digest: string }
  | { ok: false; problem: 'missing' | 'malformed' | 'stale' | 'mismatch' };

export function checkSignature(
  header: string | undefined,
  secret: string,
  rawBody: Buffer,
  nowMs: number,
): SignatureCheck {
  if (!header) return { ok: false, problem: 'missing' };
  const parts = Object.fromEntries(
    header.split(',').map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()];
    }),
  );
  const t = parts.t;
  const v1 = parts.v1;
  if (!t || !/^\d{1,12}$/.test(t) || !v1 || !/^[0-9a-f]{64}$/i.test(v1)) {
    return { ok: false, problem: 'malformed' };
  }
  if (Math.abs(nowMs / 1000 - Number(t)) > SIGNATURE_WINDOW_SECONDS) return { ok: false, problem: 'stale' };
  const expected = createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest();
  const given = Buffer.from(v1, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, problem: 'mismatch' };
  }
  return { ok: true, digest: v1.toLowerCase() };
}
