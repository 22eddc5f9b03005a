/**
 * Stands in for @modelcontextprotocol/server/_shims (the SDK's per-runtime module) in the bundle.
 * Same exports as the Node shim, but Ajv, the SDK's default JSON Schema validator and a fifth of
 * its code, is loaded and built when the first schema is validated (an elicitation answer), not at
 * every start. scripts/bundle.mjs wires it in and bundles Ajv apart (dist/ajv.cjs, what the require
 * below becomes); unbundled runs use the SDK's own shim.
 */
import process from 'node:process';

export class DefaultJsonSchemaValidator {
  #ajv;

  getValidator(schema) {
    // require, not import(): getValidator is synchronous; esbuild bundles the module and runs it here.
    this.#ajv ??= new (require('@modelcontextprotocol/server/validators/ajv').AjvJsonSchemaValidator)();
    return this.#ajv.getValidator(schema);
  }
}

export { process };
