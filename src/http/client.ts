/**
 * The one HTTP client every upstream call goes through: base URL, auth header, time-outs, the retry
 * policy, error mapping and credit headers live here and nowhere else.
 */
import type { Agent, Dispatcher, Pool } from 'undici';
import type { Clock } from '../clock.js';
import {
  baseUrlSetting,
  NetworkError,
  type Provider,
  type UpstreamAnswer,
  UpstreamError,
} from '../errors.js';
import type { Logger } from '../log.js';
import { notConfigured } from '../provider-access.js';
import { redact, redactValue, registerSecret } from '../redact.js';
import { BodyReadError, describeNonJson, errorMessageFrom, type ParsedBody, readBody } from './body.js';
import { type Failure, isRead, type Method, parseRetryAfter, retryDelay } from './retry-policy.js';

export interface ProviderEndpoint {
  /** Or how to get it when it is known only later (the sandbox binds its port on first use). */
  baseUrl: string | (() => Promise<string>);
  apiKey?: string;
  /** Header name and value that carry the key. */
  authHeader(apiKey: string): [string, string];
}

export interface UpstreamRequest {
  provider: Provider;
  method: Method;
  /** Path below the provider's base URL, with its query string (see buildPath/buildQuery). */
  path: string;
  body?: unknown;
  /** False for the documented public routes. */
  auth?: boolean;
  signal?: AbortSignal;
}

export interface Credits {
  charged?: number;
  remaining?: number;
}

export interface UpstreamResponse<T = unknown> {
  status: number;
  data: T;
  headers: Record<string, string | string[] | undefined>;
  /** From x-credits-charged / x-credits-remaining when present. */
  credits: Credits;
}

export interface HttpClientOptions {
  endpoints: Record<Provider, ProviderEndpoint>;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  logger: Logger;
  clock: Clock;
  userAgent?: string;
  /**
   * Waits between attempts (real milliseconds). Defaults to a real timer; tests inject one that
   * records the delay and returns at once.
   */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Error codes meaning the connection never carried our request. */
const NOT_WRITTEN_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** undici's time-out error codes (checked by code so undici itself can load lazily). */
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** undici is loaded on the first upstream call, not at start-up (a stdio server answers initialize sooner). */
let undici: Promise<typeof import('undici')> | undefined;
const loadUndici = () => {
  undici ??= import('undici');
  return undici;
};

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code ?? e?.cause?.code;
}

function headerNumber(value: string | string[] | undefined): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** What a failed answer carried, for finding the provider's id in it: headers and a non-JSON body's start. */
function answerOf(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  parsed: ParsedBody,
): UpstreamAnswer {
  return { status, headers, ...(parsed.kind === 'other' ? { text: redact(parsed.snippet) } : {}) };
}

export class HttpClient {
  private readonly pools = new Map<string, Pool>();
  private rawAgent?: Agent;

  constructor(private readonly options: HttpClientOptions) {
    // Keys are scrubbed from every message this client builds, whoever constructed it.
    for (const e of Object.values(options.endpoints)) registerSecret(e.apiKey);
  }

  endpoint(provider: Provider): ProviderEndpoint {
    return this.options.endpoints[provider];
  }

  hasKey(provider: Provider): boolean {
    return Boolean(this.options.endpoints[provider].apiKey);
  }

  private async newPool(origin: string, connections: number): Promise<Pool> {
    const { Pool } = await loadUndici();
    return new Pool(origin, {
      connections,
      connect: { timeout: this.options.connectTimeoutMs },
      headersTimeout: this.options.responseTimeoutMs,
      bodyTimeout: this.options.responseTimeoutMs,
      keepAliveTimeout: 10_000,
    });
  }

