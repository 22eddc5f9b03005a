/**
 * Samsar parameter schemas shared across tools. Each description says where a valid value comes from.
 */
import { z } from 'zod';

export const VIDEO_MODELS = [
  'VEO3.1I2V',
  'VEO3.1I2VFAST',
  'SEEDANCEI2V',
  'KLINGIMGTOVID3PRO',
  'HAPPYHORSEI2V',
  'RUNWAYML',
] as const;
export const IMAGE_MODELS = ['GPTIMAGE2', 'NANOBANANA2', 'SEEDREAM', 'CUSTOM_TEXT_TO_IMAGE'] as const;
export const LANGUAGES = [
  'auto',
  'en',
  'es',
  'fr',
  'de',
  'pt',
  'it',
  'nl',
  'sv',
  'hi',
  'ar',
  'ru',
  'ja',
  'ko',
  'th',
  'zh',
] as const;
/** translate_video documents its own language set. */
export const TRANSLATE_LANGUAGES = ['en', 'es', 'fr', 'ja', 'th', 'zh', 'bn', 'hi', 'sa', 'la'] as const;

export const httpUrl = z
  .string()
  .max(2048)
  .refine((u) => /^https?:\/\/[^\s/]+/i.test(u), { message: 'must be an http(s) URL' });

/** URLs where the reference also allows an image data URL. */
export const imageUrlOrData = z
  .string()
  .max(10_000_000)
  .refine((u) => /^https?:\/\/[^\s/]+/i.test(u) || /^data:image\/[a-z0-9.+-]+;base64,/i.test(u), {
    message: 'must be an http(s) URL or a data:image/...;base64 URL',
  });

export const sessionId = z
  .string()
  .min(1)
  .max(200)
  .describe('Samsar session id (from a create call or samsar_list_completed_sessions).');

export const videoModel = z.enum(VIDEO_MODELS).describe('Video model; rates in samsar_list_models.');
export const language = z.enum(LANGUAGES).describe("'auto' or a language code.");
export const fontKey = z
  .string()
  .min(1)
  .max(100)
  .describe('Subtitle font valid for the language (samsar_list_fonts).');

export const webhookUrl = httpUrl.optional().describe('Called when the job ends.');

export const externalUser = z
  .object({
    provider: z.string().min(1).max(200),
    external_user_id: z.string().min(1).max(200),
    unique_key: z.string().min(1).max(200).optional(),
  })
  .optional()
  .describe('Bill an external user: the call goes to the /external_users route.');

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
