/**
 * mcp-inspector-cli (the MCP Inspector's command-line mode) lists and calls tools on the built bin,
 * over stdio and over Streamable HTTP with a bearer token, as a person debugging a setup would.
 */
import { type ChildProcess, execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltBin, startHttpBin } from '../helpers/spawn-bin.js';

const run = promisify(execFile);
const TOKEN = 'inspector-test-token-0123456789';

function inspectorBin(): string {
  const require = createRequire(import.meta.url);
  try {
    const pkgPath = require.resolve('@modelcontextprotocol/inspector-cli/package.json');
    const pkg = require(pkgPath) as { bin: Record<string, string> };
    return path.join(path.dirname(pkgPath), pkg.bin['mcp-inspector-cli']!);
  } catch {
    throw new Error(
      '@modelcontextprotocol/inspector-cli is missing: run `npm install` (it is a devDependency)',
    );
  }
}

function serverEnv(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    VIDEOGEN_SANDBOX: '1',
    VIDEOGEN_LOG_LEVEL: 'warn',
    VIDEOGEN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'videogen-inspector-')),
    VIDEOGEN_HTTP_TOKEN: TOKEN,
  };
}

/** Runs `mcp-inspector-cli --cli <args>` and parses the JSON it prints. */
async function inspector(args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, [inspectorBin(), '--cli', ...args], {
    env: serverEnv(), // the inspector passes its environment on to a stdio server
    // inspector-cli 1.0.3 finds its own package.json only when ../package.json exists from the
    // working directory: run it from a folder one level inside this repository.
    cwd: path.dirname(requireBuiltBin()),
    timeout: 30_000,
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

interface ListResult {
  tools: Array<{ name: string; inputSchema: { type: string } }>;
}
interface CallResult {
  isError?: boolean;
  content: Array<{ text?: string }>;
  structuredContent?: Record<string, unknown>;
}

describe('mcp-inspector-cli over stdio (built bin)', () => {
  const target = () => [process.execPath, requireBuiltBin()];

  it('lists the tools with their input schemas', async () => {
    const r = (await inspector([...target(), '--method', 'tools/list'])) as unknown as ListResult;
    expect(r.tools.map((t) => t.name)).toContain('samsar_list_models');
    for (const t of r.tools) expect(t.inputSchema.type).toBe('object');
  });

  it('calls a free tool', async () => {
    const r = (await inspector([
      ...target(),
      '--method',
      'tools/call',
      '--tool-name',
      'samsar_list_models',
    ])) as unknown as CallResult;
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent?.sandbox).toBe(true);
    expect(r.content[0]?.text).toContain('RUNWAYML 30/s');
  });

  it('passes arguments and shows a tool error with its hint', async () => {
    const r = (await inspector([
      ...target(),
      '--method',
      'tools/call',
      '--tool-name',
      'samsar_get_status',
      '--tool-arg',
      'session_id=no-such-session',
    ])) as unknown as CallResult;
    expect(r.isError).toBe(true);
    expect(r.structuredContent).toMatchObject({ code: 'upstream_not_found', status: 404 });
  });
});

describe('mcp-inspector-cli over Streamable HTTP (built bin, bearer token)', () => {
  let child: ChildProcess;
  let url: string;
  beforeAll(async () => {
    ({ child, url } = await startHttpBin(['--http', '--port', '0'], serverEnv()));
  });
  afterAll(async () => {
    child.kill('SIGTERM');
    await once(child, 'exit');
  });

  const auth = ['--transport', 'http', '--header', `Authorization: Bearer ${TOKEN}`];

  it('lists and calls tools with the token', async () => {
    const list = (await inspector([url, ...auth, '--method', 'tools/list'])) as unknown as ListResult;
    expect(list.tools.map((t) => t.name)).toContain('samsar_list_models');
    const call = (await inspector([
      url,
      ...auth,
      '--method',
      'tools/call',
      '--tool-name',
      'samsar_list_models',
    ])) as unknown as CallResult;
    expect(call.isError).toBeFalsy();
    expect(call.structuredContent?.sandbox).toBe(true);
  });

  it('is refused without the token', async () => {
    const failure = await inspector([url, '--transport', 'http', '--method', 'tools/list']).then(
      () => undefined,
      (err: { stderr?: string }) => err.stderr ?? '',
    );
    expect(failure).toContain('Unauthorized');
  });
});
