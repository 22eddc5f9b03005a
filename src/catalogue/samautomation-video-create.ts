/** SamAutomation core JSON-to-video creates: mix, simple and loop (each uses one plan video). */
import * as z from 'zod/v4';
import type { AppDeps } from '../deps.js';
import {
  atMost,
  httpUrl,
  mediaItem,
  mediaList,
  settings,
  transcripts,
} from '../providers/samautomation/common.js';
import {
  type ExportsArg,
  exportsInput,
  exportsToSend,
  resolveExports,
} from '../providers/samautomation/exports.js';
import { type CatalogueEntry, defineEntry } from './define.js';
import { CREATE, startedLine } from './samautomation-video-hints.js';

const QUOTA = 'Uses 1 plan video (quota): confirm with estimate_cost. Follow with wait_for_job.';

/** Drops undefined fields so the body carries only what was given. */
const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** What the three core renders share: same provider, quota billing, job kind and export handling. */
const coreRender = {
  provider: 'samautomation',
  toolset: 'samautomation',
  method: 'POST',
  auth: true,
  billing: 'quota',
  annotations: CREATE,
  job: 'samautomation_task',
  precheck: async (args: { exports?: ExportsArg }, deps: AppDeps) => resolveExports(args, deps),
  summarize: startedLine,
} as const;

const simpleItem = mediaItem.extend({
  type: z.enum(['video', 'image'], { error: "Media type must be 'video' or 'image'" }),
});

export const samautomationCreateEntries: CatalogueEntry[] = [
  defineEntry({
    ...coreRender,
    name: 'samautomation_mix_video',
    title: 'Mix video',
    description: `Renders a video from media clips with optional voice-over, music and timed captions. ${QUOTA}`,
    path: '/api/function/video-generation/mix-video',
    input: z.strictObject({
      media_list: mediaList,
      voice_url: httpUrl.optional(),
      background_url: httpUrl.optional().describe('Background music.'),
      transcripts,
      settings,
      exports: exportsInput,
    }),
    request: (a) => ({ body: defined({ ...a, exports: exportsToSend(a) }) }),
  }),
  defineEntry({
    ...coreRender,
    name: 'samautomation_simple_video',
    title: 'Simple video',
    description: `Renders a slideshow-style video from video and image items with strict settings. ${QUOTA}`,
    path: '/api/function/video-generation/simple-video',
    input: z.strictObject({
      media_list: atMost(z.array(simpleItem).min(1, 'No media items provided'), 500),
      settings,
      exports: exportsInput,
    }),
    request: (a) => ({ body: defined({ ...a, exports: exportsToSend(a) }) }),
  }),
  defineEntry({
    ...coreRender,
    name: 'samautomation_loop_video',
    title: 'Loop video',
    description: `Loops media over a background track for a set duration. ${QUOTA}`,
    path: '/api/function/video-generation/loop-video',
    input: z.strictObject({
      media_list: mediaList,
      background_url: httpUrl.describe('Background audio.'),
      duration: z
        .number()
        .positive('Duration must be a positive number')
        .max(3600)
        .optional()
        .describe('Seconds.'),
      settings,
      exports: exportsInput,
    }),
    // The one core endpoint with a documented envelope: top-level type, fields nested in data.
    request: (a) => ({ body: { type: 'LoopVideo', data: defined({ ...a, exports: exportsToSend(a) }) } }),
  }),
];
