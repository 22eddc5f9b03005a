/**
 * Samsar parameter schemas shared across tools. Each description says where a valid value comes from.
 * Length limits that only guard against abuse are checked with refinements, which keep them out of
 * the published JSON Schema (every token of tools/list is paid on every turn).
 */
import * as z from 'zod/v4';

export { IMAGE_MODELS, LANGUAGES, TRANSLATE_LANGUAGES, VIDEO_MODELS } from './values.js';

import { LANGUAGES, VIDEO_MODELS } from './values.js';

/** Output canvas per aspect ratio; outro focus areas must lie inside it. */
export const CANVAS = {
  '16:9': { width: 1792, height: 1024 },
  '9:16': { width: 1024, height: 1792 },
} as const;
export type AspectRatio = keyof typeof CANVAS;

/** A non-empty string of at most `max` characters (limit checked, not published). */
export const text = (max: number) =>
  z.string().refine((s) => s.trim().length > 0 && s.length <= max, {
    message: `must be non-empty text of at most ${max} characters`,
  });

const HTTP_URL = /^https?:\/\/[^\s/]+/i;
const DATA_IMAGE_URL = /^data:image\/[a-z0-9.+-]+;base64,/i;

export const isHttpUrl = (u: string) => HTTP_URL.test(u) && u.length <= 2048;

export const httpUrl = z.string().refine(isHttpUrl, { message: 'must be an http(s) URL' });

/** URLs where the reference also allows an image data URL. */
export const imageUrlOrData = z
  .string()
  .refine((u) => isHttpUrl(u) || (DATA_IMAGE_URL.test(u) && u.length <= 4_000_000), {
    message: 'must be an http(s) URL or a data:image/...;base64 URL (at most 4 MB)',
  });

export const sessionId = text(200);

export const videoModel = z.enum(VIDEO_MODELS);
export const language = z.enum(LANGUAGES);
export const aspectRatio = z.enum(['16:9', '9:16']);
export const fontKey = text(100).describe('Valid for the language (samsar_list_fonts).');

export const webhookUrl = httpUrl.optional();

export const externalUser = z
  .strictObject({ provider: text(200), external_user_id: text(200), unique_key: text(200).optional() })
  .optional();

/** {x, y, width, height} in pixels; integer and sign checks are refinements (not published). */
export const focusArea = z
  .strictObject({ x: z.number(), y: z.number(), width: z.number(), height: z.number() })
  .refine(
    (a) => Object.values(a).every(Number.isInteger) && a.x >= 0 && a.y >= 0 && a.width > 0 && a.height > 0,
    {
      message: 'x, y >= 0 and width, height > 0, whole pixels',
    },
  )
  .describe('Px in 1792x1024 (16:9) or 1024x1792.');

export const footerMetadata = z.array(z.strictObject({ url: httpUrl, title: text(200) }));

export const IMAGE_URL_ALIASES = [
  'image_url',
  'imageUrl',
  'url',
  'src',
  'enhanced_url',
  'enhancedUrl',
] as const;
const IMAGE_TEXT_FIELDS = ['title', 'image_text', 'activity_title', 'name', 'label'] as const;
const IMAGE_ENTRY_KEYS = new Set<string>([...IMAGE_URL_ALIASES, ...IMAGE_TEXT_FIELDS]);

/**
 * One image of an image list: a URL, or an object with any documented URL alias and narration
 * text. Entries are checked here rather than published, to keep the tool schema small.
 */
export const imageEntry = z.unknown().superRefine((entry, ctx) => {
  if (typeof entry === 'string') {
    if (!isHttpUrl(entry)) ctx.addIssue({ code: 'custom', message: 'must be an http(s) URL' });
    return;
  }
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
    ctx.addIssue({ code: 'custom', message: 'give a URL string or an object such as {image_url, title}' });
    return;
  }
  const o = entry as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) {
    if (!IMAGE_ENTRY_KEYS.has(k)) {
      ctx.addIssue({
        code: 'custom',
        path: [k],
        message: `unknown key: use ${[...IMAGE_ENTRY_KEYS].join(', ')}`,
      });
    } else if (typeof v !== 'string') {
      ctx.addIssue({ code: 'custom', path: [k], message: 'must be a string' });
    }
  }
  const urls = IMAGE_URL_ALIASES.filter((k) => o[k] !== undefined);
  if (urls.length === 0) {
    ctx.addIssue({ code: 'custom', message: `needs an image URL in one of ${IMAGE_URL_ALIASES.join(', ')}` });
  }
  for (const k of urls) {
    if (typeof o[k] === 'string' && !isHttpUrl(o[k])) {
      ctx.addIssue({ code: 'custom', path: [k], message: 'must be an http(s) URL' });
    }
  }
});

/** Builds the documented Samsar POST envelope. */
export function samsarEnvelope(
  input: Record<string, unknown>,
  extra: { webhook_url?: string; external_user?: Record<string, unknown> } = {},
) {
  const clean = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  return {
    ...(extra.external_user ? { external_user: extra.external_user } : {}),
    input: clean,
    ...(extra.webhook_url ? { webhookUrl: extra.webhook_url } : {}),
  };
}

/** Renames the accepted `outro_focus_area` to the documented wire spelling `outro_focust_area`. */
export function wireOutroFields<T extends { outro_focus_area?: unknown }>(args: T) {
  const { outro_focus_area, ...rest } = args;
  return { ...rest, outro_focust_area: outro_focus_area };
}
