/** Confirmation tokens and the canonical argument hash they bind. */
import { describe, expect, it } from 'vitest';
import { argsHash, canonicalJson } from '../../src/cost/canonical.js';
import { explainTokenRefusal, TOKEN_TTL_MS, TokenSigner } from '../../src/cost/tokens.js';

describe('canonical arguments', () => {
  it('ignore key order and undefined fields, keep array order and nested values', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined } })).toBe('{"a":{"d":[2,1]},"b":1}');
    expect(argsHash('t', { x: 1, y: { z: 'a' } })).toBe(argsHash('t', { y: { z: 'a' }, x: 1 }));
    expect(argsHash('t', { x: [1, 2] })).not.toBe(argsHash('t', { x: [2, 1] }));
    expect(argsHash('t', { x: 1 })).not.toBe(argsHash('u', { x: 1 }));
  });
});

describe('confirmation tokens', () => {
  let now = 1_000_000;
  const signer = new TokenSigner(Buffer.from('k'.repeat(32)), () => now);
  const hash = argsHash('samsar_text_to_video', { duration: 10 });
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  it('verify for the tool and arguments they were minted for, each with its own nonce', () => {
    const a = signer.mint('samsar_text_to_video', hash, 'credits', 300);
    const b = signer.mint('samsar_text_to_video', hash, 'credits', 300);
    expect(a.claims.n).not.toBe(b.claims.n);
    expect(a.token).not.toBe(b.token);
    expect(signer.verify(a.token, 'samsar_text_to_video', hash)).toEqual({ ok: true, claims: a.claims });
  });

  it('are at most 48 characters and carry the billing class, amount, expiry and nonce', () => {
    const amounts = [0, 1, 127, 128, 300, 14_400, 2 ** 31, Number.MAX_SAFE_INTEGER, 12.5, 1 / 3, 1e300];
    for (const billing of ['credits', 'quota', 'money'] as const) {
      for (const credits of amounts) {
        const { token, claims } = signer.mint('samsar_text_to_video', hash, billing, credits);
        expect(token.length, `${billing} ${credits}: ${token}`).toBeLessThanOrEqual(48);
        expect(token).toMatch(/^vg2_[A-Za-z0-9_-]+$/);
        const check = signer.verify(token, 'samsar_text_to_video', hash);
        expect(check).toEqual({ ok: true, claims });
        expect(claims).toMatchObject({ b: billing, c: credits, n: expect.stringMatching(/^[\w-]{11}$/) });
        expect(claims.e).toBeGreaterThanOrEqual(now + TOKEN_TTL_MS);
        expect(claims.e).toBeLessThan(now + TOKEN_TTL_MS + 1000);
      }
    }
  });

  it('survive a restart: another signer with the same key accepts them, statelessly', () => {
    const { token, claims } = signer.mint('samsar_join_videos', hash, 'credits', 54);
    const restarted = new TokenSigner(Buffer.from('k'.repeat(32)), () => now);
    expect(restarted.verify(token, 'samsar_join_videos', hash)).toEqual({ ok: true, claims });
  });

  it('refuse another tool, other arguments, another key, expiry and the old format, saying why', () => {
    const { token } = signer.mint('samsar_text_to_video', hash, 'credits', 300);
    const tool = signer.verify(token, 'samsar_join_videos', hash);
    expect(tool).toEqual({ ok: false, reason: 'mismatch' });
    expect(explainTokenRefusal(tool as never, 'samsar_join_videos')).toContain(
      'the tool and the exact arguments it was quoted for',
    );
    const other = argsHash('samsar_text_to_video', { duration: 11 });
    expect(signer.verify(token, 'samsar_text_to_video', other)).toEqual({ ok: false, reason: 'mismatch' });
    const otherKey = new TokenSigner(Buffer.from('x'.repeat(32)), () => now);
    expect(otherKey.verify(token, 'samsar_text_to_video', hash)).toEqual({ ok: false, reason: 'mismatch' });
    for (const bad of ['not-a-token', '', 'vg2_', 'vg2_AAAA', `vgc1.${token.slice(4)}`, `${token} `]) {
      expect(signer.verify(bad, 'samsar_text_to_video', hash), bad).toMatchObject({ ok: false });
    }
    now += TOKEN_TTL_MS;
    const expired = signer.verify(token, 'samsar_text_to_video', hash);
    expect(expired).toMatchObject({ ok: false, reason: 'expired', claims: { c: 300 } });
    expect(explainTokenRefusal(expired as never, 'samsar_text_to_video')).toContain('expired at');
  });

  it('fail with any one character altered, dropped or added', () => {
    for (const credits of [300, 12.5]) {
      const { token } = signer.mint('samsar_text_to_video', hash, 'credits', credits);
      const variants: string[] = [token.slice(0, -1), token.slice(1), `${token}A`];
      for (let i = 0; i < token.length; i++) {
        for (const c of ALPHABET) {
          if (c !== token[i]) variants.push(`${token.slice(0, i)}${c}${token.slice(i + 1)}`);
        }
        variants.push(token.slice(0, i) + token.slice(i + 1));
      }
      for (const v of variants) {
        expect(signer.verify(v, 'samsar_text_to_video', hash).ok, v).toBe(false);
      }
    }
  });
});
