/**
 * Streamable HTTP at /mcp. Every request passes the guards (Host, Origin, the bearer token that names
 * its principal) first; its body is read here, within the size limit (http-body.ts); then 2026-07-28
 * requests are served per request by createMcpHandler (stateless) and 2025-era requests go to
 * per-client sessions, where elicitation, progress and cancellation work. The principal reaches the
 * tools as ctx.http.authInfo in both eras.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, isJsonContentType, isLegacyRequest } from '@modelcontextprotocol/server';
import type { App } from '../app.js';
import type { Principal } from '../config-principals.js';
import { createServer } from '../server.js';
import { type BodyLimits, declaresTooLarge, readBody, refuseBeforeContinue } from './http-body.js';
import { mountCallbacks } from './http-callbacks.js';
import { jsonRpcError, RPC, writeRpcError } from './http-errors.js';
import { allowedHostnames, authInfoOf, checkRequest, isRejection, principalKey } from './http-guards.js';
import { SessionStore } from './http-sessions.js';

/** MCP requests are small; tool arguments larger than this are refused with 413. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** How much of an oversized body, in all, is read and thrown away before the connection is cut. */
export const DISCARD_BODY_BYTES = 16 * 1024 * 1024;
export const MCP_PATH = '/mcp';

export interface HttpServerOptions {
  port: number;
  host: string;
  /** How long a drain waits for in-flight requests before cutting connections. */
  drainMs?: number;
  /** DISCARD_BODY_BYTES unless set (tests lower it). */
  discardBodyBytes?: number;
}

/** An answer given before the body is read. */
interface Refusal {
  status: number;
  message: string;
  headers?: Record<string, string>;
}

/** A request that passed the guards: who sent it (none when no token is asked). */
interface Admitted {
  principal?: Principal;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  sessions: SessionStore;
  /** Stops accepting, ends sessions, waits for in-flight requests, then closes the app's pools. */
  close(): Promise<void>;
}

