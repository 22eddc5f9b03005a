/**
 * mcp.json at the repository root works as is: its command and args start the server, with its env
 * placeholders expanded the way clients expand them (`${VAR:-default}`; unset keys mean sandbox).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { describe, expect, it } from 'vitest';
import { requireBuiltBin } from '../helpers/spawn-bin.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface ServerEntry {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/** `${VAR}` and `${VAR:-default}`, as Claude Code, VS Code and Cursor expand them. */
function expand(value: string, env: Record<string, string | undefined>): string {
  return value.replace(
    /\$\{(\w+)(?::-([^}]*))?\}/g,
    (_, name: string, fallback?: string) => env[name] || fallback || '',
  );
}

describe('mcp.json', () => {
  it('starts the server as written and serves tools (sandbox when no key is set)', async () => {
    requireBuiltBin();
    const config = JSON.parse(readFileSync(`${ROOT}/mcp.json`, 'utf8')) as {
      mcpServers: Record<string, ServerEntry>;
    };
    const entry = config.mcpServers.videogen!;
    expect(entry.command).toBe('node');
    const env = Object.fromEntries(Object.entries(entry.env).map(([k, v]) => [k, expand(v, {})]));
    expect(env.SAMSAR_API_KEY).toBe('');
    const c = new Client({ name: 'mcp-json', version: '1.0.0' });
    await c.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: entry.args,
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          VIDEOGEN_LOG_LEVEL: 'warn',
          VIDEOGEN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'videogen-mcpjson-')),
          ...env,
        },
      }),
    );
    try {
      const { tools } = await c.listTools();
      expect(tools.map((t) => t.name)).toContain('samsar_list_models');
      expect(c.getInstructions()).toContain('SANDBOX MODE');
    } finally {
      await c.close();
    }
  });
});
