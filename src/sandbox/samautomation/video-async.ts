/**
 * The sandbox's async control routes, keyed by the celery_task_id of a create answer: the raw
 * processor state, cancel while still pending or processing, queue status and health.
 */
import { json, type Route } from '../router.js';
import { fail } from './templates-ai-auth.js';
import type { VideoAuth } from './video-auth.js';
import type { TaskStatus, VideoStore } from './video-store.js';
import type { TaskView } from './video-view.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WORKERS = 2;

/** The celery state behind each lifecycle state. */
const CELERY_STATE: Record<TaskStatus, string> = {
  pending: 'PENDING',
  processing: 'PROGRESS',
  completed: 'SUCCESS',
  failed: 'FAILURE',
  timeout: 'FAILURE',
  cancelled: 'REVOKED',
};

export function createAsyncRoutes(o: { store: VideoStore; authed: VideoAuth; view: TaskView }): Route[] {
  const { store } = o;

  const invalidId = () => fail(400, 'Invalid task ID format', { error_code: 'INVALID_TASK_ID' });
  const notFound = () => fail(404, 'Task not found', { error_code: 'TASK_NOT_FOUND' });

  const status = o.authed((req, key) => {
    const id = req.params.task_id ?? '';
    if (!UUID.test(id)) return invalidId();
    const t = store.byCeleryId(id, key);
    if (!t) return notFound();
    const v = o.view(t);
    const state = CELERY_STATE[v.status];
    return json(200, {
      success: true,
      data: {
        task_id: t.celeryId,
        video_id: t.id,
        state,
        status: v.status,
        ready: ['SUCCESS', 'FAILURE', 'REVOKED'].includes(state),
        successful: state === 'SUCCESS',
        progress: v.progress,
        result: state === 'SUCCESS' ? { output_url: v.output_url } : null,
        error: v.error,
      },
    });
  });

  const cancel = o.authed((req, key) => {
    const id = req.params.task_id ?? '';
    if (!UUID.test(id)) return invalidId();
    const t = store.byCeleryId(id, key);
    if (!t) return notFound();
    const now = store.state(t).status;
    if (now !== 'pending' && now !== 'processing') {
      return fail(400, `Task is already ${now} and cannot be cancelled`, {
        error_code: 'TASK_NOT_CANCELLABLE',
      });
    }
    t.cancelledAt = store.now();
    return json(200, {
      success: true,
      message: 'Task cancelled',
      data: { task_id: t.celeryId, video_id: t.id, status: 'cancelled' },
    });
  });

  const load = () => {
    const counts = { pending: 0, processing: 0 };
    for (const t of store.tasks.values()) {
      const s = store.state(t).status;
      if (s === 'pending' || s === 'processing') counts[s]++;
    }
    return counts;
  };

  const queue = o.authed(() => {
    const { pending, processing } = load();
    return json(200, {
      success: true,
      data: {
        workers: WORKERS,
        active: processing,
        queued: pending,
        queues: [{ name: 'video_generation', active: processing, queued: pending }],
        checked_at: new Date(store.now()).toISOString(),
      },
    });
  });

  const health = o.authed(() =>
    json(200, {
      success: true,
      status: 'healthy',
      data: { broker: 'ok', workers: WORKERS, checked_at: new Date(store.now()).toISOString() },
    }),
  );

  return [
    { method: 'GET', pattern: '/api/async/status/{task_id}', handler: status },
    { method: 'POST', pattern: '/api/async/cancel/{task_id}', handler: cancel },
    { method: 'GET', pattern: '/api/async/queue/status', handler: queue },
    { method: 'GET', pattern: '/api/async/health', handler: health },
  ];
}
