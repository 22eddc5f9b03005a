/**
 * Authentication of the sandbox's video routes: the same X-API-Key check as the templates and AI
 * routes, and each authenticated request counted for the usage summary's api_key block.
 */
import type { Handler, SandboxRequest } from '../router.js';
import { withApiKey } from './templates-ai-auth.js';
import type { VideoStore } from './video-store.js';

export type VideoAuth = (handler: (req: SandboxRequest, key: string) => ReturnType<Handler>) => Handler;

export const videoAuth =
  (store: VideoStore): VideoAuth =>
  (handler) =>
    withApiKey((req, key) => {
      store.touch(key);
      return handler(req, key);
    });
