/**
 * SamAutomation resources: AI models (cached about an hour), templates and recent tasks (about
 * 30 s), and one task or AI job's progress, with completion of task ids.
 */
import { type McpServer, ResourceTemplate } from '@modelcontextprotocol/server';
import type { AppDeps } from '../deps.js';
import { fetchSnapshot } from '../jobs/fetch-snapshot.js';
import { LIST_CACHE_KEYS } from '../jobs/notify-changes.js';
import { seenJobsFor } from '../jobs/seen.js';
import { cachedGet, completeFrom, HOUR_MS, jsonContents, LIST_MS } from './json-resource.js';
import { URIS } from './uris.js';

const TASKS_PATH = '/api/function/video-generation/tasks?limit=50';

/** Task ids from the tasks list, whichever envelope it comes in. */
function taskIds(data: unknown): string[] {
  const d = (data ?? {}) as Record<string, unknown>;
  const inner = (d.data ?? {}) as Record<string, unknown>;
  const list = [d.tasks, inner.tasks, d.data, d.results, data].find(Array.isArray) as unknown[] | undefined;
  return (list ?? [])
    .map((t) =>
      t && typeof t === 'object'
        ? ((t as Record<string, unknown>).id ?? (t as Record<string, unknown>).task_id)
        : undefined,
    )
    .filter((id): id is string | number => typeof id === 'string' || typeof id === 'number')
    .map(String);
}

export function registerSamautomationResources(server: McpServer, deps: AppDeps): void {
  const meta = (title: string, description: string) => ({ title, description, mimeType: 'application/json' });
  const tasks = () => cachedGet(deps, LIST_CACHE_KEYS.samautomation, LIST_MS, 'samautomation', TASKS_PATH);
  server.registerResource(
    'samautomation-ai-models',
    URIS.aiModels,
    {
      ...meta('SamAutomation AI models', 'Live AI model catalogue with credits and options.'),
      cacheHint: { ttlMs: HOUR_MS },
    },
    async (uri) =>
      jsonContents(
        uri.href,
        await cachedGet(deps, 'resource:samautomation-ai-models', HOUR_MS, 'samautomation', '/api/ai/models'),
      ),
  );
  server.registerResource(
    'samautomation-templates',
    URIS.templates,
    meta('SamAutomation templates', 'Saved render templates of the account.'),
    async (uri) =>
      jsonContents(
        uri.href,
        await cachedGet(
          deps,
          'resource:samautomation-templates',
          LIST_MS,
          'samautomation',
          '/api/templates/list/',
        ),
      ),
  );
  server.registerResource(
    'samautomation-tasks',
    URIS.tasks,
    meta('SamAutomation tasks', 'Recent video-generation tasks and their states.'),
    async (uri) => jsonContents(uri.href, await tasks()),
  );
  server.registerResource(
    'samautomation-task',
    new ResourceTemplate(URIS.task, {
      list: undefined,
      complete: {
        id: async (typed) => {
          const listed = await tasks().then(taskIds, () => []);
          return completeFrom([...seenJobsFor(deps).ids('samautomation'), ...listed], typed);
        },
      },
    }),
    meta('SamAutomation task', 'Progress of one task, advanced render or AI job.'),
    async (uri, vars) => {
      const { raw, ...snapshot } = await fetchSnapshot(deps, {
        provider: 'samautomation',
        id: String(vars.id),
      });
      return jsonContents(uri.href, { ...snapshot, status_answer: raw });
    },
  );
}
