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
import { type RunningHttpServer, startHttpServer } from '../../src/transports/http-server.js';

export interface HttpHarness {
  app: App;
  sandbox: SandboxHandle;
  server: RunningHttpServer;
  url: string;
  logs: string[];
  close(): Promise<void>;
}

export async function startHttpHarness(
  env: Record<string, string> = {},
  host = '127.0.0.1',
): Promise<HttpHarness> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'videogen-http-'));
  const config = loadConfig({
    VIDEOGEN_SANDBOX: '1',
    VIDEOGEN_DATA_DIR: dataDir,
    VIDEOGEN_OUTPUT_DIR: path.join(dataDir, 'videos'),
    VIDEOGEN_LOG_LEVEL: 'debug',
    ...env,
  });
  const logs: string[] = [];
  const app = await createApp(
    config,
    createLogger('debug', (line) => logs.push(line)),
  );
  const server = await startHttpServer(app, { port: 0, host, drainMs: 1000 });
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
  ): Promise<{ isError?: boolean; structuredContent?: Record<string, unknown> }>;
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
      callTool: (name, args = {}) => c.callTool({ name, arguments: args }) as never,
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
    callTool: (name, args = {}) => c.callTool({ name, arguments: args }) as never,
    era: () => c.getProtocolEra(),
    close: () => c.close(),
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw HTTP request, so tests control every header (fetch will not let them set Host). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; path?: string } = {},
): Promise<RawResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: options.path ?? u.pathname,
        method: options.method ?? 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...options.headers,
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
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
