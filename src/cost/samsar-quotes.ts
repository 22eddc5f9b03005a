/**
 * Quotes for the paid Samsar tools, per the reference's pricing section. Each function reads its
 * arguments in one place (the `read*` helpers) so names can be aligned with the tool schemas, and
 * each tool says which of them its price cannot do without (the rest may be absent in a price question).
 */
import { ValidationError } from '../errors.js';
import {
  AVATAR_PER_SECOND,
  IMAGE_LIST_DEFAULT_MODEL,
  type ModelRate,
  OUTRO_FOOTER_FLAT,
  RATE_COMPONENTS,
  samsarRates,
  TRANSLATE_JOIN_PER_SECOND,
  UNIT_OPTIONS,
} from '../providers/samsar/pricing.js';
import type { Pricer, QuoteBody, QuoteContext, QuoteFn, QuoteItem } from './quote.js';
import { samsarSessionDuration } from './source-duration.js';

async function rateOf(model: string, ctx: QuoteContext): Promise<{ rate: ModelRate; assumptions: string[] }> {
  const table = await samsarRates(ctx.deps, ctx.signal);
  const rate = table.rates[model];
  if (!rate) {
    throw new ValidationError(
      'video_model',
      `'${model}' has no listed price`,
      'Call samsar_list_models for valid values.',
    );
  }
  const assumptions = table.live
    ? [`Rates from the live /video/supported_models list (${model} ${rate.total}/s).`]
    : [`The live price list could not be read: reference rates used (${model} ${rate.total}/s).`];
  return { rate, assumptions };
}

/** Billing is per rendered second; a fractional request is quoted at the next whole second. */
const wholeSeconds = (s: number) => Math.ceil(s - 1e-9);

function perSecondBreakdown(rate: ModelRate, seconds: number, addons: QuoteItem[]): QuoteItem[] {
  const items: QuoteItem[] = [];
  let listed = 0;
  for (const [key, label] of RATE_COMPONENTS) {
    const v = rate.components[key];
    if (v === undefined) continue;
    listed += v;
    items.push({ item: `${label} ${v}/s`, credits: v * seconds });
  }
  // A live list without the distribution still prices the whole second.
  if (listed !== rate.total)
    items.push({ item: `model rate ${rate.total - listed}/s`, credits: (rate.total - listed) * seconds });
  return [...items, ...addons];
}

// --- argument readers: the only places that know the tools' argument names -------------------------

const readTextToVideo = (a: Record<string, unknown>) => ({
  model: String(a.video_model),
  duration: Number(a.duration),
});

const readImageList = (a: Record<string, unknown>) => ({
  model: typeof a.video_model === 'string' ? a.video_model : IMAGE_LIST_DEFAULT_MODEL,
  /** Undefined in a price question without images: quoted per image. */
  images: Array.isArray(a.image_urls) ? a.image_urls.length : undefined,
  avatar: a.add_narrator_avatar === true,
  expressCta: a.express_cta_generation === true,
});

const readTranslate = (a: Record<string, unknown>) => ({
  sessionIds: [String(a.session_id)],
  external: a.external_user as Record<string, unknown> | undefined,
});

const readJoin = (a: Record<string, unknown>) => ({
  sessionIds: Array.isArray(a.session_ids) ? a.session_ids.map(String) : [],
  external: a.external_user as Record<string, unknown> | undefined,
});

// --- quotes -------------------------------------------------------------------------------------

const textToVideo: QuoteFn = async (args, ctx) => {
  const { model, duration } = readTextToVideo(args);
  const seconds = wholeSeconds(duration);
  const { rate, assumptions } = await rateOf(model, ctx);
  if (seconds !== duration)
    assumptions.push(`Billed per rendered second: ${duration} s quoted as ${seconds} s.`);
  return {
    credits: seconds * rate.total,
    per_second: rate.total,
    duration_seconds: seconds,
    breakdown: perSecondBreakdown(rate, seconds, []),
    formula: `credits = ${seconds} s x ${rate.total}/s (${model})`,
    assumptions,
    short: `${model} ${rate.total}/s x ${seconds} s`,
  };
};

