/**
 * The advanced renderer's config sections and the reference's "Validation rules" for them, published
 * as they validate. Every section is loose: the reference leaves renderer-level keys (caption style,
 * caption-disable flags...) to the renderer, so those pass through, reported back as unchecked.
 */
import * as z from 'zod/v4';
import {
  ASPECT_RATIOS,
  atMost,
  guardedText,
  httpUrl,
  QUALITIES,
  RENDER_MODES,
  RESOLUTIONS,
} from './common.js';

export const outputSettings = z
  .looseObject({
    aspect_ratio: z.enum(ASPECT_RATIOS).optional(),
    resolution: z.enum(RESOLUTIONS).optional(),
    framerate: z.number().min(15).max(60).optional(),
  })
  .optional();

export const renderOptions = z
  .looseObject({
    mode: z.enum(RENDER_MODES).optional(),
    quality: z.enum(QUALITIES).optional(),
  })
  .optional();

const CLIP_DURATION = 'image clip duration must be 0.1 to 30';
const MAIN_CLIPS = 'main_clips needs 1 to 100 clips';

const clip = z.looseObject({
  type: z.enum(['video', 'image'], { error: "clip type must be 'video' or 'image'" }),
  url: httpUrl,
  duration: z.number().min(0.1, CLIP_DURATION).max(30, CLIP_DURATION).optional(),
});

export const mediaInputs = z.looseObject({
  main_clips: z.array(clip, { error: 'main_clips is required' }).min(1, MAIN_CLIPS).max(100, MAIN_CLIPS),
  background: z
    .looseObject({
      type: z.enum(['color', 'image', 'video'], { error: 'background.type must be color, image or video' }),
      value: guardedText(100).optional(),
      url: httpUrl.optional(),
    })
    .optional(),
});

export const captionElements = atMost(
  z.array(
    z.looseObject({
      text_content: z.string().min(1).max(500, 'text_content is at most 500 characters'),
      start_time: z.number().min(0).optional(),
      duration: z.number().positive().optional(),
      styling: z
        .looseObject({ font_size: z.number().positive().optional(), text_color: z.string().optional() })
        .optional(),
    }),
  ),
  500,
).optional();

const percent = z.number().min(0).max(100);

export const audioSettings = z
  .looseObject({
    background_music_url: httpUrl.optional(),
    background_music_volume_percent: percent.optional(),
    voice_over_url: httpUrl.optional(),
    voice_over_volume_percent: percent.optional(),
  })
  .optional();
