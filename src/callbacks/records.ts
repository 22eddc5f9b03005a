/**
 * What the server keeps about the completion callbacks it asks providers for, in the money store's
 * expiring keyed values (files or PostgreSQL), so whichever instance a callback reaches can check it:
 *
 * - per callback, under the digest of its path token (the token itself is never stored): the job's
 *   provider and kind, its id once the creation answered, and for SamAutomation the secret its
 *   deliveries are signed with;
 * - per job, a mark that a callback is expected, holding the wall-clock time of the last verified
 *   one (0 before any), which slows the safety-net polling and lets a wait that starts after a
 *   callback check at once.
 *
 * Tokens and secrets carry a prefix that redaction recognises by pattern (src/redact.ts), so none
 * can leave in a result or log line and a long-running server registers nothing per job.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { JobKind } from '../catalogue/define.js';
import type { AppDeps } from '../deps.js';
import type { Provider } from '../errors.js';
import { GENERATED_SECRET_PREFIXES } from '../redact.js';

const TOKENS = 'callback-token';
const JOBS = 'callback-job';
/** Longer than any render; a callback after it finds no job (404) and the wait has polled by then. */
export const CALLBACK_TTL_MS = 48 * 3600_000;
const TOKEN_PREFIX = GENERATED_SECRET_PREFIXES.callbackToken;
const SECRET_PREFIX = GENERATED_SECRET_PREFIXES.callbackSecret;
/** A prefix and 24 random bytes, base64url: what a path token looks like, checked before the store is asked. */
export const TOKEN_PATTERN = new RegExp(`^${TOKEN_PREFIX}[A-Za-z0-9_-]{32}$`);

export interface CallbackRecord {
  provider: Provider;
  kind: JobKind;
  /** Known once the creation answered. */
  id?: string;
  /** SamAutomation: the HMAC key of X-Samautomation-Signature. */
  secret?: string;
}

export interface IssuedCallback extends CallbackRecord {
  token: string;
  /** The URL the provider is given. */
  url: string;
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');
const jobKey = (provider: Provider, id: string) => `${provider}:${id}`;

/** A new token (and secret) for one creation, stored before the request leaves. */
export async function issueCallback(
  deps: Pick<AppDeps, 'store'>,
  base: string,
  provider: Provider,
  kind: JobKind,
): Promise<IssuedCallback> {
  const token = `${TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
  const secret =
    provider === 'samautomation' ? `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}` : undefined;
  const record: CallbackRecord = { provider, kind, ...(secret ? { secret } : {}) };
  await deps.store.putValue(TOKENS, digest(token), JSON.stringify(record), CALLBACK_TTL_MS);
  return { ...record, token, url: `${base}/callbacks/${provider}/${token}` };
}

/** Ties an issued callback to the job the creation answered with; marks the job as expecting it. */
export async function bindCallback(
  deps: Pick<AppDeps, 'store'>,
  issued: IssuedCallback,
  id: string,
): Promise<void> {
  const { token: _t, url: _u, ...record } = issued;
  await deps.store.putValue(TOKENS, digest(issued.token), JSON.stringify({ ...record, id }), CALLBACK_TTL_MS);
  await deps.store.putValue(JOBS, jobKey(issued.provider, id), '0', CALLBACK_TTL_MS);
}

/** The live callback a path token names, or undefined. */
export async function callbackFor(
  deps: Pick<AppDeps, 'store'>,
  token: string,
): Promise<CallbackRecord | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const raw = await deps.store.getValue(TOKENS, digest(token));
  if (!raw) return undefined;
  return JSON.parse(raw) as CallbackRecord;
}

/**
 * Undefined when no callback is expected for the job (polling at the usual pace); else the
 * wall-clock time of the last verified callback, 0 before any.
 */
export async function callbackMark(
  deps: Pick<AppDeps, 'store'>,
  provider: Provider,
  id: string,
): Promise<number | undefined> {
  const raw = await deps.store.getValue(JOBS, jobKey(provider, id));
  return raw === undefined ? undefined : Number(raw) || 0;
}

export async function markCalledBack(
  deps: Pick<AppDeps, 'store'>,
  provider: Provider,
  id: string,
  at: number,
): Promise<void> {
  await deps.store.putValue(JOBS, jobKey(provider, id), String(at), CALLBACK_TTL_MS);
}
