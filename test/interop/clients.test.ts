/**
 * Interop on the built bin (dist/bin.cjs), as real clients start it: the v1 SDK client (2025 era)
 * and the v2 client in both eras, over stdio and over Streamable HTTP: initialize, tools/list and a
 * free tool call each.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as V1StdioTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, type HttpEra } from '../helpers/http-server.js';
import { requireBuiltBin, startHttpBin } from '../helpers/spawn-bin.js';

function serverEnv(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    VIDEOGEN_SANDBOX: '1',
    VIDEOGEN_LOG_LEVEL: 'warn',
    VIDEOGEN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'videogen-interop-')),
  };
}

interface Session {
  listTools(): Promise<{ tools: Array<{ name: string }> }>;
  callTool(p: { name: string; arguments: Record<string, unknown> }): Promise<unknown>;
  close(): Promise<void>;
}

async function exercise(c: Session): Promise<void> {
  const { tools } = await c.listTools();
  expect(tools.length).toBeGreaterThan(0);
  expect(tools.map((t) => t.name)).toContain('samsar_list_models');
  const r = (await c.callTool({ name: 'samsar_list_models', arguments: {} })) as {
    isError?: boolean;
    structuredContent?: Record<string, unknown>;
  };
  expect(r.isError).toBeFalsy();
  expect(r.structuredContent?.sandbox).toBe(true);
}

describe('interop over stdio (built bin)', () => {
  const bin = requireBuiltBin();

  it('v1 SDK client (2025 era)', async () => {
    const c = new V1Client({ name: 'interop-v1', version: '1.0.0' });
    await c.connect(new V1StdioTransport({ command: process.execPath, args: [bin], env: serverEnv() }));
    try {
      await exercise(c as unknown as Session);
    } finally {
      await c.close();
    }
  });

  for (const era of ['2025', '2026'] as const) {
    it(`v2 client, ${era} era`, async () => {
      const c = new Client({ name: `interop-${era}`, version: '1.0.0' }, {
        versionNegotiation: { mode: era === '2026' ? { pin: '2026-07-28' } : 'legacy' },
      } as never);
      await c.connect(new StdioClientTransport({ command: process.execPath, args: [bin], env: serverEnv() }));
      try {
        expect(c.getProtocolEra()).toBe(era === '2026' ? 'modern' : 'legacy');
        await exercise(c as unknown as Session);
      } finally {
        await c.close();
      }
    });
  }
});

describe('interop over Streamable HTTP (built bin)', () => {
  let child: ChildProcess;
  let url: string;
  beforeAll(async () => {
    ({ child, url } = await startHttpBin(['--http', '--port', '0'], serverEnv()));
  });
  afterAll(async () => {
    child.kill('SIGTERM');
    await once(child, 'exit');
  });

  for (const era of ['v1', '2025', '2026'] as HttpEra[]) {
    it(`${era === 'v1' ? 'v1 SDK client' : `v2 client, ${era} era`}`, async () => {
      const c = await connectClient(url, era);
      try {
        expect(c.era()).toBe(era === '2026' ? 'modern' : 'legacy');
        await exercise({
          listTools: () => c.listTools(),
          callTool: (p) => c.callTool(p.name, p.arguments),
          close: () => c.close(),
        });
      } finally {
        await c.close();
      }
    });
  }
});