  private async pool(origin: string): Promise<Pool> {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = await this.newPool(origin, 8);
      const raced = this.pools.get(origin);
      if (raced) {
        void pool.close();
        return raced;
      }
      this.pools.set(origin, pool);
    }
    return pool;
  }

  /**
   * The dispatcher for one request. A write gets a connection of its own, closed after it: on a
   * reused keep-alive connection the provider may close its end just as the request goes out, and
   * the reset that follows cannot be told from a provider that failed after accepting it, so a paid
   * call would end "may have been charged" for nothing. A new connection costs a handshake.
   */
  private async dispatcherFor(origin: string, method: Method): Promise<{ pool: Pool; done(): void }> {
    if (isRead(method)) return { pool: await this.pool(origin), done: () => undefined };
    const pool = await this.newPool(origin, 1);
    return { pool, done: () => void pool.close().catch(() => undefined) };
  }

  /** Sends one API request under the retry policy and returns parsed JSON, or throws a typed error. */
  async request<T = unknown>(req: UpstreamRequest): Promise<UpstreamResponse<T>> {
    const endpoint = this.options.endpoints[req.provider];
    const base = new URL(typeof endpoint.baseUrl === 'string' ? endpoint.baseUrl : await endpoint.baseUrl());
    const basePath = base.pathname.replace(/\/+$/, '');
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.options.userAgent ?? 'videogen-mcp',
    };
    if (req.auth !== false) {
      // Nothing is sent without a key: the refusal names the variable to set.
      if (!endpoint.apiKey) throw notConfigured(req.provider);
      const [name, value] = endpoint.authHeader(endpoint.apiKey);
      headers[name] = value;
    }
    let body: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['content-type'] = 'application/json';
    }
    const fullPath = `${basePath}${req.path}`;

    for (let attempt = 1; ; attempt++) {
      let failure: Failure;
      let lastError: unknown;
      const { pool, done } = await this.dispatcherFor(base.origin, req.method);
      try {
        const res = await pool.request({
          method: req.method,
          path: fullPath,
          headers,
          body,
          signal: req.signal,
        });
        const parsed = await readBody(res);
        if (res.statusCode >= 200 && res.statusCode < 300) {
          const emptyAllowed = parsed.kind === 'empty' && (req.method === 'HEAD' || res.statusCode === 204);
          if (parsed.kind === 'json' || emptyAllowed) {
            return {
              status: res.statusCode,
              data: (parsed.kind === 'json' ? parsed.value : null) as T,
              headers: res.headers,
              credits: {
                charged: headerNumber(res.headers['x-credits-charged']),
                remaining: headerNumber(res.headers['x-credits-remaining']),
              },
            };
          }
          failure = { kind: 'unreadable' };
          lastError = this.unreadable(req, res.statusCode, res.headers, parsed);
        } else {
          const retryAfterMs = parseRetryAfter(res.headers['retry-after']);
          const json = parsed.kind === 'json' ? redactValue(parsed.value) : undefined;
          const error = new UpstreamError(
            req.provider,
            res.statusCode,
            redact(
              parsed.kind === 'json'
                ? `${req.provider} ${req.method} ${req.path} failed with ${res.statusCode}: ${errorMessageFrom(parsed.value) ?? 'no message'}`
                : `${req.provider} ${req.method} ${req.path} failed with ${res.statusCode} and answered ${describeNonJson(parsed)}.`,
            ),
            {
              retryAfterSeconds: retryAfterMs !== undefined ? Math.ceil(retryAfterMs / 1000) : undefined,
              body: json,
              answer: answerOf(res.statusCode, res.headers, parsed),
            },
          );
          failure = { kind: 'status', status: res.statusCode, retryAfterMs, refusal: error.refusal };
          lastError = error;
        }
      } catch (err) {
        if (req.signal?.aborted) throw err;
        const code = errorCode(err);
        const written = !NOT_WRITTEN_CODES.has(code ?? '');
        const timeout = TIMEOUT_CODES.has(code ?? '');
        failure = { kind: 'network', written };
        const partial = err instanceof BodyReadError ? err : undefined;
        lastError = new NetworkError(
          req.provider,
          redact(
            `${req.provider} ${req.method} ${req.path}: ${timeout ? 'timed out' : 'network error'}${partial ? ' while reading the answer' : ''} (${code ?? (err as Error).message})`,
          ),
          written,
          timeout,
          partial ? { ...partial.answer, text: redact(partial.answer.text ?? '') } : undefined,
        );
      } finally {
        done();
      }
      const delay = retryDelay(req.method, failure, attempt);
      if (delay === undefined) throw lastError;
      this.options.logger.debug(`retrying ${req.provider} ${req.method} ${req.path}`, {
        attempt,
        delay_ms: delay,
      });
      await this.sleep(delay, req.signal);
    }
  }

  /**
   * A 2xx whose body is not the documented JSON. After a write the request may have been carried
   * out, so "check the base URL" is not all that is said.
   */
  private unreadable(
    req: UpstreamRequest,
    status: number,
    resHeaders: Record<string, string | string[] | undefined>,
    parsed: ParsedBody,
  ): UpstreamError {
    const what = describeNonJson(parsed);
    return new UpstreamError(
      req.provider,
      status,
      redact(`${req.method} ${req.path} answered ${status} with ${what} instead of JSON.`),
      {
        kind: 'unexpected_response',
        answer: answerOf(status, resHeaders, parsed),
        hint: isRead(req.method)
          ? undefined
          : `The request was sent and the provider may have carried it out: check (list or get it) before sending it again. If every call answers like this, check ${baseUrlSetting(req.provider)}.`,
      },
    );
  }

  /** Retry waits are real time: the provider's Retry-After is not simulated. */
  private sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (this.options.sleep) return this.options.sleep(ms, signal);
    return this.options.clock.sleep(ms * this.options.clock.scale, signal);
  }

  /**
   * A plain GET of a non-API URL (result files on a CDN), with the same time-outs and no auth header.
   * The caller owns the body stream and must consume or destroy it.
   */
  async getRaw(
    url: string,
    options: { headers?: Record<string, string>; signal?: AbortSignal } = {},
  ): Promise<Dispatcher.ResponseData> {
    if (!this.rawAgent) {
      const { Agent } = await loadUndici();
      this.rawAgent ??= new Agent({
        connect: { timeout: this.options.connectTimeoutMs },
        headersTimeout: this.options.responseTimeoutMs,
        bodyTimeout: this.options.responseTimeoutMs,
      });
    }
    return this.rawAgent.request({
      origin: new URL(url).origin,
      path: new URL(url).pathname + new URL(url).search,
      method: 'GET',
      headers: { 'user-agent': this.options.userAgent ?? 'videogen-mcp', ...options.headers },
      signal: options.signal,
    });
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.close()));
    const raw = this.rawAgent;
    this.rawAgent = undefined;
    await raw?.close();
  }
}

export const SAMSAR_AUTH = (key: string): [string, string] => ['authorization', `Bearer ${key}`];
export const SAMAUTOMATION_AUTH = (key: string): [string, string] => ['x-api-key', key];
