/**
 * Starts the real server (createApp + createServer) against the embedded sandbox and connects a real
 * MCP client to it: the v2 client over an in-memory link (2025 era), the v1 SDK client (2025 era),
 * or the v2 client over the HTTP handler (2026 era). Only the network is simulated.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, type InMemoryTransport, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport as V1InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { createMcpHandler, InMemoryTransport as ServerInMemoryTransport } from '@modelcontextprotocol/server';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { createServer } from '../../src/server.js';
import type { LedgerRecord } from '../../src/store/ledger-record.js';

export type Era = '2025' | '2026' | 'v1';

export type ElicitAnswer =
  | { action: 'accept'; content: Record<string, unknown> }
  | { action: 'decline' }
  | { action: 'cancel' };

export interface HarnessOptions {
  env?: Record<string, string>;
  era?: Era;
  /** When set, the client declares elicitation and answers with this (and records the questions). */
  elicit?: (message: string) => ElicitAnswer;
  /**
   * Talk to these base URLs (e.g. a fault-injecting front) with the keys of this already started
   * sandbox, instead of the embedded one; `sandbox` is then that sandbox.
   */
  upstream?: { sandbox: SandboxHandle; samsarBaseUrl: string; samautomationBaseUrl: string };
  /** More client capabilities to declare (e.g. the MCP Apps extension). */
  capabilities?: Record<string, unknown>;
}

export interface ToolResult {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
}

export interface Harness {
  app: App;
  sandbox: SandboxHandle;
  /** Every line the server logged. */
  logs: string[];
  /** Questions the client was asked via elicitation. */
  elicitations: string[];
  client: {
    callTool(params: { name: string; arguments?: Record<string, unknown> }, opts?: unknown): Promise<unknown>;
    // biome-ignore lint/suspicious/noExplicitAny: tests use the client's whole API across SDK versions
  } & Record<string, any>;
  call(
    name: string,
    args?: Record<string, unknown>,
    opts?: { onprogress?: (p: unknown) => void; signal?: AbortSignal },
  ): Promise<ToolResult>;
  text(result: ToolResult): string;
  /** Another client of the same era on the same app (sandbox, ledger), declaring these capabilities. */
  connect(capabilities?: Record<string, unknown>): Promise<Harness['client']>;
  close(): Promise<void>;
}

/** Every record of the app's spend ledger, oldest first (whichever store it runs on). */
export function ledgerRecords(app: App): Promise<LedgerRecord[]> {
  return app.deps.store.list({ since: '1970-01-01T00:00:00.000Z' });
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'videogen-test-'));
  const up = options.upstream;
  const config = loadConfig({
    VIDEOGEN_SANDBOX: '1',
    VIDEOGEN_DATA_DIR: dataDir,
    VIDEOGEN_OUTPUT_DIR: path.join(dataDir, 'videos'),
    VIDEOGEN_LOG_LEVEL: 'debug',
    ...(up
      ? {
          VIDEOGEN_SANDBOX: '0',
          SAMSAR_API_KEY: up.sandbox.keys.samsar,
          SAMSAR_BASE_URL: up.samsarBaseUrl,
          SAMAUTOMATION_API_KEY: up.sandbox.keys.samautomation,
          SAMAUTOMATION_BASE_URL: up.samautomationBaseUrl,
        }
      : {}),
    ...options.env,
  });
  const logs: string[] = [];
  const app = await createApp(
    config,
    createLogger('debug', (line) => logs.push(line)),
  );
  const elicitations: string[] = [];
  const era = options.era ?? '2025';
  const answer = (message: string) => {
    elicitations.push(message);
    return options.elicit!(message);
  };
  const connect = (capabilities: Record<string, unknown> | undefined) =>
    connectTo(app, era, { ...options, capabilities }, answer);
  const { client, close: closeTransport } = await connect(options.capabilities);
  const clients: Array<() => Promise<void>> = [closeTransport];

  return {
    app,
    // started here so tests can step its clock; undefined when keys point elsewhere
    sandbox: up?.sandbox ?? (await app.deps.sandbox?.start())!,
    logs,
    elicitations,
    client,
    // The v1 client takes (params, resultSchema, options); the v2 client takes (params, options).
    call: async (name, args = {}, opts) =>
      (era === 'v1'
        ? await (client as unknown as V1Client).callTool({ name, arguments: args }, undefined, opts as never)
        : await client.callTool({ name, arguments: args }, opts)) as ToolResult,
    text: (r) => r.content.map((c) => c.text ?? '').join('\n'),
    connect: async (capabilities) => {
      const other = await connect(capabilities);
      clients.push(other.close);
      return other.client;
    },
    close: async () => {
      for (const close of clients) await close();
      await app.close();
    },
  };
}

type Client2 = Harness['client'];

/** One more real client of `era` on the app's server (each connection gets its own server instance). */
async function connectTo(
  app: App,
  era: Era,
  options: HarnessOptions,
  answer: (message: string) => ElicitAnswer,
): Promise<{ client: Client2; close: () => Promise<void> }> {
  const capabilities = { ...(options.elicit ? { elicitation: { form: {} } } : {}), ...options.capabilities };
  if (era === 'v1') {
    const [clientSide, serverSide] = V1InMemoryTransport.createLinkedPair();
    const server = createServer(app.deps);
    await server.connect(serverSide as never);
    const c = new V1Client(
      { name: 'test-v1', version: '1.0.0' },
      { capabilities: { ...(options.elicit ? { elicitation: {} } : {}), ...options.capabilities } },
    );
    if (options.elicit) c.setRequestHandler(ElicitRequestSchema, async (req) => answer(req.params.message));
    await c.connect(clientSide);
    return {
      client: c as never,
      close: async () => {
        await c.close();
        await server.close();
      },
    };
  }
  if (era === '2025') {
    const [clientSide, serverSide] = ServerInMemoryTransport.createLinkedPair();
    const server = createServer(app.deps);
    await server.connect(serverSide);
    const c = new Client({ name: 'test-2025', version: '1.0.0' }, { capabilities });
    if (options.elicit)
      c.setRequestHandler('elicitation/create', async (req) => answer(req.params.message) as never);
    await c.connect(clientSide as unknown as InMemoryTransport);
    return {
      client: c as never,
      close: async () => {
        await c.close();
        await server.close();
      },
    };
  }
  const handler = createMcpHandler(() => createServer(app.deps), { bus: app.deps.events });
  const c = new Client({ name: 'test-2026', version: '1.0.0' }, {
    capabilities,
    versionNegotiation: { mode: 'auto' },
  } as never);
  if (options.elicit)
    c.setRequestHandler('elicitation/create', async (req) => answer(req.params.message) as never);
  await c.connect(
    new StreamableHTTPClientTransport(new URL('http://127.0.0.1/mcp'), {
      fetch: (url, init) => handler.fetch(new Request(url, init)),
    }) as never,
  );
  return { client: c as never, close: () => c.close() };
}
