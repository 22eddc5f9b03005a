/**
 * The providers' completion callbacks, beside /mcp: `POST /callbacks/samsar/<token>` and
 * `POST /callbacks/samautomation/<token>`. They take no MCP bearer token and no Host check (a
 * provider sends the public host name), so they accept only what they expect, and nothing else:
 *
 * - at most a small burst per source address (429 past it), and bodies of at most 64 KiB (413);
 * - a token path that names a live job (404 otherwise: unknown, expired, or another provider's);
 * - for SamAutomation, X-Samautomation-Signature verified with the job's own secret, fresh (5
 *   minutes) and used once (401 for a bad or stale signature, 409 for one already received).
 *
 * A callback is a wake-up, never the truth: nothing it says is reported or written about money. It
 * publishes the job's wake-up on the event bus (any instance's wait on the job checks the provider
 * at once) and marks the job as called back. MCP sessions are never touched.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { receiveCallbacks } from '../callbacks/receiving.js';
import { callbackFor, markCalledBack } from '../callbacks/records.js';
import { checkSignature, SIGNATURE_WINDOW_SECONDS } from '../callbacks/signature.js';
import { publishWake } from '../callbacks/wake.js';
import type { AppDeps } from '../deps.js';
import type { Provider } from '../errors.js';
import { PROVIDER_NAME } from '../provider-access.js';
import { type BodyLimits, declaresTooLarge, readBody, refuseBeforeContinue } from './http-body.js';
import { writeRpcError } from './http-errors.js';
import { isLoopbackHost } from './http-guards.js';
import { AddressBuckets } from './rate-limit.js';

export const CALLBACK_PREFIX = '/callbacks/';
export const MAX_CALLBACK_BYTES = 64 * 1024;
/** A burst of this many callbacks per address (a batch of renders ending together), then 10 a second. */
export const CALLBACK_BURST = 60;
const REFILL_PER_SECOND = 10;
const REPLAY_NAMESPACE = 'callback-signature';
/** A signature is fresh for the window either side of now: remembered a little longer than that. */
const REPLAY_TTL_MS = (2 * SIGNATURE_WINDOW_SECONDS + 60) * 1000;
const ROUTE = /^\/callbacks\/(samsar|samautomation)\/([^/]+)$/;

export interface CallbackRoutes {
  /** Stops asking providers for callbacks (creations are then polled only). */
  close(): void;
  handles(req: IncomingMessage): boolean;
  serve(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** For a client that waits for `100 Continue`: refuses an announced oversized body before it is sent. */
  serveContinued(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

const pathOf = (req: IncomingMessage) => (req.url ?? '/').split('?')[0]!;

/** The job id a payload names, for a callback that beat its creation's answer (never trusted further). */
function idInPayload(provider: Provider, raw: Buffer): string | undefined {
  try {
    const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    const data = (body.data ?? {}) as Record<string, unknown>;
    const id = provider === 'samsar' ? (body.request_id ?? body.session_id) : data.id;
    return typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The callback routes when VIDEOGEN_PUBLIC_URL is set (undefined otherwise): from now on creations
 * ask for callbacks at that URL.
 */
export function mountCallbacks(deps: AppDeps): CallbackRoutes | undefined {
  const base = deps.config.publicUrl;
  if (!base) return undefined;
  const routes = callbackRoutes(deps);
  const stop = receiveCallbacks(deps, base);
  deps.logger.info(`callbacks: renders call back at ${base}${CALLBACK_PREFIX}...; waits end as they finish`);
  const live = (['samsar', 'samautomation'] as const).filter((p) => deps.config[p].mode === 'live');
  if (live.length && isLoopbackHost(new URL(base).hostname)) {
    deps.logger.warn(
      `VIDEOGEN_PUBLIC_URL is a loopback address: ${live.map((p) => PROVIDER_NAME[p]).join(' and ')} cannot reach it, so their renders are followed by polling in effect (set the URL providers reach this server at)`,
    );
  }
  return { ...routes, close: stop };
}

function callbackRoutes(deps: AppDeps): Omit<CallbackRoutes, 'close'> {
  const limits: BodyLimits = { maxBodyBytes: MAX_CALLBACK_BYTES, discardBytes: 4 * MAX_CALLBACK_BYTES };
  const buckets = new AddressBuckets({ capacity: CALLBACK_BURST, refillPerSecond: REFILL_PER_SECOND });
  // The token is a credential: a log line names the route, never the token.
  const log = (req: IncomingMessage, status: number, message: string) => {
    const route = ROUTE.exec(pathOf(req));
    const where = route ? `/callbacks/${route[1]}/...` : '/callbacks/...';
    deps.logger.info(`http: ${status} ${req.method} ${where}: ${message}`);
  };
  const refuse = (
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    message: string,
    headers: Record<string, string> = {},
  ) => {
    log(req, status, message);
    writeRpcError(res, status, message, headers);
  };

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const retryAfter = buckets.take(req.socket.remoteAddress ?? 'unknown');
    if (retryAfter) {
      req.resume();
      return refuse(req, res, 429, 'Too many callbacks from this address', {
        'retry-after': String(retryAfter),
        connection: 'close',
      });
    }
    const raw = await readBody(req, res, limits);
    if (!raw) {
      if (res.statusCode === 413) log(req, 413, 'body over the size limit');
      return;
    }
    if (req.method !== 'POST') return refuse(req, res, 405, 'Callbacks are POSTed', { allow: 'POST' });
    const route = ROUTE.exec(pathOf(req));
    if (!route) return refuse(req, res, 404, 'Not found: no such callback route');
    const provider = route[1] as Provider;
    let record: Awaited<ReturnType<typeof callbackFor>>;
    try {
      record = await callbackFor(deps, route[2]!);
    } catch (err) {
      return refuse(req, res, 503, `Cannot check the callback now: ${(err as Error).message}`, {
        'retry-after': '5',
      });
    }
    if (!record || record.provider !== provider) {
      return refuse(req, res, 404, 'Not found: no live job for this callback');
    }
    if (provider === 'samautomation') {
      const header = req.headers['x-samautomation-signature'];
      const check = checkSignature(
        Array.isArray(header) ? header[0] : header,
        record.secret ?? '',
        raw,
        deps.clock.wallNow(),
      );
      if (!check.ok) return refuse(req, res, 401, `Bad signature (${check.problem})`);
      let first: boolean;
      try {
        first = await deps.store.acceptOnce(REPLAY_NAMESPACE, check.digest, REPLAY_TTL_MS);
      } catch (err) {
        return refuse(req, res, 503, `Cannot check the callback now: ${(err as Error).message}`, {
          'retry-after': '5',
        });
      }
      if (!first) return refuse(req, res, 409, 'This delivery was received already');
    }
    const id = record.id ?? idInPayload(provider, raw);
    if (!id) return refuse(req, res, 404, 'Not found: the job of this callback is not known yet');
    await markCalledBack(deps, provider, id, deps.clock.wallNow()).catch((err: Error) =>
      deps.logger.warn(`callbacks: ${provider} job ${id} not marked (${err.message})`),
    );
    publishWake(deps.events, provider, id);
    deps.logger.info(`callbacks: ${provider} job ${id} called back; its waits check it now`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"received":true}');
  };

  return {
    handles: (req) => pathOf(req).startsWith(CALLBACK_PREFIX),
    serve,
    serveContinued: async (req, res) => {
      if (declaresTooLarge(req, limits)) {
        log(req, 413, 'body over the size limit');
        return refuseBeforeContinue(res, limits);
      }
      res.writeContinue();
      await serve(req, res);
    },
  };
}
