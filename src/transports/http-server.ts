/**
 * Streamable HTTP at /mcp. Every request passes the guards (Host, Origin, bearer token) first;
 * then 2026-07-28 requests are served per request by createMcpHandler (stateless) and 2025-era
 * requests go to per-client sessions, where elicitation, progress and cancellation work.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, isLegacyRequest } from '@modelcontextprotocol/server';
import type { App } from '../app.js';
import { createServer } from '../server.js';
import { allowedHostnames, checkRequest } from './http-guards.js';
import { jsonRpcError, SessionStore } from './http-sessions.js';

/** MCP requests are small; tool arguments larger than this are refused with 413. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
export const MCP_PATH = '/mcp';

export interface HttpServerOptions {
  port: number;
  host: string;
  /** How long a drain waits for in-flight requests before cutting connections. */
  drainMs?: number;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  sessions: SessionStore;
  /** Stops accepting, ends sessions, waits for in-flight requests, then closes the app's pools. */
  close(): Promise<void>;
}

function reject(
  res: http.ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

export async function startHttpServer(app: App, options: HttpServerOptions): Promise<RunningHttpServer> {
  const { deps } = app;
  const cfg = deps.config.server;
  const allowed = allowedHostnames(options.host, cfg.allowedHosts);
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
    onerror,
  });
  let draining = false;
  const route = {
    fetch: async (request: Request): Promise<Response> => {
      if (draining) return jsonRpcError(503, 'Shutting down.', { connection: 'close' });
      const legacy = await isLegacyRequest(request, undefined, { maxRequestBodySize: MAX_BODY_BYTES });
      return legacy ? sessions.handle(request) : modern.fetch(request);
    },
  };
  const nodeHandler = toNodeHandler(route, { onerror, maxRequestBodySize: MAX_BODY_BYTES });
  const inFlight = new Set<Promise<void>>();

  const server = http.createServer((req, res) => {
    const rejection = checkRequest(req, allowed, cfg.token);
    if (rejection) {
      deps.logger.info(`http: ${rejection.status} ${req.method} ${req.url}: ${rejection.message}`);
      // Drain the unread body so the connection stays usable.
      req.resume();
      return reject(res, rejection.status, rejection.message, rejection.headers);
    }
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname !== MCP_PATH) {
      req.resume();
      return reject(res, 404, `Not found: the MCP endpoint is ${MCP_PATH}`);
    }
    const done = nodeHandler(req, res).catch((err: unknown) => onerror(err as Error));
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
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