export async function startHttpServer(app: App, options: HttpServerOptions): Promise<RunningHttpServer> {
  const { deps } = app;
  const cfg = deps.config.server;
  const allowed = allowedHostnames(options.host, cfg.allowedHosts);
  const limits: BodyLimits = {
    maxBodyBytes: MAX_BODY_BYTES,
    discardBytes: options.discardBodyBytes ?? DISCARD_BODY_BYTES,
  };
  const onerror = (err: Error) => deps.logger.warn(`http: ${err.message}`);
  const factory = () => createServer(deps);
  const modern = createMcpHandler(factory, {
    legacy: 'reject',
    onerror,
    maxRequestBodySize: MAX_BODY_BYTES,
    bus: deps.events,
  });
  const sessions = new SessionStore({
    createServer: factory,
    maxSessions: cfg.maxSessions,
    idleMs: cfg.sessionIdleSeconds * 1000,
    maxBodyBytes: MAX_BODY_BYTES,
    clock: deps.clock,
    logger: deps.logger,
    onerror,
  });
  let draining = false;
  const route = async (
    request: Request,
    req: http.IncomingMessage,
    { principal }: Admitted,
    parsedBody: unknown,
  ): Promise<Response> => {
    if (draining) return jsonRpcError(503, 'Shutting down.', { connection: 'close' });
    // Tools read the principal as ctx.http.authInfo (whose budget, ledger rows and idempotency keys).
    const authInfo = principal ? authInfoOf(principal) : undefined;
    const legacy = await isLegacyRequest(request, parsedBody, { maxRequestBodySize: MAX_BODY_BYTES });
    if (legacy) {
      const key = principalKey(req, principal);
      return sessions.handle(request, { key, principal: principal?.name, parsedBody, authInfo });
    }
    return modern.fetch(request, { ...(parsedBody === undefined ? {} : { parsedBody }), authInfo });
  };
  /** The SDK's adapter writes the answer (with backpressure for SSE); the principal rides along per request. */
  const serveMcp = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    admitted: Admitted,
    parsedBody: unknown,
  ) =>
    toNodeHandler(
      { fetch: (request) => route(request, req, admitted, parsedBody) },
      { onerror, maxRequestBodySize: MAX_BODY_BYTES },
    )(req, res, parsedBody);
  const inFlight = new Set<Promise<void>>();

  /** Guards, path and announced size: what can be refused before a byte of the body is read. */
  const precheck = (req: http.IncomingMessage): Refusal | Admitted => {
    const checked = checkRequest(req, allowed, cfg.principals);
    if (isRejection(checked)) return checked;
    if ((req.url ?? '/').split('?')[0] !== MCP_PATH)
      return { status: 404, message: `Not found: the MCP endpoint is ${MCP_PATH}` };
    if (declaresTooLarge(req, limits)) return { status: 413, message: 'body over the size limit' };
    return checked;
  };
  const refused = (check: Refusal | Admitted): check is Refusal => 'status' in check;
  const log = (req: http.IncomingMessage, status: number, message: string) =>
    deps.logger.info(`http: ${status} ${req.method} ${req.url}: ${message}`);

  const serve = async (req: http.IncomingMessage, res: http.ServerResponse, passed?: Admitted) => {
    const check = passed ?? precheck(req);
    if (refused(check) && check.status !== 413) {
      log(req, check.status, check.message);
      // Drain the unread body so the connection stays usable.
      req.resume();
      return writeRpcError(res, check.status, check.message, check.headers);
    }
    // A 413 announced in the headers is answered by readBody below, as one that only shows while read.
    const admitted = refused(check) ? {} : check;
    let parsedBody: unknown;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const raw = await readBody(req, res, limits);
      if (!raw) {
        if (res.statusCode === 413) log(req, 413, 'body over the size limit');
        return; // answered 413, or the client went away
      }
      if (raw.length > 0) {
        try {
          parsedBody = JSON.parse(raw.toString('utf8'));
        } catch {
          // Not JSON: answered here when it claims to be; otherwise the SDK answers 415.
          if (isJsonContentType(req.headers['content-type'] ?? null))
            return writeRpcError(res, 400, 'Parse error: Invalid JSON', {}, RPC.parseError);
        }
      }
    }
    await serveMcp(req, res, admitted, parsedBody);
  };

  const track = (work: Promise<void>) => {
    const done = work.catch((err: unknown) => onerror(err as Error));
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  };
  // Providers' completion callbacks (VIDEOGEN_PUBLIC_URL): routes of their own, beside /mcp.
  const callbacks = mountCallbacks(deps);
  const server = http.createServer((req, res) =>
    track(callbacks?.handles(req) ? callbacks.serve(req, res) : serve(req, res)),
  );
  // A client that waits for 100 Continue is told no before it sends anything it would be refused.
  server.on('checkContinue', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (callbacks?.handles(req)) return track(callbacks.serveContinued(req, res));
    const check = precheck(req);
    if (!refused(check)) {
      res.writeContinue();
      return track(serve(req, res, check));
    }
    log(req, check.status, check.message);
    if (check.status === 413) return refuseBeforeContinue(res, limits);
    // It sends no body, so the connection cannot carry another request after this answer.
    writeRpcError(res, check.status, check.message, { ...check.headers, connection: 'close' });
  });

  await new Promise<void>((resolve, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port, options.host, () => {
      server.off('error', rejectListen);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      draining = true;
      callbacks?.close();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await sessions.closeAll();
      await modern.close().catch(() => {});
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, options.drainMs ?? 5000).unref());
      await Promise.race([Promise.all(inFlight), timeout]);
      server.closeAllConnections();
      await stopped;
      await app.close();
    })();
    return closing;
  };

  return { url: `http://${hostForUrl}:${port}${MCP_PATH}`, port, sessions, close };
}
