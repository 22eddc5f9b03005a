/**
 * The bin's launcher (src/bin.cts): it runs the bundle with a V8 code cache when it can, and never
 * depends on that cache: a missing or corrupt cache is rebuilt, and without a bundle the modules
 * load unbundled. Each case runs on a copy of the build, so the real dist/ is never touched. The
 * schemas the bundle publishes (built into it at build time) are the ones the source derives.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';
import { startHarness } from '../helpers/harness.js';
import { requireBuiltBin, runBin, sandboxBinTransport } from '../helpers/spawn-bin.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const copies: string[] = [];

/** A copy of the built package: dist/, package.json, assets/ and a link to node_modules. */
function copyOfBuild(): { root: string; bin: string; bundle: string; cache: string } {
  requireBuiltBin();
  const root = mkdtempSync(path.join(os.tmpdir(), 'videogen-bundle-'));
  copies.push(root);
  cpSync(path.join(ROOT, 'dist'), path.join(root, 'dist'), { recursive: true });
  cpSync(path.join(ROOT, 'assets'), path.join(root, 'assets'), { recursive: true });
  cpSync(path.join(ROOT, 'package.json'), path.join(root, 'package.json'));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const bundle = path.join(root, 'dist', 'server.cjs');
  return { root, bin: path.join(root, 'dist', 'bin.cjs'), bundle, cache: `${bundle}.cache` };
}

type Listed = { name: string; inputSchema: Record<string, unknown> };

async function listToolsVia(bin: string): Promise<Listed[]> {
  const c = new Client({ name: 'bundle', version: '1.0.0' });
  await c.connect(sandboxBinTransport({ bin }));
  try {
    const { tools } = await c.listTools();
    const r = (await c.callTool({ name: 'samsar_list_models', arguments: {} })) as {
      structuredContent?: { sandbox?: boolean };
    };
    expect(r.structuredContent?.sandbox).toBe(true); // the bundle found its assets and reference data
    // zod's English messages survive the bundle (which keeps only the English locale).
    const refused = (await c.callTool({
      name: 'samsar_list_completed_sessions',
      arguments: { limit: 5001 },
    })) as { isError?: boolean; content: Array<{ text?: string }> };
    expect(refused.isError).toBe(true);
    expect(refused.content[0]?.text).toMatch(/limit: Too big: expected number to be <=5000/);
    return tools as Listed[];
  } finally {
    await c.close();
  }
}

afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the bin launcher', () => {
  it('the build ships a bundle and a code cache', () => {
    const dist = path.dirname(requireBuiltBin());
    expect(existsSync(path.join(dist, 'server.cjs'))).toBe(true);
    expect(existsSync(path.join(dist, 'server.cjs.cache'))).toBe(true);
  });

  it('writes a missing cache at exit, and serves meanwhile', async () => {
    const b = copyOfBuild();
    rmSync(b.cache);
    expect((await listToolsVia(b.bin)).length).toBeGreaterThan(0);
    expect(existsSync(b.cache)).toBe(true);
  });

  it('replaces a corrupt cache, and serves meanwhile', async () => {
    const b = copyOfBuild();
    writeFileSync(b.cache, 'not a V8 code cache');
    const tools = await listToolsVia(b.bin);
    expect(tools.map((t) => t.name)).toContain('samsar_list_models');
    expect(readFileSync(b.cache).toString('utf8')).not.toBe('not a V8 code cache');
  });

  it('serves the same tools and schemas without a bundle (modules loaded as they are)', async () => {
    const b = copyOfBuild();
    const bundled = await listToolsVia(b.bin);
    rmSync(b.bundle);
    rmSync(b.cache);
    expect(await listToolsVia(b.bin)).toEqual(bundled);
    expect(existsSync(b.cache)).toBe(false);
  });

  it('publishes in its build-time manifest exactly the schemas the source derives', async () => {
    const bundled = await listToolsVia(requireBuiltBin());
    const h = await startHarness();
    try {
      const fromSource = (await h.client.listTools()).tools as Listed[];
      expect(bundled).toEqual(fromSource);
      // The nested settings are there, not an empty object.
      const mix = bundled.find((t) => t.name === 'samautomation_mix_video')!;
      const settings = (mix.inputSchema.properties as Record<string, { properties?: object }>).settings!;
      expect(Object.keys(settings.properties ?? {})).toContain('transition_type');
    } finally {
      await h.close();
    }
  });

  it('dist/index.js starts the same command', async () => {
    const r = await runBin(['--version']);
    expect(r.stdout.trim()).toBe(VERSION);
    const viaIndex = await runBin(['--version'], {}, 20_000, path.join(ROOT, 'dist', 'index.js'));
    expect(viaIndex.code).toBe(0);
    expect(viaIndex.stdout.trim()).toBe(VERSION);
  });
});
