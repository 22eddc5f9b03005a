/**
 * Confirmation tokens, short enough for a model to copy (at most 48 characters): the billing class,
 * the quoted amount, the expiry and a nonce, sealed with a 96-bit truncated HMAC-SHA256 that also
 * covers the tool and the argument hash. Those two are not in the token: the verifier recomputes the
 * MAC from the call it checks, so a token for other arguments fails exactly as a forgery does. No
 * state is kept: any process with the same key verifies it. The nonce is the ledger id that makes a
 * replay send nothing.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { BillingClass } from '../catalogue/define.js';

export const TOKEN_TTL_MS = 10 * 60 * 1000;
const PREFIX = 'vg2_';
/** Bytes of HMAC kept: 96 bits. */
const MAC_BYTES = 12;
const NONCE_BYTES = 8;
/** flags, expiry (uint32 seconds), nonce; then the amount; then the MAC. */
const HEAD_BYTES = 1 + 4 + NONCE_BYTES;
const BILLING: readonly BillingClass[] = ['credits', 'quota', 'money', 'free'];
/** Flag bit: the amount is a float64 (not a whole number of credits). */
const FLOAT = 0b100;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface TokenClaims {
  /** Tool name. */
  t: string;
  /** argsHash of the arguments it confirms. */
  h: string;
  b: BillingClass;
  /** Credits confirmed (0 for quota and money). */
  c: number;
  /** Expiry, ms since the epoch (server clock), on a whole second. */
  e: number;
  /** Nonce: the ledger id of the submission this token may make. */
  n: string;
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'malformed' | 'mismatch' | 'expired'; claims?: TokenClaims };

/** Unsigned LEB128: 1 byte up to 127 credits, 2 up to 16,383, 3 up to 2,097,151. */
function varint(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  do {
    const low = v % 128;
    v = Math.floor(v / 128);
    out.push(v > 0 ? low | 0x80 : low);
  } while (v > 0);
  return Buffer.from(out);
}

function readVarint(bytes: Buffer): number | undefined {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    value += (b & 0x7f) * scale;
    scale *= 128;
    // The last byte, and only the last, ends the number.
    if ((b & 0x80) === 0) return i === bytes.length - 1 ? value : undefined;
  }
  return undefined;
}

function encodeAmount(credits: number): { flag: number; bytes: Buffer } {
  if (Number.isSafeInteger(credits) && credits >= 0) return { flag: 0, bytes: varint(credits) };
  const bytes = Buffer.alloc(8);
  bytes.writeDoubleBE(credits);
  return { flag: FLOAT, bytes };
}

export class TokenSigner {
  constructor(
    private readonly key: Buffer,
    private readonly now: () => number,
  ) {}

  private mac(tool: string, hash: string, body: Buffer): Buffer {
    return createHmac('sha256', this.key)
      .update(`${PREFIX}\n${tool}\n${hash}\n`)
      .update(body)
      .digest()
      .subarray(0, MAC_BYTES);
  }

  mint(
    tool: string,
    hash: string,
    billing: BillingClass,
    credits: number,
  ): { token: string; claims: TokenClaims } {
    const seconds = Math.ceil((this.now() + TOKEN_TTL_MS) / 1000);
    const nonce = randomBytes(NONCE_BYTES);
    const amount = encodeAmount(credits);
    const head = Buffer.alloc(HEAD_BYTES);
    head[0] = BILLING.indexOf(billing) | amount.flag;
    head.writeUInt32BE(seconds, 1);
    nonce.copy(head, 5);
    const body = Buffer.concat([head, amount.bytes]);
    const token = PREFIX + Buffer.concat([body, this.mac(tool, hash, body)]).toString('base64url');
    const claims: TokenClaims = {
      t: tool,
      h: hash,
      b: billing,
      c: credits,
      e: seconds * 1000,
      n: nonce.toString('base64url'),
    };
    return { token, claims };
  }

  verify(token: string, tool: string, hash: string): TokenCheck {
    const text = token.startsWith(PREFIX) ? token.slice(PREFIX.length) : '';
    if (!BASE64URL.test(text)) return { ok: false, reason: 'malformed' };
    const bytes = Buffer.from(text, 'base64url');
    // The decoder ignores a last character's spare bits: only the canonical spelling is the token.
    if (bytes.toString('base64url') !== text || bytes.length < HEAD_BYTES + 1 + MAC_BYTES) {
      return { ok: false, reason: 'malformed' };
    }
    const body = bytes.subarray(0, bytes.length - MAC_BYTES);
    const given = bytes.subarray(bytes.length - MAC_BYTES);
    if (!timingSafeEqual(this.mac(tool, hash, body), given)) return { ok: false, reason: 'mismatch' };
    // Signed by this key for this call: what follows was written by mint().
    const flags = body[0]!;
    const rest = body.subarray(HEAD_BYTES);
    const credits = flags & FLOAT ? (rest.length === 8 ? rest.readDoubleBE(0) : undefined) : readVarint(rest);
    const billing = BILLING[flags & 0b11];
    if (credits === undefined || !billing) return { ok: false, reason: 'malformed' };
    const claims: TokenClaims = {
      t: tool,
      h: hash,
      b: billing,
      c: credits,
      e: body.readUInt32BE(1) * 1000,
      n: body.subarray(5, HEAD_BYTES).toString('base64url'),
    };
    if (claims.e <= this.now()) return { ok: false, reason: 'expired', claims };
    return { ok: true, claims };
  }
}

/** Why a token was refused, in words an agent can act on. */
export function explainTokenRefusal(check: Exclude<TokenCheck, { ok: true }>, tool: string): string {
  switch (check.reason) {
    case 'malformed':
      return 'The confirmation_token is not one this server issues (it may be cut short or altered).';
    case 'mismatch':
      return `The confirmation_token does not match this call of ${tool}: a token is valid only for the tool and the exact arguments it was quoted for, unaltered, on a server with the same secret.`;
    case 'expired':
      return `The confirmation_token expired at ${new Date(check.claims?.e ?? 0).toISOString()}.`;
  }
}
