/** Samsar tools that read (models, fonts, status, latest version, completed sessions) or cancel. */
import * as z from 'zod/v4';
import { externalUser, samsarEnvelope, sessionId } from '../providers/samsar/schemas.js';
import { type CatalogueEntry, defineEntry } from './define.js';
import { DESTRUCTIVE, READ } from './samsar-common.js';

const base = { provider: 'samsar', toolset: 'samsar', billing: 'free', auth: true } as const;

interface Status {
  status?: string;
  result_url?: string;
  expressGenerationStatus?: Record<string, string>;
  message?: string;
}

const stageNow = (s: Status) =>
  Object.entries(s.expressGenerationStatus ?? {}).find(([, v]) => v === 'IN_PROGRESS')?.[0];

export const samsarReadEntries: CatalogueEntry[] = [
  defineEntry({
    ...base,
    name: 'samsar_list_models',
    title: 'List Samsar models',
    description: 'Lists Samsar image and video models with per-second credit prices. Free.',
    method: 'GET',
    path: '/video/supported_models',
    auth: false,
    input: z.strictObject({}),
    annotations: READ,
    request: () => ({}),
    summarize: (d) => {
      const models = (d as { VIDEO_MODELS?: Array<{ value: string; basePrice: number }> }).VIDEO_MODELS ?? [];
      return `${models.length} video models: ${models.map((m) => `${m.value} ${m.basePrice}/s`).join(', ')}.`;
    },
  }),
  defineEntry({
    ...base,
    name: 'samsar_list_fonts',
    title: 'List Samsar fonts',
    description: 'Lists subtitle fonts (font_key values) per language. Free.',
    method: 'GET',
    path: '/supported_fonts',
    auth: false,
    input: z.strictObject({}),
    annotations: READ,
    request: () => ({}),
    summarize: (d) => {
      const by = (d as { fontsByLanguage?: Record<string, string[]> }).fontsByLanguage ?? {};
      return `Fonts for ${Object.keys(by).join(', ')} ('default' applies to other languages).`;
    },
  }),
  defineEntry({
    ...base,
    toolset: 'jobs',
    name: 'samsar_get_status',
    title: 'Samsar job status',
    description: 'One status check of a Samsar session. Free. Prefer wait_for_job to follow a render.',
    method: 'GET',
    path: '/status',
    externalPath: '/external_users/status',
    input: z.strictObject({ session_id: sessionId, external_user: externalUser }),
    annotations: READ,
    request: ({ session_id, external_user }) => ({
      query: { request_id: session_id },
      external: Boolean(external_user),
    }),
    summarize: (d) => {
      const s = d as Status;
      if (s.status === 'COMPLETED') return `Completed: ${s.result_url} (save it with download_video).`;
      if (s.status === 'PENDING')
        return `PENDING${stageNow(s) ? ` (${stageNow(s)})` : ''}: follow it with wait_for_job.`;
      return `Status ${s.status}${s.message ? `: ${s.message}` : ''}.`;
    },
  }),
  defineEntry({
    ...base,
    name: 'samsar_fetch_latest_version',
    title: 'Samsar latest version',
    description: "Gets a session's latest render URL (status PENDING while rendering). Free.",
    method: 'GET',
    path: '/video/fetch_latest_version',
    input: z.strictObject({ session_id: sessionId }),
    annotations: READ,
    request: ({ session_id }) => ({ query: { session_id } }),
    summarize: (d) => {
      const s = d as Status;
      if (s.result_url) return `Latest render: ${s.result_url}.`;
      return s.status === 'PENDING'
        ? 'Not ready yet: follow it with wait_for_job.'
        : `Status ${s.status}: ${s.message ?? 'no render'}.`;
    },
  }),
  defineEntry({
    ...base,
    name: 'samsar_list_completed_sessions',
    title: 'Samsar completed sessions',
    description: 'Lists completed Samsar sessions with language and video URL. Free.',
    method: 'GET',
    path: '/video/list_completed_video_sessions',
    input: z.strictObject({ limit: z.number().int().min(1).max(5000).optional() }),
    annotations: READ,
    request: ({ limit }) => ({ query: { limit } }),
    summarize: (d) => {
      const list = Array.isArray(d) ? (d as Array<{ session_id: string }>) : [];
      return `${list.length} completed session(s)${list.length ? `, newest ${list[0]!.session_id}` : ''}.`;
    },
  }),
  defineEntry({
    ...base,
    name: 'samsar_cancel_render',
    title: 'Samsar cancel render',
    description: 'Cancels an in-progress render of a session; it cannot be resumed. Free.',
    method: 'POST',
    path: '/video/cancel_render',
    input: z.strictObject({ session_id: sessionId }),
    annotations: DESTRUCTIVE,
    request: ({ session_id }) => ({ body: samsarEnvelope({ videoSessionId: session_id }) }),
    summarize: (d) => `Render of ${(d as { session_id?: string }).session_id} cancelled.`,
  }),
];
