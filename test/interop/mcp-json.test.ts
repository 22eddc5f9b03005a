/**
 * mcp.json works as users paste it, from any folder: its command (npx -y videogen-mcp) runs the
 * installed package, here this build's tarball installed globally into a throwaway prefix, with npx
 * kept offline so that it can never fetch a package of that name from the registry instead. Its env
 * placeholders are expanded the way clients expand them (`${VAR:-default}`; unset keys mean sandbox).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, installTarball, PKG, packTarball, ROOT } from '../helpers/npm-package.js';
import { requireBuiltBin } from '../helpers/spawn-bin.js';

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

let work: string;
let prefix: string;

beforeAll(async () => {
  requireBuiltBin();
  const { tarball } = await packTarball();
  work = path.dirname(tarball);
  prefix = path.join(work, 'global');
  await installTarball(tarball, prefix, true);
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('mcp.json', () => {
  it('starts the installed server as written, from any folder, and serves tools (sandbox when no key is set)', async () => {
    const config = JSON.parse(readFileSync(path.join(ROOT, 'mcp.json'), 'utf8')) as {
      mcpServers: Record<string, ServerEntry>;
    };
    const entry = config.mcpServers.videogen!;
    const env = Object.fromEntries(Object.entries(entry.env).map(([k, v]) => [k, expand(v, {})]));
    expect(env.SAMSAR_API_KEY).toBe('');
    const bin = path.join(prefix, process.platform === 'win32' ? '' : 'bin');
    const c = new Client({ name: 'mcp-json', version: '1.0.0' });
    await c.connect(
      new StdioClientTransport({
        command: entry.command,
        args: entry.args,
        cwd: mkdtempSync(path.join(work, 'anywhere-')),
        env: cleanEnv({
          PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
          npm_config_prefix: prefix,
          npm_config_offline: 'true',
          VIDEOGEN_LOG_LEVEL: 'warn',
          VIDEOGEN_DATA_DIR: mkdtempSync(path.join(work, 'data-')),
          ...env,
        }),
      }),
    );
    try {
      expect(c.getServerVersion()?.version).toBe(PKG.version);
      const { tools } = await c.listTools();
      expect(tools.map((t) => t.name)).toContain('samsar_list_models');
      expect(c.getInstructions()).toContain('SANDBOX MODE');
    } finally {
      await c.close();
    }
  }, 60_000);
});
