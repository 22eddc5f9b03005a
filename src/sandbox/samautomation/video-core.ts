/**
 * The sandbox's core JSON-to-video routes: mix, simple and loop create (5/min per key, the monthly
 * quota, the reference's validation messages), progress, the task list and the usage summary.
 */
import { json, type Route, type SandboxRequest } from '../router.js';
import { fail } from './templates-ai-auth.js';
import type { VideoAuth } from './video-auth.js';
import { isoTime, type TaskStatus, type VideoKind, type VideoStore, type VideoTask } from './video-store.js';
import { exportsProblem, mediaProblem, settingsProblem, transcriptsProblem } from './video-validate.js';
import type { TaskView } from './video-view.js';

const STATUSES: TaskStatus[] = ['pending', 'processing', 'completed', 'failed', 'cancelled', 'timeout'];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export interface CoreOptions {
  store: VideoStore;
  authed: VideoAuth;
  view: TaskView;
}

/** Seconds a media list plays: image clips their duration (or image_duration, else 3), videos 5. */
export function mediaSeconds(list: unknown[], settings: Record<string, unknown> = {}): number {
  const imageDefault = typeof settings.image_duration === 'number' ? settings.image_duration : 3;
  return list.reduce<number>((sum, m) => {
    const item = m as Record<string, unknown>;
    if (typeof item.duration === 'number' && item.duration > 0) return sum + item.duration;
    return sum + (item.type === 'image' ? imageDefault : 5);
  }, 0);
}

const urlsOf = (list: unknown[]) => list.map((m) => String((m as Record<string, unknown>).url ?? ''));

