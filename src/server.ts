/**
 * createServer(deps) builds one MCP server instance with the catalogue, the server's own tools,
 * resources and prompts. A new instance is built per client connection; deps are shared.
 */
import { McpServer } from '@modelcontextprotocol/server';
import { offerViews } from './apps/offer-views.js';
import { PROVIDERS, sandboxedProviders } from './config.js';
import type { AppDeps } from './deps.js';
import { registerPrompts } from './prompts/index.js';
import { describeProvider, isSandboxed, PROVIDER_NAME } from './provider-access.js';
import { registerResources } from './resources/index.js';
import { ResourceSubscriptions } from './resources/subscriptions.js';
import { registerTools } from './tool-surface/registry.js';
import { selectTools } from './tool-surface/tool-manifest.js';
import type { ServerHost } from './tools/define.js';
import { VERSION } from './version.js';

export function serverInstructions(deps: AppDeps): string {
  const lines = [
    'Video generation with Samsar (prompt or images to narrated video) and SamAutomation (JSON compositions, templates, AI model jobs).',
    'Paid calls need a confirmed quote: call estimate_cost, show the person the amount, then pass its confirmation_token. Creation tools return a job id fast; follow it with wait_for_job, then download_video.',
  ];
  const sandboxed = sandboxedProviders(deps.config).map((p) => PROVIDER_NAME[p]);
  if (sandboxed.length) {
    lines.push(
      `SANDBOX MODE for ${sandboxed.join(' and ')}: an embedded simulator answers for ${sandboxed.length > 1 ? 'them' : 'it'}; nothing there is real or charged, and its results are marked sandbox: true.`,
    );
  }
  const others = PROVIDERS.filter((p) => !isSandboxed(deps.config, p)).map((p) =>
    describeProvider(deps.config, p),
  );
  if (others.length) lines.push(`${others.join('; ')}.`);
  return lines.join('\n');
}

/**
 * Where a 2026-era instance's change notifications go: over stdio the instance sends them and the
 * SDK's listen router filters them onto the client's subscriptions/listen streams; over HTTP each
 * request has its own instance, so they are published on the shared bus the handler's streams read.
 */
export type ModernChanges = 'instance' | 'bus';

export function createServer(deps: AppDeps, modernChanges: ModernChanges = 'bus'): McpServer {
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
  const tools = selectTools(deps.toolManifest, deps.config);
  const subscriptions = new ResourceSubscriptions(server);
  const modern = () => (server.server.getNegotiatedProtocolVersion() ?? '') >= '2026';
  const host: Omit<ServerHost, 'tools'> = {
    resourceUpdated: async (uri) => {
      if (modern() && modernChanges === 'bus') return deps.events.publish({ kind: 'resource_updated', uri });
      if (!modern() && !subscriptions.has(uri)) return;
      try {
        await server.server.sendResourceUpdated({ uri });
      } catch {
        // no subscriber or the era has no subscriptions: nothing to notify
      }
    },
    resourceListChanged: () => {
      if (modern() && modernChanges === 'bus') return deps.events.publish({ kind: 'resources_list_changed' });
      if (server.isConnected()) server.sendResourceListChanged();
    },
  };
  const registered = new Set(tools.map((t) => t.name));
  registerTools(server, tools, { server, deps, host, registered });
  registerResources(server, deps);
  registerPrompts(server, deps);
  offerViews(server, deps, tools);
  return server;
}
