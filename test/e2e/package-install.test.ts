/**
 * The package a user installs runs. `npm pack` of this build, installed into an empty folder with
 * nothing but the tarball (so with its runtime dependencies only), starts from
 * node_modules/.bin/videogen-mcp under a real MCP client over stdio, lists every tool and walks a
 * whole sandbox render down to the saved file; `npx -y <tarball>` starts it too; an install the
 * server cannot write to still serves. The tarball holds what runs and none of the repository's tooling.
 */
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UI_EXTENSION_ID, VIEW_MIME_TYPE } from '../../src/apps/ui-extension.js';
import { VIEW_IDS, VIEWS } from '../../src/apps/views.js';
import { allTools } from '../../src/tool-surface/all-tools.js';
import { cleanEnv, installTarball, type Packed, PKG, packTarball } from '../helpers/npm-package.js';
import { renderAndDownload } from '../helpers/sandbox-render.js';
import { requireBuiltBin, runBin } from '../helpers/spawn-bin.js';

let packed: Packed;
let work: string;
let installDir: string;
let installedPkg: string;
let bin: string;

beforeAll(async () => {
  requireBuiltBin();
  packed = await packTarball();
  work = path.dirname(packed.tarball);
  installDir = path.join(work, 'empty-folder');
  await installTarball(packed.tarball, installDir);
  installedPkg = path.join(installDir, 'node_modules', PKG.name);
  bin = path.join(installDir, 'node_modules', '.bin', Object.keys(PKG.bin)[0]!);
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A throwaway folder the server (possibly running as another user) may write to. */
function writableDir(prefix: string): string {
  const dir = mkdtempSync(path.join(work, prefix));
  chmodSync(dir, 0o777);
  return dir;
}

function serverEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: writableDir('home-'),
    VIDEOGEN_SANDBOX: '1',
    VIDEOGEN_TIME_SCALE: '100',
    VIDEOGEN_LOG_LEVEL: 'warn',
    VIDEOGEN_DATA_DIR: writableDir('data-'),
    ...extra,
  };
}

async function connect(transport: StdioClientTransport): Promise<Client> {
  const client = new Client({ name: 'package-install', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/** Every package installed under node_modules (nested ones too), by name. */
function installedPackages(nodeModules: string): Map<string, Array<Record<string, Record<string, string>>>> {
  const found = new Map<string, Array<Record<string, Record<string, string>>>>();
  const visit = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir)) {
      if (entry.startsWith('.')) continue;
      if (entry.startsWith('@')) {
        for (const scoped of readdirSync(path.join(dir, entry))) visitPackage(path.join(dir, entry, scoped));
      } else visitPackage(path.join(dir, entry));
    }
  };
  const visitPackage = (pkgDir: string) => {
    const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
    found.set(pkg.name, [...(found.get(pkg.name) ?? []), pkg]);
    visit(path.join(pkgDir, 'node_modules'));
  };
  visit(nodeModules);
  return found;
}

