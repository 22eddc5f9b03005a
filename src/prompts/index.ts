/** Prompts for the common flows. */
import type { McpServer } from '@modelcontextprotocol/server';
import type { AppDeps } from '../deps.js';

export function registerPrompts(_server: McpServer, _deps: AppDeps): void {}
