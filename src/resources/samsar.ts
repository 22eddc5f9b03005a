/**
 * Samsar resources: models and fonts (cached about an hour), completed sessions (about 30 s), and
 * one session's status and latest version, with completion of session ids.
 */
import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/server';
import type { AppDeps } from '../deps.js';
import { LIST_CACHE_KEYS } from '../jobs/notify-changes.js';
import { fetchSamsarSnapshot } from '../jobs/samsar-status.js';
import { seenJobsFor } from '../jobs/seen.js';
import { cachedGet, completeFrom, HOUR_MS, jsonContents, LIST_MS } from './json-resource.js';
import { jobUri, URIS } from './uris.js';

type CompletedSession = { session_id?: string; result_url?: string; result_language?: string };

const completedSessions = async (deps: AppDeps): Promise<CompletedSession[]> => {
  const data = await cachedGet(
    deps,
    LIST_CACHE_KEYS.samsar,
    LIST_MS,
    'samsar',
    '/video/list_completed_video_sessions',
  );
  return Array.isArray(data) ? (data as CompletedSession[]) : [];
};

/** Status and latest version of one session; a failing part is reported, not thrown. */
async function sessionView(deps: AppDeps, id: string) {
  const [status, latest] = await Promise.allSettled([
    fetchSamsarSnapshot(deps, id),
    deps.http.request({
      provider: 'samsar',
      method: 'GET',
      path: `/video/fetch_latest_version?session_id=${encodeURIComponent(id)}`,
    }),
  ]);
  if (status.status === 'rejected') throw status.reason;
  const { raw, ...snapshot } = status.value;
  return {
    ...snapshot,
    status_answer: raw,
    latest_version:
      latest.status === 'fulfilled' ? latest.value.data : { error: (latest.reason as Error).message },
  };
}

export function registerSamsarResources(server: McpServer, deps: AppDeps): void {
  const meta = (title: string, description: string) => ({ title, description, mimeType: 'application/json' });
  server.registerResource(
    'samsar-models',
    URIS.samsarModels,
    {
      ...meta('Samsar models', 'Image and video models with per-second prices.'),
      cacheHint: { ttlMs: HOUR_MS },
    },
    async (uri) =>
      jsonContents(
        uri.href,
        await cachedGet(deps, 'resource:samsar-models', HOUR_MS, 'samsar', '/video/supported_models', false),
      ),
  );
  server.registerResource(
    'samsar-fonts',
    URIS.samsarFonts,
    { ...meta('Samsar fonts', 'Subtitle fonts by language code.'), cacheHint: { ttlMs: HOUR_MS } },
    async (uri) =>
      jsonContents(
        uri.href,
        await cachedGet(deps, 'resource:samsar-fonts', HOUR_MS, 'samsar', '/supported_fonts', false),
      ),
  );
  server.registerResource(
    'samsar-sessions',
    URIS.samsarSessions,
    meta('Samsar completed sessions', 'Completed sessions with language and video URL.'),
    async (uri) => jsonContents(uri.href, await completedSessions(deps)),
  );
  server.registerResource(
    'samsar-session',
    new ResourceTemplate(URIS.samsarSession, {
      list: async () => ({
        resources: (await completedSessions(deps).catch(() => []))
          .filter((s) => typeof s.session_id === 'string')
          .slice(0, 50)
          .map((s) => ({
            uri: jobUri('samsar', s.session_id!),
            name: `Samsar session ${s.session_id}`,
            mimeType: 'application/json',
          })),
      }),
      complete: {
        session_id: async (typed) => {
          const done = (await completedSessions(deps).catch(() => [])).map((s) => s.session_id ?? '');
          const followed = seenJobsFor(deps).ids('samsar');
          return completeFrom([...followed, ...done].filter(Boolean), typed);
        },
      },
    }),
    meta('Samsar session', 'Status and latest version of one session.'),
    async (uri, vars) => jsonContents(uri.href, await sessionView(deps, String(vars.session_id))),
  );
}