const imageListToVideo: QuoteFn = async (args, ctx) => {
  const { model, images: given, avatar, expressCta } = readImageList(args);
  const images = given ?? 1;
  const { rate, assumptions } = await rateOf(model, ctx);
  const units = UNIT_OPTIONS[model] ?? [];
  if (!units.length || images < 1) {
    throw new ValidationError(
      'image_urls',
      'the render length cannot be estimated for this model or image list',
    );
  }
  const minSeconds = images * Math.min(...units);
  const maxSeconds = images * Math.max(...units);
  const perSecond = rate.total + (avatar ? AVATAR_PER_SECOND : 0) + (expressCta ? rate.expressCta : 0);
  const addons: QuoteItem[] = [];
  if (avatar) addons.push({ item: `avatar ${AVATAR_PER_SECOND}/s`, credits: AVATAR_PER_SECOND * maxSeconds });
  if (expressCta)
    addons.push({ item: `express CTA ${rate.expressCta}/s`, credits: rate.expressCta * maxSeconds });
  assumptions.push(
    `The render length is only known after rendering: ${images} image(s) x ${units.join(' or ')} s per clip gives ${minSeconds}-${maxSeconds} s; the confirmation binds the upper end.`,
  );
  if (given === undefined) {
    assumptions.push('No image_urls given: quoted for 1 image; each further image adds as much again.');
  }
  return {
    credits: perSecond * maxSeconds,
    credits_min: perSecond * minSeconds,
    per_second: perSecond,
    duration_seconds: maxSeconds,
    breakdown: perSecondBreakdown(rate, maxSeconds, addons),
    formula: `credits = render seconds (${minSeconds}-${maxSeconds}) x ${perSecond}/s (${model} ${rate.total}/s${avatar ? ` + avatar ${AVATAR_PER_SECOND}/s` : ''}${expressCta ? ` + express CTA ${rate.expressCta}/s` : ''})`,
    assumptions,
    short: `${model} ${perSecond}/s x up to ${maxSeconds} s`,
  };
};

const flatFee: QuoteFn = async () => ({
  credits: OUTRO_FOOTER_FLAT,
  breakdown: [{ item: 'flat fee', credits: OUTRO_FOOTER_FLAT }],
  formula: `credits = ${OUTRO_FOOTER_FLAT} per request`,
  assumptions: [],
  short: `flat ${OUTRO_FOOTER_FLAT} per request`,
});

function sourceBilled(
  label: string,
  read: (a: Record<string, unknown>) => ReturnType<typeof readJoin>,
): QuoteFn {
  return async (args, ctx): Promise<QuoteBody> => {
    const { sessionIds, external } = read(args);
    const assumptions: string[] = [];
    let seconds: number;
    if (ctx.durationSeconds !== undefined) {
      seconds = ctx.durationSeconds;
      assumptions.push(`Source duration ${seconds} s as stated by the caller, not read from the video.`);
    } else {
      const durations = await Promise.all(
        sessionIds.map((id) => samsarSessionDuration(ctx.deps, id, external, ctx.signal)),
      );
      seconds = durations.reduce((a, b) => a + b, 0);
      assumptions.push(
        `Source duration read from the MP4 header of ${sessionIds.join(', ')}: ${durations.map((d) => `${Math.round(d * 100) / 100} s`).join(' + ')}.`,
      );
    }
    const billed = wholeSeconds(seconds);
    if (billed !== seconds) assumptions.push(`Quoted at whole seconds: ${billed} s.`);
    const credits = billed * TRANSLATE_JOIN_PER_SECOND;
    return {
      credits,
      per_second: TRANSLATE_JOIN_PER_SECOND,
      duration_seconds: billed,
      breakdown: [{ item: `${label} ${TRANSLATE_JOIN_PER_SECOND}/s`, credits }],
      formula: `credits = ${billed} s x ${TRANSLATE_JOIN_PER_SECOND}/s`,
      assumptions,
      short: `${TRANSLATE_JOIN_PER_SECOND}/s x ${billed} s`,
    };
  };
}

/** (ext) tools bill the external user's credits when external_user is given. */
function billedTo(quote: QuoteFn): QuoteFn {
  return async (args, ctx) => {
    const q = await quote(args, ctx);
    const ext = args.external_user as { provider?: string; external_user_id?: string } | undefined;
    if (ext) q.assumptions.push(`Billed to external user ${ext.provider}/${ext.external_user_id}.`);
    return q;
  };
}

/** Source-billed prices need the sources, unless the caller states their duration. */
const sourcesOr = (field: string) => (ctx: Pick<QuoteContext, 'durationSeconds'>) =>
  ctx.durationSeconds === undefined ? [field] : [];

export const SAMSAR_QUOTES: Record<string, Pricer> = {
  samsar_text_to_video: { needs: ['video_model', 'duration'], quote: billedTo(textToVideo) },
  samsar_image_list_to_video: { needs: [], quote: billedTo(imageListToVideo) },
  samsar_add_outro_image: { needs: [], quote: billedTo(flatFee) },
  samsar_update_outro_image: { needs: [], quote: billedTo(flatFee) },
  samsar_update_footer_image: { needs: [], quote: billedTo(flatFee) },
  samsar_translate_video: {
    needs: sourcesOr('session_id'),
    quote: billedTo(sourceBilled('translation', readTranslate)),
  },
  samsar_join_videos: {
    needs: sourcesOr('session_ids'),
    quote: billedTo(sourceBilled('join', readJoin)),
  },
};
