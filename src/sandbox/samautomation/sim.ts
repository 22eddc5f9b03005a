/**
 * The SamAutomation half of the sandbox: the video-generation, render and async endpoints
 * (video.ts) and the templates, video-pack and AI endpoints (templates-ai.ts).
 */
import type { Clock } from '../../clock.js';
import type { SandboxCallbackMode } from '../../config.js';
import type { CallbackLog } from '../callbacks.js';
import type { Route } from '../router.js';
import { createTemplatesAiRoutes } from './templates-ai.js';
import { createVideoRoutes } from './video.js';

export interface SamautomationSimOptions {
  clock: Clock;
  renderSeconds: number;
  filesUrl(): string;
  callbackMode: SandboxCallbackMode;
  callbackLog: CallbackLog;
}

/** One part of the simulator: its API routes and the result files it serves. */
export interface SamautomationSimPart {
  routes: Route[];
  fileRoutes: Route[];
}

export type SamautomationSim = SamautomationSimPart;

export function createSamautomationSim(options: SamautomationSimOptions): SamautomationSim {
  const parts = [createVideoRoutes(options), createTemplatesAiRoutes(options)];
  return {
    routes: parts.flatMap((p) => p.routes),
    fileRoutes: parts.flatMap((p) => p.fileRoutes),
  };
}
