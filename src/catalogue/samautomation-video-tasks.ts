/** SamAutomation task tracking (progress, list, usage) and the async control endpoints. All free. */
import * as z from 'zod/v4';
import { TASK_STATUSES, taskUuid } from '../providers/samautomation/common.js';
import { type CatalogueEntry, defineEntry } from './define.js';
import { CANCEL, dataOf, READ, taskLine } from './samautomation-video-hints.js';

const celeryId = taskUuid.describe('celery_task_id of the create answer.');

export const samautomationTaskEntries: CatalogueEntry[] = [
  defineEntry({
    name: 'samautomation_get_progress',
    title: 'Video task progress',
    description: 'One progress check of a mix/simple/loop task: status, progress, output_url. Free.',
    provider: 'samautomation',
    toolset: 'jobs',
    method: 'GET',
    path: '/api/function/video-generation/progress/{id}',
    auth: true,
    input: z.strictObject({ id: taskUuid.describe('data.id of the create answer.') }),
    billing: 'free',
    annotations: READ,
    request: ({ id }) => ({ pathParams: { id } }),
    summarize: (d) => taskLine(dataOf(d)),
  }),
  defineEntry({
    name: 'samautomation_list_tasks',
    title: 'List video tasks',
    description: 'Lists recent JSON-to-video tasks, newest first. Free.',
    provider: 'samautomation',
    toolset: 'jobs',
    method: 'GET',
    path: '/api/function/video-generation/tasks',
    auth: true,
    input: z.strictObject({
      limit: z.int().min(1).max(100).optional(),
      status: z.enum(TASK_STATUSES).optional(),
    }),
    billing: 'free',
    annotations: READ,
    request: ({ limit, status }) => ({ query: { limit, status } }),
    summarize: (d) => {
      const tasks = (dataOf(d).tasks ?? []) as Array<{ id: string; status: string }>;
      return `${tasks.length} tasks: ${tasks.map((t) => `${t.id} ${t.status}`).join(', ')}.`;
    },
  }),
  defineEntry({
    name: 'samautomation_usage_summary',
    title: 'Video usage summary',
    description: 'Task totals and status breakdown over the last N days (default 30). Free.',
    provider: 'samautomation',
    toolset: 'account',
    method: 'GET',
    path: '/api/function/video-generation/usage-summary',
    auth: true,
    input: z.strictObject({ days: z.int().min(1).max(365).optional() }),
    billing: 'free',
    annotations: READ,
    request: ({ days }) => ({ query: { days } }),
    summarize: (d) => {
      const s = dataOf(d);
      const t = s.totals ?? {};
      return `${t.tasks} tasks in ${s.window_days} days: ${t.completed} completed, ${t.failed} failed (success rate ${t.success_rate}).`;
    },
  }),
  defineEntry({
    name: 'samautomation_async_status',
    title: 'Async task state',
    description: 'Raw async processor state of a task. Free.',
    provider: 'samautomation',
    toolset: 'jobs',
    method: 'GET',
    path: '/api/async/status/{task_id}',
    auth: true,
    input: z.strictObject({ task_id: celeryId }),
    billing: 'free',
    annotations: READ,
    request: ({ task_id }) => ({ pathParams: { task_id } }),
    summarize: (d) => `State ${dataOf(d).state ?? dataOf(d).status ?? 'unknown'}.`,
  }),
  defineEntry({
    name: 'samautomation_async_cancel',
    title: 'Cancel video task',
    description: 'Cancels a pending or processing task; a finished one cannot be cancelled. Free.',
    provider: 'samautomation',
    toolset: 'jobs',
    method: 'POST',
    path: '/api/async/cancel/{task_id}',
    auth: true,
    input: z.strictObject({ task_id: celeryId }),
    billing: 'free',
    annotations: CANCEL,
    request: ({ task_id }) => ({ pathParams: { task_id } }),
    summarize: (d) => (d as { message?: string }).message ?? 'Cancel requested.',
  }),
  defineEntry({
    name: 'samautomation_queue_status',
    title: 'Render queue status',
    description: 'Async queue load: workers, active and queued tasks. Free.',
    provider: 'samautomation',
    toolset: 'samautomation',
    method: 'GET',
    path: '/api/async/queue/status',
    auth: true,
    input: z.strictObject({}),
    billing: 'free',
    annotations: READ,
    request: () => ({}),
    summarize: (d) => {
      const q = dataOf(d);
      return `${q.workers} workers, ${q.active} active, ${q.queued} queued.`;
    },
  }),
  defineEntry({
    name: 'samautomation_async_health',
    title: 'Render health',
    description: 'Health check of the async render layer. Free.',
    provider: 'samautomation',
    toolset: 'samautomation',
    method: 'GET',
    path: '/api/async/health',
    auth: true,
    input: z.strictObject({}),
    billing: 'free',
    annotations: READ,
    request: () => ({}),
    summarize: (d) => `Async layer ${(d as { status?: string }).status ?? 'answered'}.`,
  }),
];
