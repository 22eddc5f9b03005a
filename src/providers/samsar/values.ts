/**
 * The documented value lists of Samsar parameters, apart from the zod schemas built on them so the
 * prompts' argument completion can use them without building those schemas at start-up.
 */
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
