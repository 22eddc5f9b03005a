/** Resources of the server (models, fonts, sessions, tasks, pricing). */
import type { McpServer } from '@modelcontextprotocol/server';
import type { AppDeps } from '../deps.js';
import { registerPricingResources } from './pricing.js';
import { registerSamautomationResources } from './samautomation.js';
import { registerSamsarResources } from './samsar.js';

export function registerResources(server: McpServer, deps: AppDeps): void {
  registerPricingResources(server, deps);
  registerSamsarResources(server, deps);
  registerSamautomationResources(server, deps);
}
