/**
 * Registers the tool surface on an MCP server from the tool manifest: names, descriptions and JSON
 * Schemas are ready at start-up, while validation and calls load the implementations on first use
 * (tool-surface/tool-runtime.ts). This is the only code that calls registerTool.
 *
 * The SDK would format a failed schema validation itself (text only, first issues). So the schema
 * registered here only advertises the manifest's JSON Schema and hands the arguments on as they
 * came; callTool validates them, and a refusal comes back through toToolResult like every other.
 */
import type { McpServer, StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import { DroppedKeys } from './dropped-keys.js';
import type { ToolManifestEntry } from './tool-manifest.js';
import type { CallContext } from './tool-runtime.js';

type Args = Record<string, unknown>;

const runtime = () => import('./tool-runtime.js');

/** Advertises the manifest's JSON Schema; the arguments pass as given, to be checked in callTool. */
function manifestSchema(entry: ToolManifestEntry): StandardSchemaWithJSON<Args, Args> {
  return {
    '~standard': {
      version: 1,
      vendor: 'videogen',
      validate: (value: unknown) => ({ value: value as Args }),
      jsonSchema: { input: () => entry.inputSchema, output: () => entry.inputSchema },
    },
  };
}

/** Registers the tools on the server; `call` is what their calls run in. */
export function registerTools(
  server: McpServer,
  tools: readonly ToolManifestEntry[],
  call: Omit<CallContext, 'droppedKeys'>,
): void {
  const dropped = new DroppedKeys(call.registered);
  dropped.watch(server);
  const context: CallContext = { ...call, droppedKeys: (id) => dropped.take(id) };
  for (const entry of tools) {
    server.registerTool(
      entry.name,
      {
        title: entry.title,
        description: entry.description,
        inputSchema: manifestSchema(entry),
        annotations: entry.annotations,
        _meta: entry.meta,
      },
      async (input: Args, ctx) => (await runtime()).callTool(entry, input, ctx, context),
    );
  }
}
