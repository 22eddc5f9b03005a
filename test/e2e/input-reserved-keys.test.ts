/**
 * `__proto__`, `constructor` and `prototype` are refused by name wherever they appear in a call's
 * arguments, whether the published schema says additionalProperties: false there or lets extra
 * keys through, and nothing of such a call reaches the provider. The keys are written into the raw
 * JSON-RPC bytes (a JS client would drop an own `__proto__` before sending; JSON.parse on the
 * server makes it a real key): over HTTP through real clients of each era whose request bodies are
 * rewritten on the wire, and as stdio lines written to the bundled bin.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1HttpTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../helpers/fake-upstream.js';
import type { ToolResult } from '../helpers/harness.js';
import { type HttpEra, type HttpHarness, startHttpHarness } from '../helpers/http-server.js';
import { requireBuiltBin } from '../helpers/spawn-bin.js';

const IMG = 'https://cdn.example.com/a.jpg';
const MEDIA = [{ type: 'image', url: IMG, duration: 3 }];

/** Stands for a reserved key in the arguments; the wire rewrite turns `"@@x"` into `"x"`. */
const R = (key: '__proto__' | 'constructor' | 'prototype') => `@@${key}`;
const onTheWire = (body: string) => body.replace(/"@@(__proto__|constructor|prototype)"/g, '"$1"');

/** [what, tool, arguments, the field the refusal must name] */
const CASES: Array<[string, string, Record<string, unknown>, string]> = [
  [
    '__proto__ at the top level (additionalProperties: false)',
    'samautomation_mix_video',
    { media_list: MEDIA, [R('__proto__')]: { polluted: true } },
    '__proto__',
  ],
  [
    'constructor at the top level',
    'samautomation_list_tasks',
    { limit: 2, [R('constructor')]: { prototype: {} } },
    'constructor',
  ],
  [
    '__proto__ inside settings (extra keys pass through there)',
    'samautomation_mix_video',
    { media_list: MEDIA, settings: { fps: 30, [R('__proto__')]: { fps: 1 } } },
    'settings.__proto__',
  ],
  [
    'prototype inside a media item (extra keys pass through there)',
    'samautomation_simple_video',
    { media_list: [{ ...MEDIA[0], [R('prototype')]: {} }] },
    'media_list.0.prototype',
  ],
  [
    'constructor inside exports (additionalProperties: false)',
    'samautomation_loop_video',
    { media_list: MEDIA, background_url: IMG, exports: { [R('constructor')]: 'x' } },
    'exports.constructor',
  ],
  [
    '__proto__ inside a free-form record',
    'samsar_image_list_to_video',
    { image_urls: [IMG], metadata: { [R('__proto__')]: { admin: true } } },
    'metadata.__proto__',
  ],
  [
    '__proto__ deep below a pass-through key',
    'samautomation_advanced_video',
    {
      media_inputs: { main_clips: MEDIA },
      render_options: { mode: 'full', renderer_flags: { a: [{ [R('__proto__')]: 1 }] } },
    },
    'render_options.renderer_flags.a.0.__proto__',
  ],
  [
    '__proto__ in the arguments quoted by estimate_cost',
    'estimate_cost',
    { tool: 'samautomation_mix_video', arguments: { media_list: MEDIA, [R('__proto__')]: {} } },
    'arguments.__proto__',
  ],
];

/** A real client of the era over real HTTP, whose request bodies get the reserved keys written in. */
async function rewritingClient(url: string, era: HttpEra) {
  const fetchRewritten = (input: string | URL | Request, init?: RequestInit) =>
    fetch(input, typeof init?.body === 'string' ? { ...init, body: onTheWire(init.body) } : init);
  if (era === 'v1') {
    const c = new V1Client({ name: 'raw-v1', version: '1.0.0' });
    await c.connect(new V1HttpTransport(new URL(url), { fetch: fetchRewritten as never }) as never);
    return {
      call: (name: string, args: unknown) => c.callTool({ name, arguments: args as never }),
      close: () => c.close(),
    };
  }
  const c = new Client({ name: `raw-${era}`, version: '1.0.0' }, {
    versionNegotiation: { mode: era === '2026' ? { pin: '2026-07-28' } : 'legacy' },
  } as never);
  await c.connect(new StreamableHTTPClientTransport(new URL(url), { fetch: fetchRewritten }) as never);
  return {
    call: (name: string, args: unknown) => c.callTool({ name, arguments: args as never }),
    close: () => c.close(),
  };
}

