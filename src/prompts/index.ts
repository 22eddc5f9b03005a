/** Prompts for the common flows. */
import type { McpServer } from '@modelcontextprotocol/server';
import type { AppDeps } from '../deps.js';
import { registerReelFromImages } from './reel-from-images.js';
import { registerVideoFromPrompt } from './video-from-prompt.js';

export function registerPrompts(server: McpServer, deps: AppDeps): void {
  registerVideoFromPrompt(server, deps);
  registerReelFromImages(server, deps);
}
