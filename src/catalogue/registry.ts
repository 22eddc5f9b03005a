/**
 * Registers the tool surface on an MCP server from the tool manifest: names, descriptions and JSON
 * Schemas are ready at start-up, while validation and calls load the implementations on first use
 * (catalogue/tool-runtime.ts). This is the only code that calls registerTool.
 */
import type { McpServer, StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import type { ToolManifestEntry } from './tool-manifest.js';
import type { CallContext } from './tool-runtime.js';

type Args = Record<string, unknown>;

const runtime = () => import('./tool-runtime.js');

/** A Standard Schema that advertises the manifest's JSON Schema and validates with the tool's zod schema. */
function manifestSchema(entry: ToolManifestEntry): StandardSchemaWithJSON<Args, Args> {
  return {
    '~standard': {
      version: 1,
      vendor: 'zod',
      validate: async (value: unknown) => (await runtime()).validateToolInput(entry.name, value),
      jsonSchema: { input: () => entry.inputSchema, output: () => entry.inputSchema },
    },
  } as unknown as StandardSchemaWithJSON<Args, Args>;
}

export function registerTool(server: McpServer, entry: ToolManifestEntry, call: CallContext): void {
  server.registerTool(
    entry.name,
    {
      title: entry.title,
      description: entry.description,
      inputSchema: manifestSchema(entry),
      annotations: entry.annotations,
      _meta: entry.meta,
    },
    async (input: Args, ctx) => (await runtime()).callTool(entry.name, input, ctx, call),
  );
}
