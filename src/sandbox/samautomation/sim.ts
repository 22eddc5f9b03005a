/**
 * The SamAutomation half of the sandbox.
 */
import type { Clock } from '../../clock.js';
import type { Route } from '../router.js';

export interface SamautomationSimOptions {
  clock: Clock;
  renderSeconds: number;
  filesUrl(): string;
}

export interface SamautomationSim {
  routes: Route[];
  fileRoutes: Route[];
}

export function createSamautomationSim(_options: SamautomationSimOptions): SamautomationSim {
  return { routes: [], fileRoutes: [] };
}