export function createCoreRoutes(o: CoreOptions): Route[] {
  const { store, view } = o;

  const started = (t: VideoTask, withProgressUrl: boolean) =>
    json(200, {
      success: true,
      message: 'Video generation started',
      data: {
        id: t.id,
        ...(withProgressUrl ? { progress_url: `/api/function/video-generation/progress/${t.id}` } : {}),
        celery_task_id: t.celeryId,
      },
    });

  /** mix and simple: fields at the root or inside `data`; exports also inside `config`. */
  const createCore = (kind: 'mix' | 'simple') =>
    o.authed((req, key) => {
      const limited = store.rateRefusal(key, 'core', 5);
      if (limited) return limited;
      if (!isObject(req.body)) return fail(400, 'Invalid JSON data');
      const p = isObject(req.body.data) ? req.body.data : req.body;
      const exports = p.exports ?? req.body.exports ?? (req.body.config as Record<string, unknown>)?.exports;
      const problem =
        mediaProblem(p.media_list, kind === 'simple') ??
        settingsProblem(p.settings) ??
        (kind === 'mix' ? transcriptsProblem(p.transcripts) : undefined) ??
        exportsProblem(exports);
      if (problem) return fail(400, problem);
      return startTask(key, kind, p, exports, true);
    });

  const startTask = (
    key: string,
    kind: VideoKind,
    p: Record<string, unknown>,
    exports: unknown,
    withProgressUrl: boolean,
  ) => {
    const quota = store.quotaRefusal(key);
    if (quota) return quota;
    const settings = (p.settings ?? {}) as Record<string, unknown>;
    const media = p.media_list as unknown[];
    const loopSeconds = typeof p.duration === 'number' ? p.duration : undefined;
    const t = store.create(
      {
        ownerKey: key,
        kind,
        durationSeconds: loopSeconds ?? mediaSeconds(media, settings),
        aspectRatio: typeof settings.aspect_ratio === 'string' ? settings.aspect_ratio : '16:9',
        reported: {},
        exports,
      },
      urlsOf(media),
    );
    return started(t, withProgressUrl);
  };

  const loop = o.authed((req, key) => {
    const limited = store.rateRefusal(key, 'core', 5);
    if (limited) return limited;
    if (!isObject(req.body)) return fail(400, 'Invalid JSON data');
    if (req.body.type !== 'LoopVideo') return fail(400, "Invalid video type. Only 'LoopVideo' is supported.");
    const d = isObject(req.body.data) ? req.body.data : {};
    const media = mediaProblem(d.media_list, false);
    if (media) return fail(400, media);
    if (typeof d.background_url !== 'string' || !d.background_url)
      return fail(400, 'Background URL is required');
    if (d.duration !== undefined) {
      const n = typeof d.duration === 'number' ? d.duration : Number(d.duration);
      if (typeof d.duration === 'boolean' || !Number.isFinite(n))
        return fail(400, 'Duration must be a valid number');
      if (n <= 0) return fail(400, 'Duration must be a positive number');
      d.duration = n;
    }
    const exports = d.exports ?? req.body.exports;
    const problem = settingsProblem(d.settings) ?? exportsProblem(exports);
    if (problem) return fail(400, problem);
    return startTask(key, 'loop', d, exports, false);
  });

  const notFound = () => fail(404, 'Task not found');
  const coreTask = (req: SandboxRequest, key: string) => {
    const t = store.byId(req.params.id ?? '', key);
    return t && t.kind !== 'advanced' ? t : undefined;
  };

  const progress = o.authed((req, key) => {
    const t = coreTask(req, key);
    return t ? json(200, { success: true, data: view(t) }) : notFound();
  });

  const list = o.authed((req, key) => {
    const rawLimit = req.query.get('limit');
    const limit = rawLimit === null ? 20 : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      return fail(400, 'limit must be between 1 and 100');
    const status = req.query.get('status');
    if (status !== null && !STATUSES.includes(status as TaskStatus)) {
      return fail(400, `status must be one of ${STATUSES.join(', ')}`);
    }
    const mine = [...store.tasks.values()]
      .filter((t) => t.ownerKey === key)
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((t) => ({ ...view(t), type: t.kind }))
      .filter((v) => status === null || v.status === status)
      .slice(0, limit);
    return json(200, { success: true, data: { tasks: mine, count: mine.length } });
  });

  const usage = o.authed((req, key) => {
    const rawDays = req.query.get('days');
    const days = rawDays === null ? 30 : Number(rawDays);
    if (!Number.isInteger(days) || days < 1 || days > 365) return fail(400, 'days must be between 1 and 365');
    const since = store.now() - days * 86_400_000;
    const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
    let total = 0;
    for (const t of store.tasks.values()) {
      if (t.ownerKey !== key || t.createdAt < since) continue;
      total++;
      byStatus[store.state(t).status]++;
    }
    const u = store.usageOf(key);
    return json(200, {
      success: true,
      data: {
        window_days: days,
        since: isoTime(since),
        totals: {
          tasks: total,
          completed: byStatus.completed,
          failed: byStatus.failed,
          cancelled: byStatus.cancelled,
          timeout: byStatus.timeout,
          success_rate: total ? Math.round((byStatus.completed / total) * 10_000) / 10_000 : 0,
        },
        by_status: byStatus,
        api_key: {
          name: 'Sandbox',
          masked_key: `${key.slice(0, 4)}...${key.slice(-4)}`,
          usage_count: u.count,
          last_used: isoTime(u.lastUsed),
        },
      },
    });
  });

  return [
    { method: 'POST', pattern: '/api/function/video-generation/mix-video', handler: createCore('mix') },
    { method: 'POST', pattern: '/api/function/video-generation/simple-video', handler: createCore('simple') },
    { method: 'POST', pattern: '/api/function/video-generation/loop-video', handler: loop },
    { method: 'GET', pattern: '/api/function/video-generation/progress/{id}', handler: progress },
    { method: 'GET', pattern: '/api/function/video-generation/tasks', handler: list },
    { method: 'GET', pattern: '/api/function/video-generation/usage-summary', handler: usage },
  ];
}
