/**
 * The bundle swaps the SDK's Node shim for scripts/sdk-shims-lazy-ajv.mjs, which builds Ajv on the
 * first validation, from dist/ajv.cjs (Ajv bundled apart). Both must validate like Ajv.
 */
import { existsSync } from 'node:fs';
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

it('validates with the Ajv bundled apart (dist/ajv.cjs), as the shim loads it in the bin', () => {
  const built = fileURLToPath(new URL('../../dist/ajv.cjs', import.meta.url));
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first (npm test does)`);
  const { AjvJsonSchemaValidator } = createRequire(import.meta.url)(built) as {
    AjvJsonSchemaValidator: new () => { getValidator(s: object): (v: unknown) => { valid: boolean } };
  };
  const check = new AjvJsonSchemaValidator().getValidator({
    type: 'object',
    properties: { confirm: { type: 'boolean' } },
    required: ['confirm'],
  });
  expect(check({ confirm: false }).valid).toBe(true);
  expect(check({ confirm: 1 }).valid).toBe(false);
});
