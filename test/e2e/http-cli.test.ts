/**
 * `videogen-mcp --http` as a user runs it (the built bin): it says where it listens, serves a
 * client, refuses a public bind without a token (exit 2), and drains and exits 0 on SIGTERM.
 */
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/http-server.js';
import { runBin, startHttpBin } from '../helpers/spawn-bin.js';

function binEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    VIDEOGEN_SANDBOX: '1',
    VIDEOGEN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'videogen-http-bin-')),
    ...extra,
  };
}

const startBin = (args: string[], env: Record<string, string> = {}) => startHttpBin(args, binEnv(env));

describe('videogen-mcp --http (built bin)', () => {
  it('logs its URL on stderr, serves a client, and exits 0 on SIGTERM', async () => {
    const { child, url, stderr } = await startBin(['--http', '--port', '0']);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const c = await connectClient(url, '2025');
    const r = await c.callTool('samsar_list_models');
    expect(r.isError).toBeFalsy();
    // The session stays open while the server drains: SIGTERM must still end the process cleanly.
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(stderr()).not.toMatch(/fatal|Error:/);
    await c.close().catch(() => {});
  });

  it('refuses to bind a public address without VIDEOGEN_HTTP_TOKEN: clear message, exit 2', async () => {
    const r = await runBin(['--http', '--host', '0.0.0.0', '--port', '0'], binEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('VIDEOGEN_HTTP_TOKEN');
    expect(r.stdout).toBe('');
  });

  it('binds a public address when a token is set', async () => {
    const { child, url } = await startBin(['--http', '--host', '0.0.0.0', '--port', '0'], {
      VIDEOGEN_HTTP_TOKEN: 'bin-token-0123456789abcdef',
    });
    const port = new URL(url).port;
    const c = await connectClient(`http://127.0.0.1:${port}/mcp`, '2026', {
      authorization: 'Bearer bin-token-0123456789abcdef',
    });
    expect((await c.listTools()).tools.length).toBeGreaterThan(0);
    await c.close();
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
