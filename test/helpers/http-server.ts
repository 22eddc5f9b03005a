/**
 * Starts the real HTTP transport in process (createApp + startHttpServer on 127.0.0.1, random port)
 * against the embedded sandbox, and connects real MCP clients of each era to it over real HTTP.
 */
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1HttpTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import {
  type HttpServerOptions,
  type RunningHttpServer,
  startHttpServer,
} from '../../src/transports/http-server.js';
import { freePort } from './fake-upstream.js';

export interface HttpHarness {
  app: App;
  sandbox: SandboxHandle;
  server: RunningHttpServer;
  url: string;
  logs: string[];
  close(): Promise<void>;
}

/**
 * With `callbacks`, the server listens on a port chosen beforehand and VIDEOGEN_PUBLIC_URL points at
 * itself (http://127.0.0.1:PORT), so the sandbox's completion callbacks reach it.
 */
export async function startHttpHarness(
  env: Record<string, string> = {},
  host = '127.0.0.1',
  serverOptions: Pick<HttpServerOptions, 'discardBodyBytes'> & { callbacks?: boolean } = {},
): Promise<HttpHarness> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'videogen-http-'));
  const { callbacks, ...options } = serverOptions;
  const port = callbacks ? await freePort() : 0;
  const config = loadConfig({
    VIDEOGEN_SANDBOX: '1',
    VIDEOGEN_DATA_DIR: dataDir,
    VIDEOGEN_OUTPUT_DIR: path.join(dataDir, 'videos'),
    VIDEOGEN_LOG_LEVEL: 'debug',
    ...(callbacks ? { VIDEOGEN_PUBLIC_URL: `http://127.0.0.1:${port}` } : {}),
    ...env,
  });
  const logs: string[] = [];
  const app = await createApp(
    config,
    createLogger('debug', (line) => logs.push(line)),
  );
  const server = await startHttpServer(app, { port, host, drainMs: 1000, ...options });
  return {
    app, // started here so tests can step its clock; undefined when keys point elsewhere
    sandbox: (await app.deps.sandbox?.start())!,
    server,
    url: server.url,
    logs,
    close: () => server.close(),
  };
}

export type HttpEra = 'v1' | '2025' | '2026';

export interface ConnectedClient {
  listTools(): Promise<{ tools: Array<{ name: string }> }>;
  callTool(
    name: string,
    args?: Record<string, unknown>,
    options?: { onprogress?: (p: { progress: number; total?: number; message?: string }) => void },
  ): Promise<{
    isError?: boolean;
    content?: Array<{ type: string; text?: string }>;
    structuredContent?: Record<string, unknown>;
  }>;
  era(): string | undefined;
  close(): Promise<void>;
}

/** Connects one real client of the given era; `headers` go on every request (e.g. Authorization). */
export async function connectClient(
  url: string,
  era: HttpEra,
  headers: Record<string, string> = {},
): Promise<ConnectedClient> {
  if (era === 'v1') {
    const c = new V1Client({ name: 'interop-v1', version: '1.0.0' });
    await c.connect(new V1HttpTransport(new URL(url), { requestInit: { headers } }) as never);
    return {
      listTools: () => c.listTools() as never,
      callTool: (name, args = {}, options) =>
        c.callTool({ name, arguments: args }, undefined, options as never) as never,
      era: () => 'legacy',
      close: () => c.close(),
    };
  }
  const c = new Client({ name: `interop-${era}`, version: '1.0.0' }, {
    versionNegotiation: { mode: era === '2026' ? { pin: '2026-07-28' } : 'legacy' },
  } as never);
  await c.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }) as never);
  return {
    listTools: () => c.listTools() as never,
    callTool: (name, args = {}, options) => c.callTool({ name, arguments: args }, options as never) as never,
    era: () => c.getProtocolEra(),
    close: () => c.close(),
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  path?: string;
  /** The client address to send from (any 127.x.y.z works on loopback): another client, to the server. */
  localAddress?: string;
}

function requestOptions(url: string, options: RawRequestOptions): http.RequestOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port,
    path: options.path ?? u.pathname,
    method: options.method ?? 'POST',
    localAddress: options.localAddress,
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...options.headers,
    },
  };
}

/** A raw HTTP request, so tests control every header (fetch will not let them set Host). */
export function rawRequest(url: string, options: RawRequestOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(requestOptions(url, options), (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export const INITIALIZE_BODY = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

/** A raw request whose response (an SSE stream) stays open: read it as it arrives, end it at will. */
export interface OpenStream {
  /** The response status, once the response has begun (0 before). */
  status(): number;
  /** Everything received so far. */
  text(): string;
  /** Resolves once the received text contains `needle`. */
  waitFor(needle: string): Promise<void>;
  /** True once the server ended the response. */
  ended(): boolean;
  /** Drops the connection, as a client that goes away does. */
  close(): void;
}

/**
 * Sends the request and resolves once it has been sent (`until: 'sent'`: a stream whose server
 * may send nothing for a while) or once the response has begun (the default).
 */
export function openStream(
  url: string,
  options: RawRequestOptions = {},
  until: 'sent' | 'response' = 'response',
): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    let status = 0;
    let text = '';
    let ended = false;
    const waiting: Array<() => void> = [];
    const req = http.request(requestOptions(url, options), (res) => {
      status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
        for (const check of waiting.splice(0)) check();
      });
      res.on('end', () => {
        ended = true;
      });
      res.on('error', () => {});
      if (until === 'response') resolve(handle);
    });
    const handle: OpenStream = {
      status: () => status,
      text: () => text,
      waitFor: (needle) =>
        new Promise<void>((done) => {
          const check = () => (text.includes(needle) ? done() : waiting.push(check));
          check();
        }),
      ended: () => ended,
      close: () => req.destroy(),
    };
    req.on('error', (err) => {
      if (!req.destroyed) reject(err);
    });
    req.end(options.body, () => {
      if (until === 'sent') resolve(handle);
    });
  });
}

/** Opens a 2025-era session by hand (initialize + initialized) and returns its id. */
export async function openRawSession(
  url: string,
  options: { protocolVersion?: string; localAddress?: string; headers?: Record<string, string> } = {},
): Promise<string> {
  const protocolVersion = options.protocolVersion ?? '2025-06-18';
  const init = await rawRequest(url, {
    localAddress: options.localAddress,
    headers: options.headers,
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion, capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    }),
  });
  const id = init.headers['mcp-session-id'];
  if (init.status !== 200 || typeof id !== 'string')
    throw new Error(`initialize: ${init.status} ${init.body}`);
  const initialized = await rawRequest(url, {
    localAddress: options.localAddress,
    headers: { ...options.headers, 'mcp-session-id': id, 'mcp-protocol-version': protocolVersion },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
  });
  if (initialized.status !== 202) throw new Error(`initialized: ${initialized.status} ${initialized.body}`);
  return id;
}

/** One JSON-RPC request on a session by hand; resolves with the HTTP status and body text. */
export function rawSessionRequest(
  url: string,
  id: string,
  message: unknown,
  options: { protocolVersion?: string | null; localAddress?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const version = options.protocolVersion === undefined ? '2025-06-18' : options.protocolVersion;
  return rawRequest(url, {
    localAddress: options.localAddress,
    headers: {
      ...options.headers,
      'mcp-session-id': id,
      ...(version ? { 'mcp-protocol-version': version } : {}),
    },
    body: JSON.stringify(message),
  });
}
