/**
 * What the client declared it can do, wherever its era puts it: in each request's `_meta` envelope
 * on the 2026 era (no initialize), at initialize on the 2025 era. The cost guard reads it for
 * elicitation, the MCP Apps views for the UI extension.
 */
import type { ClientCapabilities, McpServer, ServerContext } from '@modelcontextprotocol/server';
import { CLIENT_CAPABILITIES_META_KEY } from '@modelcontextprotocol/server';

export function clientCapabilitiesOf(ctx: ServerContext, server: McpServer): ClientCapabilities | undefined {
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  return (
    (envelope?.[CLIENT_CAPABILITIES_META_KEY] as ClientCapabilities | undefined) ??
    server.server.getClientCapabilities()
  );
}
