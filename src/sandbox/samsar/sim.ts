/**
 * The Samsar half of the sandbox: the documented routes, ownership, credits and session lifecycle.
 */
import { mp4OfDuration, serveBytes } from '../files.js';
import { json, type Route } from '../router.js';
import { createRoutes } from './create-routes.js';
import { deriveRoutes } from './derive-routes.js';
import { readRoutes } from './read-routes.js';
import { SUPPORTED_FONTS, SUPPORTED_MODELS } from './reference-data.js';
import type { Session } from './sessions.js';
import { createSamsarState, type SamsarStateOptions } from './state.js';

export { SANDBOX_STARTING_CREDITS } from './state.js';

export type SamsarSimOptions = SamsarStateOptions;

export interface SamsarSim {
  routes: Route[];
  fileRoutes: Route[];
  sessions: Map<string, Session>;
  /** Credit balance per API key. */
  credits: Map<string, number>;
  /** Credit balance per external user, keyed `apiKey|provider|unique_key`. */
  externalCredits: Map<string, number>;
  /** Moves Samsar's simulated time forward, so tests can finish renders without waiting. */
  advance(ms: number): void;
}

export function createSamsarSim(options: SamsarSimOptions): SamsarSim {
  const state = createSamsarState(options);
  const routes: Route[] = [
    { method: 'GET', pattern: '/video/supported_models', handler: () => json(200, SUPPORTED_MODELS) },
    { method: 'GET', pattern: '/supported_fonts', handler: () => json(200, SUPPORTED_FONTS) },
    ...createRoutes(state),
    ...deriveRoutes(state),
    ...readRoutes(state),
  ];

  const fileRoutes: Route[] = [
    {
      method: 'GET',
      pattern: '/samsar/{file}',
      handler: (req) => {
        const id = req.params.file?.replace(/\.mp4$/, '') ?? '';
        const s = state.sessions.get(id);
        if (!s || state.statusOf(s) !== 'COMPLETED') return json(404, { error: 'Not found' });
        return serveBytes(
          mp4OfDuration(s.durationSeconds, s.aspectRatio),
          req.headers.range as string | undefined,
        );
      },
    },
  ];

  return {
    routes,
    fileRoutes,
    sessions: state.sessions,
    credits: state.credits,
    externalCredits: state.externalCredits,
    advance: state.advance,
  };
}
