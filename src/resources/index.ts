/** Resources of the server (models, fonts, sessions, tasks, pricing). */
import type { McpServer } from '@modelcontextprotocol/server';
import type { AppDeps } from '../deps.js';
import { registerPricingResources } from './pricing.js';

export function registerResources(server: McpServer, deps: AppDeps): void {
  registerPricingResources(server, deps);
}
