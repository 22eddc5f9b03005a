/**
 * POST /video/text_to_video and /video/image_list_to_video, and their /external_users twins:
 * the documented 400s, the per-second debit, and a new session.
 */
import { IMAGE_LIST_DEFAULT_MODEL, UNIT_OPTIONS } from '../../providers/samsar/pricing.js';
import { IMAGE_URL_ALIASES, LANGUAGES } from '../../providers/samsar/schemas.js';
import { json, type Route, type SandboxRequest } from '../router.js';
import { SUPPORTED_MODELS } from './reference-data.js';
import { externalUserOf, fail, inputOf, type SamsarState, webhookOf } from './state.js';

const FAIL_TRIGGER = '[sandbox:fail]';

const rateOf = (model: string) =>
  SUPPORTED_MODELS.VIDEO_MODELS.find((m) => m.value === model)?.pricingDistribution.total;

function languageOf(input: Record<string, unknown>): string {
  const lang = input.language ?? 'auto';
  if (typeof lang !== 'string' || !(LANGUAGES as readonly string[]).includes(lang)) {
    return fail(400, `Unsupported language '${String(lang)}'`);
  }
  return lang === 'auto' ? 'en' : lang;
}

/** Reads the image URL of one image_urls entry (string or object with a documented alias). */
function imageUrlOf(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (!entry || typeof entry !== 'object') return undefined;
  const o = entry as Record<string, unknown>;
  const url = IMAGE_URL_ALIASES.map((k) => o[k]).find((v) => typeof v === 'string');
  return url as string | undefined;
}

const hasOutro = (input: Record<string, unknown>) =>
  input.outro_image_url !== undefined ||
  input.generate_outro_image === true ||
  input.express_cta_generation === true;

export function createRoutes(state: SamsarState): Route[] {
  /** Both creation routes start a session the same way once their own checks and charge are done. */
  const startRender = (r: {
    key: string;
    ext: ReturnType<typeof externalUserOf>;
    kind: 'text_to_video' | 'image_list_to_video';
    duration: number;
    language: string;
    model: string;
    prompt: string;
    input: Record<string, unknown>;
    headers: Record<string, string>;
    webhookUrl: unknown;
  }) => {
    const s = state.create({
      ownerKey: r.key,
      external: r.ext,
      kind: r.kind,
      durationSeconds: r.duration,
      aspectRatio: r.input.aspect_ratio === '9:16' ? '9:16' : '16:9',
      framesPerSecond: 30,
      language: r.language,
      hasSubtitles: r.input.enable_subtitles !== false,
      hasOutro: hasOutro(r.input),
      provider: r.model,
      failAt: r.prompt.includes(FAIL_TRIGGER) ? 'video_generation' : undefined,
      input: r.input,
      webhookUrl: r.webhookUrl,
    });
    const charged = r.ext ? { creditsCharged: Number(r.headers['x-credits-charged']) } : {};
    return json(200, state.created(s, charged), r.headers);
  };

  const textToVideo = (external: boolean) =>
    state.authed((req: SandboxRequest, key) => {
      const ext = externalUserOf(req, external);
      const input = inputOf(req);
      const prompt = input.prompt;
      if (typeof prompt !== 'string' || !prompt.trim()) return fail(400, 'prompt is required');
      if (prompt.length > 1000) return fail(400, 'prompt must be at most 1000 characters');
      if (!SUPPORTED_MODELS.IMAGE_MODELS.some((m) => m.value === input.image_model)) {
        return fail(400, `Unsupported image_model '${String(input.image_model)}'`);
      }
      const model = String(input.video_model ?? '');
      const perSecond = rateOf(model);
      if (perSecond === undefined) return fail(400, `Unsupported video_model '${model}'`);
      const duration = Number(input.duration);
      if (!Number.isFinite(duration) || duration <= 0 || duration > 240) {
        return fail(400, 'duration must be a number of seconds up to 240');
      }
      const language = languageOf(input);
      const headers = state.charge(key, ext, Math.ceil(duration) * perSecond);
      return startRender({
        key,
        ext,
        kind: 'text_to_video',
        duration,
        language,
        model,
        prompt,
        input,
        headers,
        webhookUrl: webhookOf(req),
      });
    });

  const imageListToVideo = (external: boolean) =>
    state.authed((req, key) => {
      const ext = externalUserOf(req, external);
      const input = inputOf(req);
      const images = input.image_urls;
      if (!Array.isArray(images) || images.length === 0)
        return fail(400, 'image_urls must be a non-empty array');
      images.forEach((entry, i) => {
        const url = imageUrlOf(entry);
        if (!url || !/^https?:\/\//i.test(url)) fail(400, `image_urls[${i}] has no valid image URL`);
      });
      const model = typeof input.video_model === 'string' ? input.video_model : IMAGE_LIST_DEFAULT_MODEL;
      const perSecond = rateOf(model);
      if (perSecond === undefined) return fail(400, `Unsupported video_model '${model}'`);
      const language = languageOf(input);
      // The render length follows the images: one clip of the model's shortest unit per image.
      const duration = images.length * Math.min(...(UNIT_OPTIONS[model] ?? [5]));
      const rate =
        perSecond +
        (input.add_narrator_avatar === true ? 4 : 0) +
        (input.express_cta_generation === true ? 1 : 0);
      const headers = state.charge(key, ext, duration * rate);
      const prompt = typeof input.prompt === 'string' ? input.prompt : '';
      return startRender({
        key,
        ext,
        kind: 'image_list_to_video',
        duration,
        language,
        model,
        prompt,
        input,
        headers,
        webhookUrl: webhookOf(req),
      });
    });

  return [
    { method: 'POST', pattern: '/video/text_to_video', handler: textToVideo(false) },
    { method: 'POST', pattern: '/external_users/text_to_video', handler: textToVideo(true) },
    { method: 'POST', pattern: '/video/image_list_to_video', handler: imageListToVideo(false) },
    { method: 'POST', pattern: '/external_users/image_list_to_video', handler: imageListToVideo(true) },
  ];
}
