/**
 * The Claude Desktop bundle (.mcpb): scripts/build-mcpb.mjs packs this build, `mcpb validate` accepts
 * its manifest, and the bundle, unpacked by `mcpb unpack` as Claude Desktop unpacks it, serves its
 * tools from its entry point. The command, arguments and environment come from the mcpb package's own
 * getMcpConfigForManifest, the code Claude Desktop runs, so the placeholders and user settings are
 * expanded exactly as there: with nothing filled in (sandbox, no placeholder left) and with settings.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { getMcpConfigForManifest, type McpbManifestAny } from '@anthropic-ai/mcpb';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTools } from '../../src/tool-surface/all-tools.js';
import { RENDER } from '../helpers/jobs.js';
import { PKG, ROOT } from '../helpers/npm-package.js';
import { callOk, renderAndDownload } from '../helpers/sandbox-render.js';
import { requireBuiltBin } from '../helpers/spawn-bin.js';

const run = promisify(execFile);
const MCPB = path.join(ROOT, 'node_modules', '.bin', 'mcpb');

let work: string;
let bundle: string;
let unpacked: string;
let manifest: McpbManifestAny;

beforeAll(async () => {
  requireBuiltBin();
  work = mkdtempSync(path.join(os.tmpdir(), 'videogen-mcpb-test-'));
  bundle = path.join(work, `${PKG.name}-${PKG.version}.mcpb`);
  await run(process.execPath, [path.join(ROOT, 'scripts', 'build-mcpb.mjs'), '--out', bundle]);
  unpacked = path.join(work, 'installed-extension');
  await run(MCPB, ['unpack', bundle, unpacked]);
  manifest = JSON.parse(readFileSync(path.join(unpacked, 'manifest.json'), 'utf8'));
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The server config Claude Desktop derives from the manifest and the user's settings. */
async function desktopConfig(userConfig: Record<string, string | number | boolean>, home: string) {
  const config = await getMcpConfigForManifest({
    manifest,
    extensionPath: unpacked,
    systemDirs: {
      HOME: home,
      DESKTOP: path.join(home, 'Desktop'),
      DOCUMENTS: path.join(home, 'Documents'),
      DOWNLOADS: path.join(home, 'Downloads'),
    },
    userConfig,
    pathSeparator: path.sep,
  });
  if (!config) throw new Error('Claude Desktop would not start the bundle (missing required settings)');
  return config;
}

/** Starts the bundle as configured, in a folder of its own; `extra` adds test-only variables. */
async function startBundle(config: Awaited<ReturnType<typeof desktopConfig>>, extra: Record<string, string>) {
  const client = new Client({ name: 'claude-desktop-like', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: config.command === 'node' ? process.execPath : config.command,
      args: config.args ?? [],
      cwd: mkdtempSync(path.join(work, 'cwd-')),
      env: { PATH: process.env.PATH ?? '', ...config.env, ...extra },
    }),
  );
  return client;
}

const testEnv = () => ({
  VIDEOGEN_DATA_DIR: mkdtempSync(path.join(work, 'data-')),
  VIDEOGEN_LOG_LEVEL: 'warn',
  VIDEOGEN_TIME_SCALE: '100',
});

describe('the Claude Desktop bundle', () => {
  it('has a manifest mcpb validate accepts, in the repository and in the bundle', async () => {
    for (const target of [path.join(ROOT, 'manifest.json'), unpacked]) {
      const { stdout } = await run(MCPB, ['validate', target]);
      expect(stdout).toContain('Manifest schema validation passes');
    }
    expect(manifest.version).toBe(PKG.version);
  });

  it('lists every tool of the build in its manifest', () => {
    expect(manifest.tools?.map((t) => t.name)).toEqual(allTools.map((t) => t.name));
  });

  it('starts from the unpacked entry point with nothing filled in: sandbox, every placeholder expanded', async () => {
    const home = mkdtempSync(path.join(work, 'home-'));
    const config = await desktopConfig({}, home);
    expect(JSON.stringify(config)).not.toContain('${'); // a literal placeholder would reach the server
    expect(path.resolve(config.args![0]!)).toBe(path.resolve(unpacked, manifest.server.entry_point));
    const client = await startBundle(config, testEnv());
    try {
      expect(client.getServerVersion()).toMatchObject({ name: PKG.name, version: PKG.version });
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(manifest.tools?.map((t) => t.name));
      expect(client.getInstructions()).toContain('SANDBOX MODE');
      // Downloads land in an absolute folder under the user's home, whatever the working directory.
      const saved = await renderAndDownload(client);
      expect(path.dirname(saved.path)).toBe(path.join(home, 'Downloads', 'videogen-mcp'));
    } finally {
      await client.close();
    }
  }, 60_000);

  it('passes the user settings to the server: auto-approve, the per-call limit and the budget', async () => {
    const config = await desktopConfig(
      { auto_approve_credits: 300, max_credits_per_call: '300', daily_credit_budget: '500' },
      mkdtempSync(path.join(work, 'home-')),
    );
    expect(config.env).toMatchObject({
      VIDEOGEN_AUTO_APPROVE_CREDITS: '300',
      VIDEOGEN_MAX_CREDITS_PER_CALL: '300',
      VIDEOGEN_DAILY_CREDIT_BUDGET: '500',
      VIDEOGEN_AUTO_APPROVE_QUOTA: 'false',
      SAMSAR_API_KEY: '',
    });
    const client = await startBundle(config, testEnv());
    try {
      // 300 credits: within the auto-approve limit, so it runs without a token.
      const ok = await callOk(client, 'samsar_text_to_video', RENDER);
      expect(ok.cost).toMatchObject({ confirmed_by: 'auto_approve', quoted: 300 });
      // 330 credits: above the per-call limit, refused even when quoted.
      const big = await callOk(client, 'estimate_cost', {
        tool: 'samsar_text_to_video',
        arguments: { ...RENDER, duration: 11 },
      });
      expect(JSON.stringify(big)).toContain('VIDEOGEN_MAX_CREDITS_PER_CALL');
      // Another 300 would take the day to 600, past the 500 budget.
      const again = (await client.callTool({ name: 'samsar_text_to_video', arguments: RENDER })) as {
        structuredContent?: Record<string, unknown>;
      };
      expect(again.structuredContent).toMatchObject({
        code: 'over_daily_budget',
        spent_today: 300,
        limit: 500,
      });
    } finally {
      await client.close();
    }
  }, 60_000);
});
