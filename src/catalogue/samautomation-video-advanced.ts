/** The SamAutomation advanced renderer: preview (synchronous, free) or full render (one plan video). */
import * as z from 'zod/v4';
import {
  audioSettings,
  captionElements,
  mediaInputs,
  outputSettings,
  renderOptions,
} from '../providers/samautomation/advanced.js';
import { guardedText, taskUuid } from '../providers/samautomation/common.js';
import { exportsInput, exportsToSend, resolveExports } from '../providers/samautomation/exports.js';
import { type CatalogueEntry, defineEntry } from './define.js';
import { CREATE, dataOf, READ, startedLine, taskLine } from './samautomation-video-hints.js';

const input = z
  .strictObject({
    output_settings: outputSettings,
    media_inputs: mediaInputs.optional(),
    caption_elements: captionElements,
    audio_settings: audioSettings,
    render_options: renderOptions,
    template_id: guardedText(100).optional().describe('Its settings merged under these.'),
    exports: exportsInput,
  })
  .refine((a) => a.media_inputs || a.template_id, {
    path: ['media_inputs'],
    message: 'media_inputs.main_clips is required (or a template_id that provides it)',
  });

export const samautomationAdvancedEntries: CatalogueEntry[] = [
  defineEntry({
    name: 'samautomation_advanced_video',
    title: 'Advanced render',
    description:
      'Renders from a full config. render_options.mode preview: instant, free; full (default): 1 plan video (quota), confirm with estimate_cost, then wait_for_job.',
    provider: 'samautomation',
    toolset: 'samautomation',
    method: 'POST',
    path: '/api/render/advanced-video',
    auth: true,
    input,
    billing: (a) => (a.render_options?.mode === 'preview' ? 'free' : 'quota'),
    annotations: CREATE,
    job: 'samautomation_advanced',
    precheck: async (args, deps) => resolveExports(args, deps),
    request: (a) => ({
      body: {
        config: Object.fromEntries(
          Object.entries({ ...a, exports: exportsToSend(a) }).filter(([, v]) => v !== undefined),
        ),
      },
    }),
    summarize: (d) => {
      const r = dataOf(d);
      return r.mode === 'preview' ? `Preview ready (free): ${r.preview_url}` : startedLine(d);
    },
  }),
  defineEntry({
    name: 'samautomation_advanced_video_progress',
    title: 'Advanced render progress',
    description: 'One progress check of a full advanced render. Free.',
    provider: 'samautomation',
    toolset: 'jobs',
    method: 'GET',
    path: '/api/render/advanced-video/progress/{task_id}',
    auth: true,
    input: z.object({ task_id: taskUuid.describe('data.id of the advanced render.') }),
    billing: 'free',
    annotations: READ,
    request: ({ task_id }) => ({ pathParams: { task_id } }),
    summarize: (d) => taskLine(dataOf(d)),
  }),
];
