/**
 * Routes that start a new session from completed ones (clone, translate, join, subtitles, outro,
 * footer), with the /external_users twins the reference documents, under its rules and prices.
 */
import { OUTRO_FOOTER_FLAT, TRANSLATE_JOIN_PER_SECOND } from '../../providers/samsar/pricing.js';
import { CANVAS, TRANSLATE_LANGUAGES } from '../../providers/samsar/schemas.js';
import { json, type Route, type SandboxRequest } from '../router.js';
import type { ExternalOwner, Session } from './sessions.js';
import { externalUserOf, fail, inputOf, type SamsarState, webhookOf } from './state.js';

const isHttp = (v: unknown) => typeof v === 'string' && /^https?:\/\/\S+$/i.test(v);
const isImage = (v: unknown) =>
  isHttp(v) || (typeof v === 'string' && /^data:image\/[\w.+-]+;base64,/i.test(v));

type Input = Record<string, unknown>;

interface Derivation {
  kind: string;
  /** Checks the input against the source session; throws a 400 Reply when it breaks a rule. */
  validate?(input: Input, source: Session): void;
  /** Credits for this request (0 when free). */
  price?(sources: Session[]): number;
  /** Fields of the new session that differ from the source. */
  change?(input: Input, source: Session): Partial<Session>;
}

/** Provided-outro focus area: needs the fade and a box inside the session canvas. */
function checkFocusArea(input: Input, source: Session): void {
  if (input.add_outro_focus_area !== true) return;
  if (input.add_outro_animation !== true)
    fail(400, 'add_outro_focus_area requires add_outro_animation: true');
  const a = input.outro_focust_area as Record<string, unknown> | undefined;
  const canvas = CANVAS[source.aspectRatio];
  const n = (k: string) => (typeof a?.[k] === 'number' ? (a[k] as number) : Number.NaN);
  const ok =
    n('x') >= 0 &&
    n('y') >= 0 &&
    n('width') > 0 &&
    n('height') > 0 &&
    n('x') + n('width') <= canvas.width &&
    n('y') + n('height') <= canvas.height;
  if (!ok) fail(400, `outro_focust_area must lie inside the ${canvas.width}x${canvas.height} canvas`);
}

const OUTRO_ALIASES = ['outro_image_url', 'outroImageUrl', 'new_outro_image_url', 'newOutroImageUrl'];

const DERIVATIONS: Record<string, Derivation> = {
  clone: { kind: 'clone' },
  remove_subtitles: { kind: 'remove_subtitles', change: () => ({ hasSubtitles: false }) },
  add_subtitles: { kind: 'add_subtitles', change: () => ({ hasSubtitles: true }) },
  translate_video: {
    kind: 'translate_video',
    validate: (input) => {
      if (!(TRANSLATE_LANGUAGES as readonly unknown[]).includes(input.language)) {
        fail(400, `Unsupported language '${String(input.language)}'`);
      }
    },
    price: ([s]) => Math.ceil(s!.durationSeconds) * TRANSLATE_JOIN_PER_SECOND,
    change: (input) => ({ language: String(input.language), hasSubtitles: input.enable_subtitles === true }),
  },
  add_outro_image: {
    kind: 'add_outro_image',
    validate: (input, source) => {
      if (!isImage(input.outro_image_url)) fail(400, 'outro_image_url is required (URL or image data URL)');
      checkFocusArea(input, source);
    },
    price: () => OUTRO_FOOTER_FLAT,
    change: () => ({ hasOutro: true }),
  },
  update_outro_image: {
    kind: 'update_outro_image',
    validate: (input, source) => {
      if (!source.hasOutro)
        fail(400, `Session ${source.id} has no outro layer: add one with add_outro_image`);
      const image = OUTRO_ALIASES.map((k) => input[k]).find((v) => v !== undefined);
      const generated =
        input.generate_outro_image === true || (image === undefined && input.cta_url !== undefined);
      if (generated) {
        if (image !== undefined) fail(400, 'omit outro_image_url when generate_outro_image is true');
        if (!isHttp(input.cta_url)) fail(400, 'cta_url (HTTP(S)) is required for a generated CTA outro');
        return;
      }
      if (!isImage(image)) fail(400, 'outro_image_url is required unless generate_outro_image is true');
      checkFocusArea(input, source);
    },
    price: () => OUTRO_FOOTER_FLAT,
  },
  update_footer_image: {
    kind: 'update_footer_image',
    validate: (input) => {
      if (input.remove_footer === true) return;
      if (input.cta_text === undefined && input.cta_logo === undefined && input.cta_url === undefined) {
        fail(400, 'At least one of cta_text, cta_logo, or cta_url is required unless remove_footer is true');
      }
      if (input.cta_url !== undefined && !isHttp(input.cta_url)) fail(400, 'cta_url must be an HTTP(S) URL');
      if (input.cta_logo !== undefined && !isImage(input.cta_logo))
        fail(400, 'cta_logo must be a URL or data URL');
    },
    price: () => OUTRO_FOOTER_FLAT,
  },
};

