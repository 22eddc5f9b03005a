/**
 * Shared plumbing for JSON resources: cached upstream reads (models and fonts about an hour, lists
 * about 30 s) and the read-result shape, with secrets scrubbed.
 */
import type { ReadResourceResult } from '@modelcontextprotocol/server';
import type { AppDeps } from '../deps.js';
import type { Provider } from '../errors.js';
import { redactValue } from '../redact.js';

export const HOUR_MS = 60 * 60 * 1000;
export const LIST_MS = 30 * 1000;

/** A cached GET below a provider's base URL. */
export function cachedGet(
  deps: AppDeps,
  key: string,
  ttlMs: number,
  provider: Provider,
  path: string,
  auth = true,
): Promise<unknown> {
  return deps.cache.get(key, ttlMs, async () => {
    const res = await deps.http.request({ provider, method: 'GET', path, auth });
    return res.data;
  });
}

export function jsonContents(uri: string, data: unknown): ReadResourceResult {
  return {
    contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(redactValue(data), null, 2) }],
  };
}

/** Values of `value` that start with what the person typed so far, a few at most. */
export function completeFrom(values: Iterable<string>, typed: string, max = 20): string[] {
  const out: string[] = [];
  for (const v of values) {
    if (v.startsWith(typed) && !out.includes(v)) out.push(v);
    if (out.length >= max) break;
  }
  return out;
}
