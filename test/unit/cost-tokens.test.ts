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

  it('verify for the tool and arguments they were minted for, each with its own nonce', () => {
    const a = signer.mint('samsar_text_to_video', hash, 'credits', 300);
    const b = signer.mint('samsar_text_to_video', hash, 'credits', 300);
    expect(a.claims.n).not.toBe(b.claims.n);
    expect(signer.verify(a.token, 'samsar_text_to_video', hash)).toMatchObject({
      ok: true,
      claims: { c: 300 },
    });
  });

  it('refuse another tool, other arguments, expiry, another key and alteration, saying which', () => {
    const { token } = signer.mint('samsar_text_to_video', hash, 'credits', 300);
    const tool = signer.verify(token, 'samsar_join_videos', hash);
    expect(tool).toMatchObject({ ok: false, reason: 'tool' });
    expect(explainTokenRefusal(tool as never, 'samsar_join_videos')).toContain(
      'issued for samsar_text_to_video',
    );
    expect(
      signer.verify(token, 'samsar_text_to_video', argsHash('samsar_text_to_video', { duration: 11 })),
    ).toMatchObject({
      reason: 'arguments',
    });
    const other = new TokenSigner(Buffer.from('x'.repeat(32)), () => now);
    expect(other.verify(token, 'samsar_text_to_video', hash)).toMatchObject({ reason: 'signature' });
    expect(signer.verify(`${token}x`, 'samsar_text_to_video', hash)).toMatchObject({ ok: false });
    expect(signer.verify('not-a-token', 'samsar_text_to_video', hash)).toMatchObject({ reason: 'malformed' });
    now += TOKEN_TTL_MS;
    expect(signer.verify(token, 'samsar_text_to_video', hash)).toMatchObject({ reason: 'expired' });
  });
});
