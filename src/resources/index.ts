/** Resources of the server (models, fonts, sessions, tasks, pricing). */
import type { McpServer } from '@modelcontextprotocol/server';
import type { AppDeps } from '../deps.js';

export function registerResources(_server: McpServer, _deps: AppDeps): void {}
