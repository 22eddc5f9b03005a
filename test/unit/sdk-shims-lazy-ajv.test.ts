/**
 * The bundle swaps the SDK's Node shim for scripts/sdk-shims-lazy-ajv.mjs, which builds Ajv on the
 * first validation. Bundled here the way scripts/bundle.mjs bundles it, it must validate like Ajv.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

const SHIM = fileURLToPath(new URL('../../scripts/sdk-shims-lazy-ajv.mjs', import.meta.url));

it('validates JSON Schema with Ajv, loaded on first use', async () => {
  const out = await build({
    stdin: {
      contents: `const { DefaultJsonSchemaValidator } = require(${JSON.stringify(SHIM)});
module.exports = new DefaultJsonSchemaValidator();`,
      resolveDir: fileURLToPath(new URL('../..', import.meta.url)),
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
  });
  const mod = { exports: {} as { getValidator(s: object): (v: unknown) => { valid: boolean } } };
  new Function('module', 'exports', 'require', out.outputFiles[0]!.text)(
    mod,
    mod.exports,
    createRequire(import.meta.url),
  );
  const check = mod.exports.getValidator({
    type: 'object',
    properties: { confirm: { type: 'boolean' } },
    required: ['confirm'],
  });
  expect(check({ confirm: true }).valid).toBe(true);
  expect(check({ confirm: 'yes please' }).valid).toBe(false);
  expect(check({}).valid).toBe(false);
});
