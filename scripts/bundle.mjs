/**
 * Build step after tsc: bundles src/main.ts and its dependencies into dist/server.cjs, which
 * dist/bin.cjs runs with a V8 code cache (loading one file instead of hundreds of modules is most of
 * the start-up budget), then starts it once so the cache is written before the first real client.
 * The tool manifest is computed here and built into the bundle. Without esbuild installed the bin
 * still works, unbundled and slower to start.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const srcDir = path.join(root, 'src');
const out = path.join(root, 'dist', 'server.cjs');
rmSync(out, { force: true });
rmSync(`${out}.cache`, { force: true });
rmSync(path.join(root, 'dist', 'undici.cjs'), { force: true });
rmSync(path.join(root, 'dist', 'ajv.cjs'), { force: true });

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.warn(
    'bundle: esbuild is not installed; dist/bin.cjs will load the modules unbundled (slower start-up)',
  );
  process.exit(0);
}

/**
 * The bundle lives in dist/, where tsc would have put each module's .js file one or two folders
 * deeper: give each module the import.meta.url of that file, so its relative paths
 * (../package.json, ../../assets/...) resolve as they do unbundled.
 */
const distImportMeta = {
  name: 'dist-import-meta',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!args.path.startsWith(srcDir + path.sep)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
      const rel = path.relative(srcDir, args.path).replace(/\.ts$/, '.js').split(path.sep).join('/');
      return {
        contents: text.replaceAll('import.meta.url', `__distUrl(${JSON.stringify(rel)})`),
        loader: 'ts',
      };
    });
  },
};

/**
 * zod's classic API re-exports every locale (about a sixth of the bundle); only English is ever used
 * (zod configures it by default), so the bundle keeps just that one.
 */
const englishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";',
      loader: 'js',
    }));
  },
};

/**
 * The tool manifest (src/catalogue/tool-manifest.ts), derived from tsc's output of the tools
 * themselves: the bundle answers tools/list from it and builds the zod schemas on first use.
 */
const { allTools } = await import(pathToFileURL(path.join(root, 'dist', 'catalogue', 'all-tools.js')).href);
const { describeTools } = await import(
  pathToFileURL(path.join(root, 'dist', 'catalogue', 'describe-tools.js')).href
);
const toolManifest = describeTools(allTools);

/**
 * The SDK's Node shim, swapped for one that loads Ajv on first use (see that file); Ajv itself, a
 * fifth of the code, is bundled apart as dist/ajv.cjs, which the shim requires then.
 */
const shim = path.join(root, 'scripts', 'sdk-shims-lazy-ajv.mjs');
const lazyAjv = {
  name: 'sdk-shims-lazy-ajv',
  setup(build) {
    build.onResolve({ filter: /^@modelcontextprotocol\/server\/_shims$/ }, () => ({ path: shim }));
    build.onResolve({ filter: /^@modelcontextprotocol\/server\/validators\/ajv$/ }, (args) =>
      args.importer === shim ? { path: './ajv.cjs', external: true } : undefined,
    );
  },
};

/**
 * undici (the HTTP client, about 40% of the code) is first needed by the first upstream call: its
 * Pool and Agent (scripts/undici-pool-agent.cjs) get a bundle of their own, dist/undici.cjs, which
 * the main bundle requires then. Every start reads and holds less.
 */
const undiciOut = path.join(root, 'dist', 'undici.cjs');
const undiciApart = {
  name: 'undici-apart',
  setup(build) {
    // A require, not the import() the source has: the launcher's vm.Script cannot import().
    build.onResolve({ filter: /^undici$/ }, () => ({ path: 'undici', namespace: 'undici-apart' }));
    build.onLoad({ filter: /.*/, namespace: 'undici-apart' }, () => ({
      contents: "module.exports = require('./undici.cjs');",
      loader: 'js',
    }));
    build.onResolve({ filter: /^\.\/undici\.cjs$/ }, () => ({ path: './undici.cjs', external: true }));
  },
};
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};
/**
 * undici's HTTP/2 client loads node:http2 (about 10 ms) as its module loads, though it only runs
 * when a connection negotiates h2, which this server never asks for (allowH2 stays off): it loads
 * when first called instead.
 */
const lazyHttp2 = {
  name: 'undici-lazy-http2',
  setup(build) {
    build.onResolve({ filter: /^\.\/client-h2\.js$/ }, (args) => ({
      path: path.join(args.resolveDir, 'client-h2.js'),
      namespace: 'undici-lazy-http2',
    }));
    build.onLoad({ filter: /.*/, namespace: 'undici-lazy-http2' }, (args) => ({
      contents: `module.exports = (...args) => require(${JSON.stringify(args.path)})(...args);`,
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};
await esbuild.build({
  ...common,
  stdin: {
    contents: "module.exports = require('@modelcontextprotocol/server/validators/ajv');",
    resolveDir: root,
  },
  outfile: path.join(root, 'dist', 'ajv.cjs'),
});
await esbuild.build({
  ...common,
  entryPoints: [path.join(root, 'scripts', 'undici-pool-agent.cjs')],
  outfile: undiciOut,
  plugins: [lazyHttp2],
});

await esbuild.build({
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
    js: "(function (exports, require, module, __filename, __dirname) {const __distUrl = (rel) => require('node:url').pathToFileURL(require('node:path').join(__dirname, rel)).href;",
  },
  footer: { js: '})' },
  plugins: [distImportMeta, englishOnly, lazyAjv, undiciApart],
});

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
