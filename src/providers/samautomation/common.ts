/**
 * SamAutomation parameter schemas shared by the video, render, async, template and AI tools: ids,
 * URLs, the documented enums and the settings validation matrix of the reference.
 *
 * What validates is what tools/list publishes: each documented key with its type, enum or range
 * (no description where the name and the enum say it all). Objects the reference passes on to the
 * renderer are loose: their other keys go through, reported back as unchecked (tool-surface/input-keys.ts).
 */
import * as z from 'zod/v4';
import { httpUrl } from '../samsar/schemas.js';

export { httpUrl };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A task UUID (`data.id` of a create answer, or its `celery_task_id`). */
/**
 * Non-empty text of at most `max` characters, trimmed. Such limits only guard against abuse: checked,
 * not published (every token of tools/list is paid on every turn); documented limits are published.
 */
export const guardedText = (max: number) =>
  z
    .string()
    .trim()
    .refine((s) => s.length > 0 && s.length <= max, `must be non-empty text of at most ${max} characters`);

/** At most `max` items: an abuse guard, checked but not published. */
export const atMost = <T extends z.ZodType>(list: z.ZodArray<T>, max: number) =>
  list.refine((l) => l.length <= max, `at most ${max} items`);

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

const range = (min: number, max: number) => {
  const message = `must be a number from ${min} to ${max}`;
  return z.number({ error: message }).min(min, message).max(max, message);
};
const strictBool = z.boolean({ error: 'must be true or false (boolean only)' });

/** The reference's "Settings validation matrix" (simple-video, reused by mix and loop). */
export const settings = z
  .looseObject({
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
  })
  .optional();

/** A media item; `duration` is used by image clips. Other keys pass through to the renderer. */
export const mediaItem = z.looseObject({
  type: guardedText(100),
  url: httpUrl,
  duration: z
    .number()
    .positive()
    .refine((d) => d <= 3600, 'at most 3600 seconds')
    .optional(),
});

export const mediaList = atMost(z.array(mediaItem).min(1, 'No media items provided'), 500);

/** Timed caption words; the `{text, ...}` shape is refused with the right one shown. */
const WORDS_SHAPE =
  'each transcript must be {"words": "...", "start": 0.0, "end": 1.8} (seconds, end >= start)';

export const transcripts = z
  .array(
    z
      .strictObject({
        words: z.string({ error: WORDS_SHAPE }).min(1, WORDS_SHAPE),
        start: z.number({ error: WORDS_SHAPE }).min(0),
        end: z.number({ error: WORDS_SHAPE }).min(0),
      })
      .refine((t) => t.end >= t.start, { path: ['end'], message: WORDS_SHAPE }),
  )
  .refine((l) => l.length <= 2000, 'at most 2000 transcripts')
  .optional()
  .describe('Seconds.');
