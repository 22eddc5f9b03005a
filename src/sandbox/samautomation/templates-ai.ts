/**
 * The templates, video-pack and AI half of the SamAutomation sandbox (the other half is video.ts).
 */
import { createAiRoutes } from './ai-jobs.js';
import type { SamautomationSimOptions, SamautomationSimPart } from './sim.js';
import { createTemplateRoutes } from './templates.js';
import { createVideoPackRoutes } from './templates-video-packs.js';

export function createTemplatesAiRoutes(options: SamautomationSimOptions): SamautomationSimPart {
  const ai = createAiRoutes(options);
  const packs = createVideoPackRoutes(options);
  return {
    routes: [...createTemplateRoutes(options), ...packs.routes, ...ai.routes],
    fileRoutes: [...packs.fileRoutes, ...ai.fileRoutes],
  };
}
