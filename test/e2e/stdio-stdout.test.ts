/**
 * In stdio mode stdout is the protocol: with debug logging on, every stdout line must be a JSON-RPC
 * message and every log line must land on stderr.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireBuiltBin } from '../helpers/spawn-bin.js';

const messages = [
  {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
  },
  { jsonrpc: '2.0', method: 'notifications/initialized' },
  { jsonrpc: '2.0', id: 2, method: 'tools/list' },
  { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'samsar_list_models', arguments: {} } },
  { jsonrpc: '2.0', id: 4, method: 'tools/call', params: { name: 'no_such_tool', arguments: {} } },
];

describe('stdio keeps stdout for the protocol', () => {
  it('writes only JSON-RPC to stdout and its logs to stderr', async () => {
    const child = spawn(process.execPath, [requireBuiltBin()], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        VIDEOGEN_SANDBOX: '1',
        VIDEOGEN_LOG_LEVEL: 'debug',
        VIDEOGEN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'videogen-stdio-')),
      },
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const answered = new Promise<void>((resolve) => {
      child.stdout.on('data', (c) => {
        stdout += c;
        // Answers may come in any order (id 4 fails fast, id 3 waits for the sandbox).
        if ([1, 2, 3, 4].every((id) => stdout.includes(`"id":${id}}`) || stdout.includes(`"id":${id},`)))
          resolve();
      });
    });
    for (const m of messages) child.stdin.write(`${JSON.stringify(m)}\n`);
    await answered;
    child.stdin.end();
    const [code] = await once(child, 'exit');

    const lines = stdout.split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    const ids = lines.map((l) => JSON.parse(l).id).filter((id) => id !== undefined);
    expect(ids.sort()).toEqual([1, 2, 3, 4]);
    expect(stderr).toContain('providers: Samsar: embedded sandbox');
    expect(stdout).not.toContain('videogen-mcp info');
    expect(code).toBe(0);
  });
});
