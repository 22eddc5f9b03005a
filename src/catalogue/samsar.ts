/** Samsar Video API endpoints as catalogue entries. */
import { z } from 'zod';
import {
  externalUser,
  IMAGE_MODELS,
  language,
  samsarEnvelope,
  sessionId,
  videoModel,
  webhookUrl,
} from '../providers/samsar/schemas.js';
import { type CatalogueEntry, defineEntry } from './define.js';

const READ = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
const CREATE = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };

export const samsarEntries: CatalogueEntry[] = [
  defineEntry({
    name: 'samsar_list_models',
    title: 'List Samsar models',
    description: 'Lists Samsar image and video models with per-second credit prices. Free.',
    provider: 'samsar',
    toolset: 'samsar',
    method: 'GET',
    path: '/video/supported_models',
    auth: false,
    input: z.object({}),
    billing: 'free',
    annotations: READ,
    request: () => ({}),
    summarize: (d) => {
      const models = (d as { VIDEO_MODELS?: Array<{ value: string; basePrice: number }> }).VIDEO_MODELS ?? [];
      return `${models.length} video models: ${models.map((m) => `${m.value} ${m.basePrice}/s`).join(', ')}.`;
    },
  }),
  defineEntry({
    name: 'samsar_text_to_video',
    title: 'Samsar text to video',
    description:
      'Starts a narrated video from a prompt. Costs duration x model rate credits (RUNWAYML 30/s): get a quote with estimate_cost first.',
    provider: 'samsar',
    toolset: 'samsar',
    method: 'POST',
    path: '/video/text_to_video',
    externalPath: '/external_users/text_to_video',
    auth: true,
    input: z.object({
      prompt: z.string().trim().min(1).max(1000),
      image_model: z.enum(IMAGE_MODELS),
      video_model: videoModel,
      duration: z.number().positive().max(240).describe('Seconds, at most 240.'),
      language: language.optional(),
      webhook_url: webhookUrl,
      external_user: externalUser,
    }),
    billing: 'credits',
    annotations: CREATE,
    job: 'samsar_session',
    request: ({ webhook_url, external_user, ...input }) => ({
      body: samsarEnvelope(input, { webhook_url, external_user }),
      external: Boolean(external_user),
    }),
    summarize: (d) => `Render started: session ${(d as { session_id?: string }).session_id}.`,
  }),
  defineEntry({
    name: 'samsar_get_status',
    title: 'Samsar job status',
    description:
      'One status check of a Samsar session. Free. Prefer wait_for_job to follow a render to the end.',
    provider: 'samsar',
    toolset: 'jobs',
    method: 'GET',
    path: '/status',
    externalPath: '/external_users/status',
    auth: true,
    input: z.object({ session_id: sessionId, external_user: externalUser }),
    billing: 'free',
    annotations: READ,
    request: ({ session_id, external_user }) => ({
      query: { request_id: session_id },
      external: Boolean(external_user),
    }),
    summarize: (d) => {
      const s = d as { status?: string; result_url?: string };
      return s.status === 'COMPLETED' ? `Completed: ${s.result_url}` : `Status ${s.status}.`;
    },
  }),
];
