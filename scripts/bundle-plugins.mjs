/**
 * The esbuild plugins of scripts/bundle.mjs: each trims or defers a part of the bundle that
 * start-up does not need, or makes the bundle behave as tsc's modules do.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The bundle lives in dist/, where tsc would have put each module's .js file one or two folders
 * deeper: give each module the import.meta.url of that file, so its relative paths
 * (../package.json, ../../assets/...) resolve as they do unbundled.
 */
export const distImportMeta = (srcDir) => ({
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
});

/**
 * zod's classic API re-exports every locale (about a sixth of the bundle); only English is ever used
 * (zod configures it by default), so the bundle keeps just that one.
 */
export const englishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";',
      loader: 'js',
    }));
  },
};

/**
 * The SDK's Node shim, swapped for one that loads Ajv on first use (see that file); Ajv itself, a
 * fifth of the code, is bundled apart as dist/ajv.cjs, which the shim requires then.
 */
const shim = fileURLToPath(new URL('./sdk-shims-lazy-ajv.mjs', import.meta.url));
export const lazyAjv = {
  name: 'sdk-shims-lazy-ajv',
  setup(build) {
    build.onResolve({ filter: /^@modelcontextprotocol\/server\/_shims$/ }, () => ({ path: shim }));
    build.onResolve({ filter: /^@modelcontextprotocol\/server\/validators\/ajv$/ }, (args) =>
      args.importer === shim ? { path: './ajv.cjs', external: true } : undefined,
    );
  },
};

/**
 * A package the main bundle requires from a bundle of its own (dist/<pkg>.cjs) when first used,
 * instead of carrying it: every start reads and holds less.
 */
function apart(pkg) {
  const file = `./${pkg}.cjs`;
  const namespace = `${pkg}-apart`;
  return {
    name: namespace,
    setup(build) {
      // A require, not the import() the source has: the launcher's vm.Script cannot import().
      build.onResolve({ filter: new RegExp(`^${pkg}$`) }, () => ({ path: pkg, namespace }));
      build.onLoad({ filter: /.*/, namespace }, () => ({
        contents: `module.exports = require('${file}');`,
        loader: 'js',
      }));
      build.onResolve({ filter: new RegExp(`^${file.replaceAll('.', '\\.')}$`) }, () => ({
        path: file,
        external: true,
      }));
    },
  };
}

/**
 * undici (the HTTP client, about 40% of the code) is first needed by the first upstream call: its
 * Pool and Agent (scripts/undici-pool-agent.cjs) are dist/undici.cjs.
 */
export const undiciApart = apart('undici');

/**
 * The PostgreSQL driver is needed only when VIDEOGEN_DATABASE_URL is set, when the PostgreSQL store
 * opens: dist/pg.cjs. A single user's start never reads it.
 */
export const pgApart = apart('pg');

/** Options of dist/pg.cjs: pg's optional native binding and its Cloudflare socket stay out. */
export const PG_EXTERNALS = ['pg-native', 'pg-cloudflare'];

/**
 * undici's HTTP/2 client loads node:http2 (about 10 ms) as its module loads, though it only runs
 * when a connection negotiates h2, which this server never asks for (allowH2 stays off): it loads
 * when first called instead.
 */
export const lazyHttp2 = {
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
