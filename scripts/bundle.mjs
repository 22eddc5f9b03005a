/**
 * Build step after tsc: bundles src/main.ts and its dependencies into dist/server.cjs, which
 * dist/bin.cjs runs with a V8 code cache (loading one file instead of hundreds of modules is most of
 * the start-up budget), then starts it once so the cache is written before the first real client.
 * The tool manifest is computed here and built into the bundle; undici, Ajv and pg get bundles of
 * their own (dist/undici.cjs, dist/ajv.cjs, dist/pg.cjs), loaded on first use. The plugins are in
 * bundle-plugins.mjs. The MCP Apps views are built here too (scripts/build-apps.mjs), into
 * dist/apps/*.html.
 * Without esbuild installed the bin still works, unbundled and slower to start.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApps } from './build-apps.mjs';
import { BUNDLE_OPTIONS, LAUNCHER_WRAPPER } from './bundle-options.mjs';
import {
  distImportMeta,
  englishOnly,
  lazyAjv,
  lazyHttp2,
  PG_EXTERNALS,
  pgApart,
  undiciApart,
} from './bundle-plugins.mjs';
import { thirdPartyLicenses } from './third-party-licenses.mjs';
import { toolManifestFromDist } from './tool-manifest-from-dist.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const srcDir = path.join(root, 'src');
const out = path.join(root, 'dist', 'server.cjs');
rmSync(out, { force: true });
rmSync(`${out}.cache`, { force: true });
rmSync(path.join(root, 'dist', 'undici.cjs'), { force: true });
rmSync(path.join(root, 'dist', 'ajv.cjs'), { force: true });
rmSync(path.join(root, 'dist', 'pg.cjs'), { force: true });

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.warn(
    'bundle: esbuild is not installed; dist/bin.cjs will load the modules unbundled (slower start-up)',
  );
  process.exit(0);
}

await buildApps(esbuild);

// The bundle answers tools/list from the tool manifest and builds the zod schemas on first use.
const toolManifest = await toolManifestFromDist(root);

const undiciOut = path.join(root, 'dist', 'undici.cjs');
const common = { ...BUNDLE_OPTIONS, metafile: true };
const ajvBuild = await esbuild.build({
  ...common,
  stdin: {
    contents: "module.exports = require('@modelcontextprotocol/server/validators/ajv');",
    resolveDir: root,
  },
  outfile: path.join(root, 'dist', 'ajv.cjs'),
});
const pgBuild = await esbuild.build({
  ...common,
  stdin: { contents: "module.exports = require('pg');", resolveDir: root },
  outfile: path.join(root, 'dist', 'pg.cjs'),
  external: PG_EXTERNALS,
});
const undiciBuild = await esbuild.build({
  ...common,
  entryPoints: [path.join(root, 'scripts', 'undici-pool-agent.cjs')],
  outfile: undiciOut,
  plugins: [lazyHttp2],
});

const serverBuild = await esbuild.build({
  ...common,
  entryPoints: [path.join(srcDir, 'main.ts')],
  outfile: out,
  define: {
    __VIDEOGEN_TOOL_MANIFEST__: JSON.stringify(toolManifest),
    __VIDEOGEN_VERSION__: JSON.stringify(
      JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version,
    ),
  },
  // The file is the function the launcher compiles (src/bin.cts): wrapping it here spares every
  // start a copy of the whole source.
  banner: {
    js: `${LAUNCHER_WRAPPER.open}const __distUrl = (rel) => require('node:url').pathToFileURL(require('node:path').join(__dirname, rel)).href;`,
  },
  footer: { js: LAUNCHER_WRAPPER.close },
  plugins: [distImportMeta(srcDir), englishOnly, lazyAjv, undiciApart, pgApart],
});
writeFileSync(
  path.join(root, 'dist', 'THIRD-PARTY-LICENSES.txt'),
  thirdPartyLicenses([ajvBuild, pgBuild, undiciBuild, serverBuild].map((b) => b.metafile)),
);

// Warm-up: one stdio session (initialize, tools/list) in sandbox mode; the cache is written at exit.
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'videogen-warmup-'));
const child = spawn(process.execPath, [path.join(root, 'dist', 'bin.cjs')], {
  env: {
    PATH: process.env.PATH ?? '',
    VIDEOGEN_SANDBOX: '1',
    VIDEOGEN_LOG_LEVEL: 'error',
    VIDEOGEN_DATA_DIR: dataDir,
  },
  stdio: ['pipe', 'pipe', 'inherit'],
});
const send = (msg) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...msg })}\n`);
let seen = '';
child.stdout.on('data', (chunk) => {
  seen += chunk;
  if (seen.includes('"id":2')) child.stdin.end();
  else if (seen.includes('"id":1')) {
    send({ method: 'notifications/initialized' });
    send({ id: 2, method: 'tools/list', params: {} });
  }
});
send({
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'build', version: '1' } },
});
const code = await new Promise((resolve) => child.once('exit', resolve));
rmSync(dataDir, { recursive: true, force: true });
if (code !== 0) {
  console.error(`bundle: the bundled server failed its warm-up run (exit ${code})`);
  process.exit(1);
}
