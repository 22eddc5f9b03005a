/**
 * resources/subscribe and resources/unsubscribe for 2025-era connections: the SDK's McpServer does
 * not answer them itself. Only subscribed URIs get notifications/resources/updated.
 */
import type { McpServer } from '@modelcontextprotocol/server';

export class ResourceSubscriptions {
  private readonly uris = new Set<string>();

  constructor(server: McpServer) {
    server.server.setRequestHandler('resources/subscribe', async (req) => {
      this.uris.add(req.params.uri);
      return {};
    });
    server.server.setRequestHandler('resources/unsubscribe', async (req) => {
      this.uris.delete(req.params.uri);
      return {};
    });
  }

  has(uri: string): boolean {
    return this.uris.has(uri);
  }
}