export function deriveRoutes(state: SamsarState): Route[] {
  /** Who pays: the external user named in the body, else the source session's external owner, else the account. */
  function payer(ext: ExternalOwner | undefined, sources: Session[]): ExternalOwner | undefined {
    for (const s of sources) {
      if (
        ext &&
        s.external &&
        state.externalKey(s.ownerKey, s.external) !== state.externalKey(s.ownerKey, ext)
      ) {
        fail(403, `Session ${s.id} does not belong to this external user`);
      }
    }
    return ext ?? sources.find((s) => s.external)?.external;
  }

  function start(
    key: string,
    d: Derivation,
    input: Input,
    sources: Session[],
    ext: ExternalOwner | undefined,
    webhookUrl: unknown,
  ) {
    const source = sources[0]!;
    const billedTo = payer(ext, sources);
    const amount = d.price?.(sources) ?? 0;
    const headers = amount > 0 ? state.charge(key, billedTo, amount) : undefined;
    const s = state.create({
      ownerKey: key,
      external: billedTo,
      kind: d.kind,
      durationSeconds: sources.reduce((sum, x) => sum + x.durationSeconds, 0),
      aspectRatio: source.aspectRatio,
      framesPerSecond: source.framesPerSecond,
      language: source.language,
      hasSubtitles: source.hasSubtitles,
      hasOutro: source.hasOutro,
      provider: source.provider,
      sourceIds: sources.map((x) => x.id),
      input,
      webhookUrl,
      ...d.change?.(input, source),
    });
    const extra =
      d.kind === 'clone'
        ? { status: 'PENDING', type: 'video', creditsCharged: 0 }
        : billedTo
          ? { creditsCharged: amount }
          : {};
    return json(200, state.created(s, extra), headers);
  }

  /** A route that works on one source session, named by `videoSessionId` (or request_id/session_id on twins). */
  const single = (d: Derivation, external: boolean) =>
    state.authed((req: SandboxRequest, key) => {
      const ext = externalUserOf(req, false);
      const input = inputOf(req);
      const id = external
        ? (input.request_id ?? input.session_id ?? input.videoSessionId)
        : input.videoSessionId;
      const source = state.completed(state.owned(key, id, external ? 'request_id' : 'videoSessionId'));
      d.validate?.(input, source);
      return start(key, d, input, [source], ext, webhookOf(req));
    });

  const join = state.authed((req, key) => {
    const ext = externalUserOf(req, false);
    const input = inputOf(req);
    const ids = input.session_ids;
    if (!Array.isArray(ids) || ids.length < 2) return fail(400, 'session_ids must list 2+ video session ids');
    if (new Set(ids).size !== ids.length) return fail(400, 'session_ids must be unique');
    const sources = ids.map((id) => state.completed(state.owned(key, id, 'session_ids')));
    const first = sources[0]!;
    if (
      sources.some((s) => s.aspectRatio !== first.aspectRatio || s.framesPerSecond !== first.framesPerSecond)
    ) {
      return fail(400, 'Sessions must have the same aspect_ratio and framesPerSecond');
    }
    const d: Derivation = {
      kind: 'join_videos',
      price: (all) =>
        Math.ceil(all.reduce((sum, s) => sum + s.durationSeconds, 0)) * TRANSLATE_JOIN_PER_SECOND,
    };
    return start(key, d, input, sources, ext, webhookOf(req));
  });

  const routes: Route[] = [
    { method: 'POST', pattern: '/video/join_videos', handler: join },
    { method: 'POST', pattern: '/external_users/join_videos', handler: join },
    { method: 'POST', pattern: '/video/clone', handler: single(DERIVATIONS.clone!, false) },
    { method: 'POST', pattern: '/v2/video/clone', handler: single(DERIVATIONS.clone!, false) },
    {
      method: 'POST',
      pattern: '/video/retranslate_video',
      handler: single(DERIVATIONS.translate_video!, false),
    },
  ];
  for (const name of ['translate_video', 'add_outro_image', 'update_outro_image', 'update_footer_image']) {
    routes.push({ method: 'POST', pattern: `/video/${name}`, handler: single(DERIVATIONS[name]!, false) });
    routes.push({
      method: 'POST',
      pattern: `/external_users/${name}`,
      handler: single(DERIVATIONS[name]!, true),
    });
  }
  for (const name of ['remove_subtitles', 'add_subtitles']) {
    routes.push({ method: 'POST', pattern: `/video/${name}`, handler: single(DERIVATIONS[name]!, false) });
  }
  return routes;
}
