/**
 * The one place a creation request gets the server's completion callback, while this server
 * receives callbacks (src/callbacks/receiving.ts): Samsar's `webhookUrl`, SamAutomation's
 * `exports.callback_url` with a per-job `callback_secret`. It works on the request as built, after
 * the charge guard decided: the arguments the agent confirmed (and their hash in a confirmation
 * token) stay exactly as they were. A creation that names its own webhook or callback is sent as
 * given and followed by polling. A callback that cannot be prepared (the store is down) is left out:
 * it never fails or delays a paid call beyond one store write, and the job is then polled.
 */

import { callbackBase } from '../callbacks/receiving.js';
import { bindCallback, type IssuedCallback, issueCallback } from '../callbacks/records.js';
import type { CatalogueEntry, JobKind } from '../catalogue/define.js';
import type { AppDeps } from '../deps.js';
import type { UpstreamResponse } from '../http/client.js';
import { jobIdFrom } from './result.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** Job kinds whose provider documents a completion callback (AI jobs have none: polled). */
const CALLS_BACK: ReadonlySet<JobKind> = new Set([
  'samsar_session',
  'samautomation_task',
  'samautomation_advanced',
]);

/**
 * How to put the callback into a built body, or undefined when the body names one of its own.
 * Samsar: `webhookUrl` beside `input`. SamAutomation: `exports` inside `config` (advanced), inside
 * `data` (loop), else at the root (mix, simple), merged with the destinations the agent gave.
 */
function callbackSlot(entry: CatalogueEntry, body: unknown): ((c: IssuedCallback) => unknown) | undefined {
  if (!isObject(body)) return undefined;
  if (entry.provider === 'samsar') {
    if (body.webhookUrl !== undefined) return undefined;
    return (c) => ({ ...body, webhookUrl: c.url });
  }
  const where = isObject(body.config) ? 'config' : isObject(body.data) ? 'data' : undefined;
  const container = where ? (body[where] as Json) : body;
  const given = isObject(container.exports) ? container.exports : {};
  // An advanced preview answers at once: there is no render to call back.
  const preview = isObject(container.render_options) && container.render_options.mode === 'preview';
  if (given.callback_url !== undefined || preview) return undefined;
  return (c) => {
    const next = { ...container, exports: { ...given, callback_url: c.url, callback_secret: c.secret } };
    return where ? { ...body, [where]: next } : next;
  };
}

export interface PreparedRequest {
  body: unknown;
  /** After the answer: ties the callback to the job id it carries. Never throws. */
  answered(res: UpstreamResponse): Promise<void>;
}

const unchanged = (body: unknown): PreparedRequest => ({ body, answered: async () => {} });

export async function withServerCallback(
  entry: CatalogueEntry,
  body: unknown,
  deps: AppDeps,
): Promise<PreparedRequest> {
  const base = callbackBase(deps);
  const put = base && entry.job && CALLS_BACK.has(entry.job) ? callbackSlot(entry, body) : undefined;
  if (!base || !put) return unchanged(body);
  let issued: IssuedCallback;
  try {
    issued = await issueCallback(deps, base, entry.provider, entry.job!);
  } catch (err) {
    deps.logger.warn(`callbacks: not asked for ${entry.name} (${(err as Error).message}); it will be polled`);
    return unchanged(body);
  }
  return {
    body: put(issued),
    answered: async (res) => {
      const id = jobIdFrom(issued.kind, res.data);
      if (!id) return;
      try {
        await bindCallback(deps, issued, id);
      } catch (err) {
        deps.logger.warn(`callbacks: job ${id} not recorded (${(err as Error).message}); it will be polled`);
      }
    },
  };
}
