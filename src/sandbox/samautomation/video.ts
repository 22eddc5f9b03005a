/**
 * The video-generation, render and async half of the SamAutomation sandbox (the other half is
 * templates-ai.ts): the routes, and the result and preview files they point to under /files.
 */

import { CallbackScheduler } from '../callbacks.js';
import { aspectRatioOf, mp4OfDuration, serveBytes } from '../files.js';
import { json, type Route } from '../router.js';
import type { SamautomationSimOptions, SamautomationSimPart } from './sim.js';
import { createAdvancedRoutes } from './video-advanced.js';
import { createAsyncRoutes } from './video-async.js';
import { videoAuth } from './video-auth.js';
import { createCoreRoutes } from './video-core.js';
import { createVideoStore } from './video-store.js';
import { createTaskView } from './video-view.js';
import { sendCompletionCallbacks } from './video-webhook.js';

export function createVideoRoutes(options: SamautomationSimOptions): SamautomationSimPart {
  const store = createVideoStore(options.clock, options.renderSeconds);
  const authed = videoAuth(store);
  const view = createTaskView({
    store,
    outputUrl: (t) => `${options.filesUrl()}/samautomation-video/${t.id}.mp4`,
    sizeOf: (t) => mp4OfDuration(t.durationSeconds, aspectRatioOf(t.aspectRatio)).length,
  });
  const callbacks = new CallbackScheduler({
    clock: options.clock,
    mode: options.callbackMode,
    log: options.callbackLog,
  });
  sendCompletionCallbacks(store, view, options.clock, callbacks);
  const advanced = createAdvancedRoutes({
    store,
    authed,
    view,
    simOptions: options,
    previewUrl: (id) => `${options.filesUrl()}/samautomation-preview/preview_${id}.mp4`,
  });

  const fileRoutes: Route[] = [
    {
      method: 'GET',
      pattern: '/samautomation-video/{file}',
      handler: (req) => {
        const id = /^([0-9a-f-]{36})\.mp4$/.exec(req.params.file ?? '')?.[1];
        const t = id ? store.tasks.get(id) : undefined;
        if (!t || store.state(t).status !== 'completed') return json(404, { error: 'Not found' });
        return serveBytes(
          mp4OfDuration(t.durationSeconds, aspectRatioOf(t.aspectRatio)),
          req.headers.range as string | undefined,
        );
      },
    },
    {
      method: 'GET',
      pattern: '/samautomation-preview/{file}',
      handler: (req) => {
        const id = /^preview_([0-9a-f]+)\.mp4$/.exec(req.params.file ?? '')?.[1];
        const preview = id ? advanced.previews.get(id) : undefined;
        if (preview === undefined) return json(404, { error: 'Not found' });
        return serveBytes(
          mp4OfDuration(preview.seconds, preview.aspect),
          req.headers.range as string | undefined,
        );
      },
    },
  ];

  return {
    routes: [
      ...createCoreRoutes({ store, authed, view }),
      ...advanced.routes,
      ...createAsyncRoutes({ store, authed, view }),
    ],
    fileRoutes,
  };
}
