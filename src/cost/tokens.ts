/**
 * Confirmation tokens: HMAC-SHA256 over tool, argument hash, billing class, quoted amount, expiry and
 * a nonce. An agent cannot compute one, and one token confirms exactly one submission (the nonce is
 * the ledger id that makes a replay send nothing).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { BillingClass } from '../catalogue/define.js';

export const TOKEN_TTL_MS = 10 * 60 * 1000;
const PREFIX = 'vgc1';

export interface TokenClaims {
  /** Tool name. */
  t: string;
  /** argsHash of the arguments it confirms. */
  h: string;
  b: BillingClass;
  /** Credits confirmed (0 for quota and money). */
  c: number;
  /** Expiry, ms since the epoch (server clock). */
  e: number;
  /** Nonce: the ledger id of the submission this token may make. */
  n: string;
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'malformed' | 'signature' | 'tool' | 'arguments' | 'expired'; claims?: TokenClaims };

export class TokenSigner {
  constructor(
    private readonly key: Buffer,
    private readonly now: () => number,
  ) {}

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }

  mint(
    tool: string,
    hash: string,
    billing: BillingClass,
    credits: number,
  ): { token: string; claims: TokenClaims } {
    const claims: TokenClaims = {
      t: tool,
      h: hash,
      b: billing,
      c: credits,
      e: this.now() + TOKEN_TTL_MS,
      n: randomBytes(12).toString('base64url'),
    };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${PREFIX}.${payload}.${this.sign(payload)}`, claims };
  }

  verify(token: string, tool: string, hash: string): TokenCheck {
    const [prefix, payload, sig] = token.split('.');
    if (prefix !== PREFIX || !payload || !sig) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return { ok: false, reason: 'signature' };
    }
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (claims.t !== tool) return { ok: false, reason: 'tool', claims };
    if (claims.h !== hash) return { ok: false, reason: 'arguments', claims };
    if (claims.e <= this.now()) return { ok: false, reason: 'expired', claims };
    return { ok: true, claims };
  }
}

/** Why a token was refused, in words an agent can act on. */
export function explainTokenRefusal(check: Exclude<TokenCheck, { ok: true }>, tool: string): string {
  switch (check.reason) {
    case 'malformed':
    case 'signature':
      return 'The confirmation_token was not issued by this server or was altered.';
    case 'tool':
      return `The confirmation_token was issued for ${check.claims?.t}, not ${tool}.`;
    case 'arguments':
      return `The confirmation_token was issued for other arguments of ${tool}; a token binds the exact arguments it was quoted for.`;
    case 'expired':
      return `The confirmation_token expired at ${new Date(check.claims?.e ?? 0).toISOString()}.`;
  }
}
