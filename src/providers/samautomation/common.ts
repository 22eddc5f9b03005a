/**
 * SamAutomation parameter schemas shared by the video, render, async, template and AI tools: ids,
 * URLs, the documented enums and the settings validation matrix of the reference.
 *
 * Big nested objects (settings, advanced config) are published as plain objects and validated by a
 * hidden strict schema (`checkedObject`): tools/list stays small, yet nothing invalid is sent.
 */
import * as z from 'zod/v4';
import { httpUrl } from '../samsar/schemas.js';

export { httpUrl };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A task UUID (`data.id` of a create answer, or its `celery_task_id`). */
export const taskUuid = z
  .string()
  .trim()
  .refine((v) => UUID.test(v), 'must be a task UUID');

export const ASPECT_RATIOS = ['9:16', '16:9', '1:1'] as const;
export const RESOLUTIONS = ['480p', '720p', '1080p', '1440p', '2160p'] as const;
export const QUALITIES = ['low', 'medium', 'high'] as const;
export const RENDER_MODES = ['preview', 'full'] as const;
export const TASK_STATUSES = [
  'pending',
  'processing',
  'completed',
  'failed',
  'cancelled',
  'timeout',
] as const;

/**
 * A plain object in tools/list, checked against `rules` on every call. The first failing rule's
 * path and message become the error, so the agent sees e.g. "settings.fps: must be 15 to 60".
 */
export function checkedObject(rules: z.ZodType) {
  return z.looseObject({}).superRefine((value, ctx) => {
    const r = rules.safeParse(value);
    if (r.success) return;
    for (const issue of r.error.issues.slice(0, 3)) {
      ctx.addIssue({ code: 'custom', path: issue.path as PropertyKey[], message: issue.message });
    }
  });
}

const range = (min: number, max: number) =>
  z
    .number({ error: `must be a number from ${min} to ${max}` })
    .min(min)
    .max(max);
const strictBool = z.boolean({ error: 'must be true or false (boolean only)' });

/** The reference's "Settings validation matrix" (simple-video, reused by mix and loop). */
export const settingsRules = z.looseObject({
  aspect_ratio: z.enum(ASPECT_RATIOS).optional(),
  transition_type: z.enum(['fade', 'wipe', 'zoom', 'slide', 'glitch']).optional(),
  transition_direction: z.enum(['left', 'right', 'up', 'down']).optional(),
  zoom_direction: z.enum(['in', 'out', 'alternate']).optional(),
  watermark_position: z.enum(['top_left', 'top_right', 'bottom_left', 'bottom_right', 'center']).optional(),
  output_quality: z.enum(QUALITIES).optional(),
  image_duration: range(0, 30).optional(),
  audio_volume: range(0, 1).optional(),
  video_volume: range(0, 1).optional(),
  zoom_intensity: range(0, 1).optional(),
  watermark_size: range(0, 1).optional(),
  watermark_opacity: range(0, 1).optional(),
  transition_duration: range(0, 3).optional(),
  audio_fade_in: range(0, 5).optional(),
  audio_fade_out: range(0, 5).optional(),
  min_video_duration: range(0, 60).optional(),
  video_loop_duration: range(0, 120).optional(),
  watermark_padding: range(0, 100).optional(),
  fps: range(15, 60).optional(),
  loop_audio: strictBool.optional(),
  mute_original_audio: strictBool.optional(),
  loop_video: strictBool.optional(),
  zoom_effect: strictBool.optional(),
  text_overlays: z
    .array(
      z.looseObject({
        text: z.string({ error: 'text is required' }).min(1, 'text is required'),
        position: z.enum(['top', 'middle', 'bottom']).optional(),
        background: z.enum(['none', 'black', 'semi-transparent']).optional(),
      }),
    )
    .optional(),
});

export const settings = checkedObject(settingsRules)
  .optional()
  .describe('aspect_ratio, transition_*, fps 15-60, volumes 0-1, text_overlays... (reference matrix).');

/** A media item; `duration` is used by image clips. Other keys pass through to the renderer. */
export const mediaItem = z.looseObject({
  type: z.string().trim().min(1),
  url: httpUrl,
  duration: z.number().positive().max(3600).optional(),
});

export const mediaList = z.array(mediaItem).min(1, 'No media items provided').max(500);

/** Timed caption words; the `{text, ...}` shape is refused with the right one shown. */
export const transcripts = z
  .array(
    z.record(z.string(), z.unknown()).superRefine((t, ctx) => {
      const ok =
        typeof t.words === 'string' &&
        t.words.length > 0 &&
        typeof t.start === 'number' &&
        typeof t.end === 'number' &&
        t.start >= 0 &&
        t.end >= t.start;
      if (!ok) {
        ctx.addIssue({
          code: 'custom',
          message:
            'each transcript must be {"words": "...", "start": 0.0, "end": 1.8} (seconds, end >= start)',
        });
      }
    }),
  )
  .max(2000)
  .optional()
  .describe('[{words, start, end}] in seconds.');