describe('the npm tarball', () => {
  it('holds the bundle the bin runs, its assets and documents, and none of the repository tooling', () => {
    const files = packed.files;
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'assets/sample.mp4']),
    );
    expect(files).toContain(PKG.bin[PKG.name]!.replace(/^\.\//, ''));
    // Each entry of package.json "files" made it in: a build step that did not run leaves a gap.
    for (const entry of PKG.files) {
      expect(
        files.some((f) => f === entry || f.startsWith(`${entry}/`)),
        entry,
      ).toBe(true);
    }
    for (const file of files) {
      expect(file).not.toMatch(/^(src|test|bench|scripts|docs|node_modules|\.ci)\//);
      expect(file).not.toMatch(/\.(ts|cts|map|cache|tgz|mcpb)$/);
    }
    // Each file a shipped script requires by relative path is shipped too (the bin needs the bundle,
    // the bundle its lazily loaded parts).
    for (const file of files.filter((f) => f.endsWith('.cjs'))) {
      const source = readFileSync(path.join(installedPkg, file), 'latin1');
      for (const [, rel] of source.matchAll(/require\(["'](\.\.?\/[^"']+)["']\)/g)) {
        expect(files, `${file} requires ${rel}`).toContain(path.posix.join(path.posix.dirname(file), rel!));
      }
      for (const [, rel] of source.matchAll(/path\.join\(__dirname, ["']([^"']+)["']\)/g)) {
        expect(files, `${file} loads ${rel}`).toContain(path.posix.join(path.posix.dirname(file), rel!));
      }
    }
  });

  it('installs with its runtime dependencies only: no devDependency is there, so none is needed', () => {
    const installed = installedPackages(path.join(installDir, 'node_modules'));
    // What the declared dependencies pull in, transitively (whatever they are).
    const runtime = new Set<string>();
    const queue = Object.keys(PKG.dependencies ?? {});
    while (queue.length) {
      const name = queue.shift()!;
      if (runtime.has(name)) continue;
      runtime.add(name);
      for (const pkg of installed.get(name) ?? []) {
        queue.push(
          ...Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies }),
        );
      }
    }
    expect([...installed.keys()].filter((n) => n !== PKG.name && !runtime.has(n))).toEqual([]);
    for (const dev of Object.keys(PKG.devDependencies ?? {})) {
      if (!runtime.has(dev)) expect(installed.has(dev), `${dev} is installed`).toBe(false);
    }
  });

  it('prints the package version with --version', async () => {
    const r = await runBin(['--version'], {}, 20_000, bin);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(PKG.version);
  });

  it('serves every tool and a whole sandbox render from node_modules/.bin, then keeps its code cache', async () => {
    const cache = path.join(installedPkg, 'dist', 'server.cjs.cache');
    rmSync(cache, { force: true });
    const outputDir = writableDir('videos-');
    const client = await connect(
      new StdioClientTransport({
        command: bin, // the symlink npm made, run through its #! line as a client runs it
        cwd: writableDir('cwd-'),
        env: serverEnv({ VIDEOGEN_OUTPUT_DIR: outputDir }),
      }),
    );
    try {
      expect(client.getServerVersion()?.version).toBe(PKG.version);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(allTools.map((t) => t.name).sort());
      const saved = await renderAndDownload(client);
      expect(path.dirname(saved.path)).toBe(outputDir);
    } finally {
      await client.close();
    }
    // The cache is written as the process exits, beside the bundle.
    for (let i = 0; i < 200 && !existsSync(cache); i++) await new Promise((r) => setTimeout(r, 50));
    expect(statSync(cache).size).toBeGreaterThan(0);
  }, 90_000);

  it('serves the MCP Apps views from the install, to a client that declares the extension', async () => {
    const client = new Client({ name: 'package-install-apps', version: '1.0.0' }, {
      capabilities: { extensions: { [UI_EXTENSION_ID]: { mimeTypes: [VIEW_MIME_TYPE] } } },
    } as never);
    await client.connect(
      new StdioClientTransport({ command: bin, cwd: writableDir('cwd-'), env: serverEnv() }),
    );
    try {
      for (const id of VIEW_IDS) {
        const read = (await client.readResource({ uri: VIEWS[id].uri })) as {
          contents: Array<{ mimeType?: string; text?: string }>;
        };
        expect(read.contents[0]?.mimeType, id).toBe(VIEW_MIME_TYPE);
        expect(read.contents[0]?.text, id).toMatch(/^<!doctype html>/);
      }
    } finally {
      await client.close();
    }
  }, 60_000);

  it('serves from an install it cannot write to, without a code cache and without complaint', async () => {
    const dist = path.join(installedPkg, 'dist');
    rmSync(path.join(dist, 'server.cjs.cache'), { force: true });
    // root writes anywhere: the server then runs as nobody; anyone else gets a read-only install.
    const asRoot = process.getuid?.() === 0;
    let command = bin;
    let args: string[] = [];
    if (asRoot) {
      for (let dir = installDir; dir !== path.dirname(work); dir = path.dirname(dir)) chmodSync(dir, 0o755);
      const launcher = path.join(work, 'as-nobody.cjs');
      writeFileSync(
        launcher,
        'process.setgid(65534); process.setuid(65534); process.argv.splice(1, 1); require(process.argv[1]);\n',
      );
      chmodSync(launcher, 0o644);
      command = process.execPath;
      args = [launcher, bin];
    } else {
      chmodSync(dist, 0o555);
    }
    let stderr = '';
    const transport = new StdioClientTransport({
      command,
      args,
      cwd: writableDir('cwd-'),
      env: serverEnv(),
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (c) => (stderr += c));
    const client = await connect(transport);
    try {
      const models = (await client.callTool({ name: 'samsar_list_models', arguments: {} })) as {
        isError?: boolean;
        structuredContent?: { sandbox?: boolean };
      };
      expect(models.isError).toBeFalsy();
      expect(models.structuredContent?.sandbox).toBe(true); // the sandbox read its assets
    } finally {
      await client.close();
      if (!asRoot) chmodSync(dist, 0o755);
    }
    expect(readdirSync(dist).filter((f) => f.includes('.cache'))).toEqual([]);
    expect(stderr).not.toMatch(/EACCES|EROFS|EPERM|Error/);
  }, 60_000);

  it('starts with `npx -y ./<tarball>` and answers initialize', async () => {
    // npx installs into <cache>/_npx/<hash of the spec as written>: a relative spec unique to this
    // run (from the temporary folder's parent) keeps it apart from other runs and lets it be removed.
    // (An absolute path will not do: npx takes it for a command to run.)
    const spec = `./${path.relative(os.tmpdir(), packed.tarball).split(path.sep).join('/')}`;
    const npxDir = path.join(
      cleanEnv().npm_config_cache ?? path.join(os.homedir(), '.npm'),
      '_npx',
      createHash('sha512').update(spec).digest('hex').slice(0, 16),
    );
    const client = await connect(
      new StdioClientTransport({
        command: 'npx',
        args: ['-y', '--prefer-offline', spec],
        cwd: os.tmpdir(),
        env: cleanEnv({ ...serverEnv(), HOME: os.homedir() }), // npm's cache is under the real HOME
      }),
    );
    try {
      expect(client.getServerVersion()).toMatchObject({ name: PKG.name, version: PKG.version });
      expect((await client.listTools()).tools.length).toBe(allTools.length);
    } finally {
      await client.close();
      if (existsSync(path.join(npxDir, 'node_modules', PKG.name)))
        rmSync(npxDir, { recursive: true, force: true });
    }
  }, 120_000);
});
