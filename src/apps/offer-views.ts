/**
 * Offers the MCP Apps views to clients that render them, and to no one else: tools/list gains
 * `_meta.ui.resourceUri` on the tools that have a view only when the request's client declared the
 * UI extension (at initialize on the 2025 era, in each request on 2026), and resources/read serves
 * the `ui://` views. Every other answer is the SDK's own, byte for byte. The views stay out of
 * resources/list, as SEP-1865 allows: hosts find them through the tools.
 */
import type {
  JSONRPCRequest,
  ListToolsResult,
  McpServer,
  Result,
  ServerContext,
} from '@modelcontextprotocol/server';
import { clientCapabilitiesOf } from '../client-capabilities.js';
import type { AppDeps } from '../deps.js';
import type { ToolManifestEntry } from '../tool-surface/tool-manifest.js';
import { LEGACY_URI_KEY, rendersViews } from './ui-extension.js';
import { VIEWS, viewWithUri } from './views.js';

type StoredHandler = (request: JSONRPCRequest, ctx: ServerContext) => Promise<Result>;

/**
 * McpServer's own handler for a method, so the answer stays the SDK's and only gains the views.
 * The SDK has no public hook per request here; its protected accessor is the narrowest way in,
 * and a missing one fails every test that builds a server rather than silently dropping the views.
 */
function sdkHandler(server: McpServer, method: string) {
  const low = server.server as unknown as { _getRequestHandler?(m: string): StoredHandler | undefined };
  const handler = low._getRequestHandler?.call(server.server, method);
  if (!handler) throw new Error(`MCP Apps: the SDK's ${method} handler is not reachable`);
  // It takes the request as it came off the wire; handlers receive it without jsonrpc and id.
  return (request: object, ctx: ServerContext) =>
    handler({ jsonrpc: '2.0', id: ctx.mcpReq.id, ...request } as JSONRPCRequest, ctx);
}

export function offerViews(server: McpServer, deps: AppDeps, tools: readonly ToolManifestEntry[]): void {
  const uriOf = new Map(tools.flatMap((t) => (t.view ? [[t.name, VIEWS[t.view].uri] as const] : [])));
  if (!uriOf.size) return;

  const listTools = sdkHandler(server, 'tools/list');
  server.server.setRequestHandler('tools/list', async (request, ctx) => {
    const listed = (await listTools(request, ctx)) as ListToolsResult;
    if (!rendersViews(clientCapabilitiesOf(ctx, server))) return listed;
    return {
      ...listed,
      tools: listed.tools.map((tool) => {
        const uri = uriOf.get(tool.name);
        return uri
          ? { ...tool, _meta: { ...tool._meta, ui: { resourceUri: uri }, [LEGACY_URI_KEY]: uri } }
          : tool;
      }),
    };
  });

  const readResource = sdkHandler(server, 'resources/read');
  server.server.setRequestHandler('resources/read', async (request, ctx) => {
    const view = viewWithUri(request.params.uri);
    if (!view) return (await readResource(request, ctx)) as never;
    return (await import('./view-resource.js')).readView(view, deps);
  });
}
