/**
 * The advanced renderer's config sections and the reference's "Validation rules" for them. Small
 * sections are published as they are; clips, captions and audio are checked objects (common.ts).
 */
import * as z from 'zod/v4';
import { ASPECT_RATIOS, checkedObject, httpUrl, QUALITIES, RENDER_MODES, RESOLUTIONS } from './common.js';

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

const clip = z.looseObject({
  type: z.enum(['video', 'image'], { error: "clip type must be 'video' or 'image'" }),
  url: httpUrl,
  duration: z
    .number()
    .min(0.1, 'image clip duration must be 0.1 to 30')
    .max(30, 'image clip duration must be 0.1 to 30')
    .optional(),
});

export const mediaInputs = checkedObject(
  z.looseObject({
    main_clips: z
      .array(clip, { error: 'main_clips is required' })
      .min(1, 'main_clips needs 1 to 100 clips')
      .max(100, 'main_clips needs 1 to 100 clips'),
    background: z
      .looseObject({
        type: z.enum(['color', 'image', 'video'], { error: 'background.type must be color, image or video' }),
      })
      .optional(),
  }),
).describe(
  '{main_clips: 1-100 [{type video|image, url, duration 0.1-30}], background?: {type color|image|video, value|url}}',
);

export const captionElements = z
  .array(
    checkedObject(
      z.looseObject({
        text_content: z.string().min(1).max(500, 'text_content is at most 500 characters'),
        start_time: z.number().min(0).optional(),
        duration: z.number().positive().optional(),
      }),
    ),
  )
  .max(500)
  .optional()
  .describe('[{text_content (<=500 chars), start_time, duration, styling}]');

const percent = z.number().min(0).max(100);

export const audioSettings = checkedObject(
  z.looseObject({
    background_music_url: httpUrl.optional(),
    background_music_volume_percent: percent.optional(),
    voice_over_url: httpUrl.optional(),
    voice_over_volume_percent: percent.optional(),
  }),
)
  .optional()
  .describe('background_music_url, voice_over_url, *_volume_percent 0-100.');
