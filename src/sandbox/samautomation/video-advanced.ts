/**
 * The sandbox's advanced renderer: POST /api/render/advanced-video (3/min per key; body at the root
 * or in `config`; an optional template_id merged under the request before validation), preview
 * answered synchronously with a preview_url and no quota, full mode a task that uses one video of
 * the plan; and its progress route.
 */
import { randomBytes } from 'node:crypto';
import { type AspectRatio, aspectRatioOf } from '../files.js';
import { json, type Route } from '../router.js';
import { templateSettingsFor } from './templates.js';
import { fail } from './templates-ai-auth.js';
import { deepMerge } from './templates-merge.js';
import type { VideoAuth } from './video-auth.js';
import { mediaSeconds } from './video-core.js';
import type { VideoStore } from './video-store.js';
import { exportsProblem } from './video-validate.js';
import type { TaskView } from './video-view.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown) => (isObject(v) ? v : {});

const inRange = (v: unknown, min: number, max: number) => typeof v === 'number' && v >= min && v <= max;

/** The reference's advanced "Validation rules"; answers the first broken rule. */
export function advancedProblem(c: Record<string, unknown>): string | undefined {
  const out = obj(c.output_settings);
  if (out.aspect_ratio !== undefined && !['16:9', '1:1', '9:16'].includes(out.aspect_ratio as string)) {
    return 'output_settings.aspect_ratio must be one of 16:9, 1:1, 9:16';
  }
  if (
    out.resolution !== undefined &&
    !['480p', '720p', '1080p', '1440p', '2160p'].includes(out.resolution as string)
  ) {
    return 'output_settings.resolution must be one of 480p, 720p, 1080p, 1440p, 2160p';
  }
  if (out.framerate !== undefined && !inRange(out.framerate, 15, 60)) {
    return 'output_settings.framerate must be between 15 and 60';
  }
  const clips = obj(c.media_inputs).main_clips;
  if (!Array.isArray(clips) || clips.length < 1 || clips.length > 100) {
    return 'media_inputs.main_clips must contain 1 to 100 clips';
  }
  for (const clip of clips) {
    if (!isObject(clip) || !['video', 'image'].includes(clip.type as string)) {
      return "clip type must be 'video' or 'image'";
    }
    if (typeof clip.url !== 'string' || !clip.url) return 'clip url is required';
    if (clip.type === 'image' && clip.duration !== undefined && !inRange(clip.duration, 0.1, 30)) {
      return 'image clip duration must be between 0.1 and 30';
    }
  }
  const bg = obj(c.media_inputs).background;
  if (bg !== undefined && !['color', 'image', 'video'].includes(obj(bg).type as string)) {
    return 'background.type must be one of color, image, video';
  }
  const captions = c.caption_elements;
  if (captions !== undefined) {
    if (!Array.isArray(captions)) return 'caption_elements must be a list';
    for (const cap of captions) {
      const text = obj(cap).text_content;
      if (typeof text !== 'string' || text.length > 500) {
        return 'caption_elements[].text_content must be a string of at most 500 characters';
      }
    }
  }
  const ro = obj(c.render_options);
  if (ro.mode !== undefined && !['preview', 'full'].includes(ro.mode as string)) {
    return 'render_options.mode must be preview or full';
  }
  if (ro.quality !== undefined && !['low', 'medium', 'high'].includes(ro.quality as string)) {
    return 'render_options.quality must be one of low, medium, high';
  }
  return exportsProblem(c.exports);
}

export interface AdvancedOptions {
  store: VideoStore;
  authed: VideoAuth;
  view: TaskView;
  /** The sim options object: the template store is found through it. */
  simOptions: object;
  previewUrl(requestId: string): string;
}

export interface Preview {
  seconds: number;
  aspect: AspectRatio;
}

export function createAdvancedRoutes(o: AdvancedOptions): {
  routes: Route[];
  previews: Map<string, Preview>;
} {
  const { store } = o;
  /** request_id -> length and shape of each preview served under /files. */
  const previews = new Map<string, Preview>();

  const create = o.authed((req, key) => {
    const limited = store.rateRefusal(key, 'advanced', 3);
    if (limited) return limited;
    if (!isObject(req.body)) return fail(400, 'Invalid JSON data');
    let config = isObject(req.body.config) ? req.body.config : req.body;
    const templateId = config.template_id ?? req.body.template_id;
    if (templateId !== undefined) {
      const saved =
        typeof templateId === 'string' ? templateSettingsFor(o.simOptions, templateId, key) : undefined;
      if (!saved) return fail(404, 'Template not found');
      config = deepMerge(saved, config) as Record<string, unknown>;
    }
    const problem = advancedProblem(config);
    if (problem) {
      return fail(400, `Configuration validation failed: ${problem}`, { error_code: 'VALIDATION_ERROR' });
    }
    const clips = obj(config.media_inputs).main_clips as Array<Record<string, unknown>>;
    const seconds = mediaSeconds(clips);
    const out = obj(config.output_settings);
    const requestId = randomBytes(4).toString('hex');
    if (obj(config.render_options).mode === 'preview') {
      previews.set(requestId, { seconds: Math.min(seconds, 10), aspect: aspectRatioOf(out.aspect_ratio) });
      return json(200, {
        success: true,
        message: 'Preview generated successfully',
        data: { mode: 'preview', preview_url: o.previewUrl(requestId), request_id: requestId },
      });
    }
    const quota = store.quotaRefusal(key);
    if (quota) return quota;
    const t = store.create(
      {
        ownerKey: key,
        kind: 'advanced',
        durationSeconds: seconds,
        aspectRatio: typeof out.aspect_ratio === 'string' ? out.aspect_ratio : '16:9',
        reported: { resolution: out.resolution ?? '1080p', framerate: out.framerate ?? 30 },
        exports: config.exports ?? req.body.exports,
      },
      clips.map((c) => String(c.url)),
    );
    return json(200, {
      success: true,
      message: 'Advanced video generation started',
      data: {
        id: t.id,
        mode: 'full',
        progress_url: `/api/render/advanced-video/progress/${t.id}`,
        estimated_time: '2-5 minutes',
        request_id: t.requestId,
        celery_task_id: t.celeryId,
      },
    });
  });

  const progress = o.authed((req, key) => {
    const t = store.byId(req.params.task_id ?? '', key);
    if (t?.kind !== 'advanced') return fail(404, 'Task not found');
    return json(200, { success: true, data: { ...o.view(t), mode: 'full', request_id: t.requestId } });
  });

  return {
    routes: [
      { method: 'POST', pattern: '/api/render/advanced-video', handler: create },
      { method: 'GET', pattern: '/api/render/advanced-video/progress/{task_id}', handler: progress },
    ],
    previews,
  };
}