function expectRefused(r: ToolResult, field: string): void {
  expect(r.isError, JSON.stringify(r)).toBe(true);
  const s = r.structuredContent as { code: string; fields: Array<{ field: string; problem: string }> };
  expect(s.code).toBe('invalid_input');
  expect(s.fields).toContainEqual({ field, problem: 'is a reserved name and is never sent' });
}

describe('reserved keys written into raw HTTP requests', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await startHttpHarness({ VIDEOGEN_AUTO_APPROVE_QUOTA: '1', VIDEOGEN_AUTO_APPROVE_CREDITS: '100000' });
  });
  afterAll(() => h.close());

  describe.each<HttpEra>(['2025', '2026', 'v1'])('from a %s client', (era) => {
    let client: Awaited<ReturnType<typeof rewritingClient>>;
    beforeAll(async () => {
      client = await rewritingClient(h.url, era);
    });
    afterAll(() => client.close());

    it.each(CASES)('refuses %s and sends nothing', async (_what, tool, args, field) => {
      const before = h.sandbox.requests.entries.length;
      expectRefused((await client.call(tool, args)) as ToolResult, field);
      expect(h.sandbox.requests.entries.length).toBe(before);
    });

    it('still serves the same call without the reserved key (the rewrite is all that differs)', async () => {
      const before = h.sandbox.requests.writes().length;
      const r = (await client.call('samautomation_mix_video', {
        media_list: MEDIA,
        settings: { fps: 30 },
      })) as ToolResult;
      expect(r.isError, JSON.stringify(r)).toBeFalsy();
      expect(h.sandbox.requests.writes()).toHaveLength(before + 1);
    });
  });
});

describe('reserved keys in stdio lines to the bundled bin', () => {
  let upstream: FakeUpstream;
  const lines: Array<Record<string, unknown>> = [];
  let child: ReturnType<typeof spawn>;
  const waiting = new Map<number, (m: Record<string, unknown>) => void>();

  const send = (line: string) => child.stdin!.write(`${line}\n`);
  const request = (id: number, method: string, params: unknown, raw?: (json: string) => string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      waiting.set(id, resolve);
      const json = JSON.stringify({ jsonrpc: '2.0', id, method, params });
      send(raw ? raw(json) : json);
    });

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    upstream.script({
      status: 200,
      json: { success: true, data: { id: '3ec95f88-54bc-4b91-b2d0-d02da8929b4a' } },
    });
    child = spawn(process.execPath, [requireBuiltBin()], {
      env: {
        PATH: process.env.PATH ?? '',
        SAMSAR_API_KEY: 'sk-samsar-test',
        SAMSAR_BASE_URL: upstream.url,
        SAMAUTOMATION_API_KEY: 'sa-test-key',
        SAMAUTOMATION_BASE_URL: upstream.url,
        VIDEOGEN_AUTO_APPROVE_QUOTA: '1',
        VIDEOGEN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'videogen-reserved-')),
        VIDEOGEN_LOG_LEVEL: 'warn',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let buffer = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      buffer += chunk;
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
        const message = JSON.parse(buffer.slice(0, i)) as Record<string, unknown>;
        buffer = buffer.slice(i + 1);
        lines.push(message);
        waiting.get(message.id as number)?.(message);
      }
    });
    await request(1, 'initialize', {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 'raw-stdio', version: '1' },
    });
    send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
  });
  afterAll(async () => {
    child.kill();
    await upstream.close();
  });

  it.each(CASES)('refuses %s and nothing reaches the provider', async (_what, tool, args, field) => {
    const id = 100 + lines.length;
    const answer = await request(id, 'tools/call', { name: tool, arguments: args }, onTheWire);
    expectRefused(answer.result as ToolResult, field);
    expect(upstream.seen).toEqual([]);
  });

  it('serves the call once the reserved key is gone, so the provider is reachable', async () => {
    const answer = await request(99, 'tools/call', {
      name: 'samautomation_mix_video',
      arguments: { media_list: MEDIA },
    });
    expect((answer.result as ToolResult).isError, JSON.stringify(answer)).toBeFalsy();
    const writes = upstream.seen.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
    expect(writes).toEqual(['POST /api/function/video-generation/mix-video']);
  });
});
