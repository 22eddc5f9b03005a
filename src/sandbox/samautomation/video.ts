/** SamAutomation sandbox routes (to be filled in). */
import type { SamautomationSimOptions, SamautomationSimPart } from './sim.js';

export function createVideoRoutes(_options: SamautomationSimOptions): SamautomationSimPart {
  return { routes: [], fileRoutes: [] };
}
