/**
 * The embedded sandbox: one node:http server on 127.0.0.1 that behaves like both vendors' APIs
 * (under /samsar/v1 and /samautomation) and serves its own result files (under /files).
 * It runs inside the MCP server when no key is configured, on its own with `videogen-mcp sandbox`,
 * and behind every end-to-end test.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Clock, createClock } from '../clock.js';
import type { SandboxCallbackMode } from '../config.js';
import { CallbackLog } from './callbacks.js';
import { SANDBOX_KEYS } from './keys.js';
import { RequestLog } from './recorder.js';
import { matchRoute, type Route, type SandboxResponse } from './router.js';
import { createSamautomationSim, type SamautomationSim } from './samautomation/sim.js';
import { createSamsarSim, type SamsarSim } from './samsar/sim.js';

export { SANDBOX_KEYS };

export interface SandboxOptions {
  clock?: Clock;
  /** Simulated seconds a render takes (default 10). */
  renderSeconds?: number;
  /** How renders call back their webhooks (default on; see callbacks.ts). */
  callbacks?: SandboxCallbackMode;
  port?: number;
  host?: string;
}

export interface SandboxHandle {
  url: string;
  samsarBaseUrl: string;
  samautomationBaseUrl: string;
  keys: typeof SANDBOX_KEYS;
  clock: Clock;
  requests: RequestLog;
  /** Every webhook delivery the sandbox sent, with the receiver's answer. */
  callbacks: CallbackLog;
  samsar: SamsarSim;
  samautomation: SamautomationSim;
  close(): Promise<void>;
}

const MAX_BODY = 5 * 1024 * 1024;

/**
 * Each vendor's error body on its own routes: Samsar answers `{error}` (as its routes do), SamAutomation
 * `{success: false, message}` (its reference's shape, "Invalid JSON data" included).
 */
const samsarError = (message: string) => ({ error: message });
const samautomationError = (message: string) => ({ success: false, message });

interface Mount {
  prefix: string;
  provider: 'samsar' | 'samautomation' | 'files';
  routes: Route[];
  errorBody(message: string): unknown;
  /** The 400 answer to a body that is not JSON. */
  invalidJson: string;
}

function readJson(req: IncomingMessage): Promise<{ body: unknown; tooLarge: boolean; invalid: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_BODY) return resolve({ body: undefined, tooLarge: true, invalid: false });
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text.trim()) return resolve({ body: undefined, tooLarge: false, invalid: false });
      try {
        resolve({ body: JSON.parse(text), tooLarge: false, invalid: false });
      } catch {
        resolve({ body: undefined, tooLarge: false, invalid: true });
      }
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, out: SandboxResponse): void {
  const headers: Record<string, string> = { ...out.headers };
  if (out.raw) {
    res.writeHead(out.status, headers);
    res.end(out.raw);
    return;
  }
  const text = out.body === undefined ? '' : JSON.stringify(out.body);
  if (text) headers['content-type'] ??= 'application/json';
  res.writeHead(out.status, headers);
  res.end(text);
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const clock = options.clock ?? createClock();
  const renderSeconds = options.renderSeconds ?? 10;
  const requests = new RequestLog();
  const callbacks = new CallbackLog();
  let baseUrl = '';
  const simOptions = {
    clock,
    renderSeconds,
    filesUrl: () => `${baseUrl}/files`,
    callbackMode: options.callbacks ?? 'on',
    callbackLog: callbacks,
  };
  const samsar = createSamsarSim(simOptions);
  const samautomation = createSamautomationSim(simOptions);
  const mounts: Mount[] = [
    {
      prefix: '/samsar/v1',
      provider: 'samsar',
      routes: samsar.routes,
      errorBody: samsarError,
      invalidJson: 'Invalid JSON in request body',
    },
    {
      prefix: '/samautomation',
      provider: 'samautomation',
      routes: samautomation.routes,
      errorBody: samautomationError,
      invalidJson: 'Invalid JSON data',
    },
    {
      prefix: '/files',
      provider: 'files',
      routes: [...samsar.fileRoutes, ...samautomation.fileRoutes],
      errorBody: samsarError,
      invalidJson: 'Invalid JSON',
    },
  ];

  const server = createServer(async (req, res) => {
    let errorBody: Mount['errorBody'] = samsarError;
    try {
      const url = new URL(req.url ?? '/', 'http://sandbox');
      const mount = mounts.find((m) => url.pathname === m.prefix || url.pathname.startsWith(`${m.prefix}/`));
      const { body, tooLarge, invalid } = await readJson(req);
      const path = mount ? url.pathname.slice(mount.prefix.length) || '/' : url.pathname;
      requests.add({
        provider: mount?.provider ?? 'files',
        method: req.method ?? 'GET',
        path,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
      });
      errorBody = mount?.errorBody ?? samsarError;
      if (!mount) return send(res, { status: 404, body: errorBody('Not found') });
      if (tooLarge) return send(res, { status: 413, body: errorBody('Payload too large') });
      if (invalid) return send(res, { status: 400, body: errorBody(mount.invalidJson) });
      const match = matchRoute(mount.routes, req.method ?? 'GET', path);
      if (!match) return send(res, { status: 404, body: errorBody(`No route ${req.method} ${path}`) });
      const out = await match.route.handler({
        method: req.method ?? 'GET',
        path,
        query: url.searchParams,
        headers: req.headers,
        body,
        params: match.params,
      });
      send(res, out);
    } catch (err) {
      send(res, { status: 500, body: errorBody(`sandbox error: ${(err as Error).message}`) });
    }
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: baseUrl,
    samsarBaseUrl: `${baseUrl}/samsar/v1`,
    samautomationBaseUrl: `${baseUrl}/samautomation`,
    keys: SANDBOX_KEYS,
    clock,
    requests,
    callbacks,
    samsar,
    samautomation,
    close: () =>
      new Promise<void>((resolve) => {
        callbacks.closed = true;
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
