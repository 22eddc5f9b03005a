/**
 * Start-up builds only what the handshake and tools/list need: the sandbox starts, and the tools'
 * implementations load, with the first call that needs them; concurrent first calls share one start.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, type InMemoryTransport } from '@modelcontextprotocol/client';
import { InMemoryTransport as ServerInMemoryTransport } from '@modelcontextprotocol/server';
import { expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { createServer } from '../../src/server.js';

it('lists tools without starting the sandbox, and starts it once for concurrent first calls', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'videogen-lazy-'));
  const app = await createApp(
    loadConfig({ VIDEOGEN_SANDBOX: '1', VIDEOGEN_DATA_DIR: dataDir }),
    createLogger('error'),
  );
  const [clientSide, serverSide] = ServerInMemoryTransport.createLinkedPair();
  const server = createServer(app.deps);
  await server.connect(serverSide);
  const c = new Client({ name: 'lazy', version: '1.0.0' });
  await c.connect(clientSide as unknown as InMemoryTransport);
  try {
    expect((await c.listTools()).tools).toHaveLength(43);
    expect(app.deps.sandbox?.running).toBeUndefined();
    const calls = await Promise.all(
      ['samsar_list_models', 'samautomation_list_ai_models', 'samsar_list_fonts'].map(
        (name) => c.callTool({ name, arguments: {} }) as Promise<{ isError?: boolean }>,
      ),
    );
    for (const r of calls) expect(r.isError, JSON.stringify(r)).toBeFalsy();
    const running = app.deps.sandbox?.running;
    expect(running).toBeDefined();
    expect(await app.deps.sandbox!.start()).toBe(running);
    expect(running!.requests.entries.length).toBeGreaterThanOrEqual(3);
  } finally {
    await c.close();
    await server.close();
    await app.close();
  }
});
