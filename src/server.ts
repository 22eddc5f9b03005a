/**
 * createServer(deps) builds one MCP server instance with the catalogue, the server's own tools,
 * resources and prompts. A new instance is built per client connection; deps are shared.
 */
import { McpServer } from '@modelcontextprotocol/server';
import { selectTools } from './catalogue/filter.js';
import { catalogue } from './catalogue/index.js';
import { registerCatalogueEntry, registerOwnTool } from './catalogue/registry.js';
import type { AppDeps } from './deps.js';
import { registerPrompts } from './prompts/index.js';
import { registerResources } from './resources/index.js';
import { ResourceSubscriptions } from './resources/subscriptions.js';
import type { ServerHost } from './tools/define.js';
import { ownTools } from './tools/index.js';
import { VERSION } from './version.js';

export function serverInstructions(deps: AppDeps): string {
  const lines = [
    'Video generation with Samsar (prompt or images to narrated video) and SamAutomation (JSON compositions, templates, AI model jobs).',
    'Paid calls need a confirmed quote: call estimate_cost, show the person the amount, then pass its confirmation_token. Creation tools return a job id fast; follow it with wait_for_job, then download_video.',
  ];
  if (deps.sandbox) {
    lines.push(
      'SANDBOX MODE: no API key is configured, so an embedded simulator answers for both APIs. Nothing is real and nothing is charged; results are marked sandbox: true.',
    );
  }
  return lines.join('\n');
}

export function createServer(deps: AppDeps): McpServer {
  const server = new McpServer(
    { name: 'videogen-mcp', version: VERSION },
    {
      capabilities: {
        tools: { listChanged: false },
        resources: { subscribe: true, listChanged: true },
        prompts: {},
        completions: {},
      },
      instructions: serverInstructions(deps),
    },
  );
  const entries = selectTools(catalogue, deps.config);
  const own = selectTools(ownTools, deps.config);
  const subscriptions = new ResourceSubscriptions(server);
  const host: ServerHost = {
    tools: [...entries, ...own],
    resourceUpdated: async (uri) => {
      if (!subscriptions.has(uri)) return;
      try {
        await server.server.sendResourceUpdated({ uri });
      } catch {
        // no subscriber or the era has no subscriptions: nothing to notify
      }
    },
    resourceListChanged: () => {
      if (server.isConnected()) server.sendResourceListChanged();
    },
  };
  for (const entry of entries) registerCatalogueEntry(server, entry, deps);
  for (const tool of own) registerOwnTool(server, tool, deps, host);
  registerResources(server, deps);
  registerPrompts(server, deps);
  return server;
}
