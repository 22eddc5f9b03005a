/**
 * Samsar tools that start a new session from existing ones: clone, translate, join, subtitles,
 * outro and footer. Each maps `session_id` to the field its route documents.
 */
import * as z from 'zod/v4';
import {
  footerUpdateRules,
  joinRules,
  providedOutroRules,
  updateOutroRules,
} from '../providers/samsar/rules.js';
import {
  externalUser,
  focusArea,
  httpUrl,
  imageUrlOrData,
  samsarEnvelope,
  sessionId,
  TRANSLATE_LANGUAGES,
  text,
  webhookUrl,
  wireOutroFields,
} from '../providers/samsar/schemas.js';
import { type CatalogueEntry, defineEntry } from './define.js';
import { CREATE, newSessionSummary, sourceField } from './samsar-common.js';

interface SessionArgs {
  session_id: string;
  webhook_url?: string;
  external_user?: Record<string, unknown>;
  outro_focus_area?: unknown;
}

/** The documented envelope for a route that works on one session (its /external_users twin on demand). */
function onSession({ session_id, webhook_url, external_user, ...rest }: SessionArgs) {
  const external = Boolean(external_user);
  const input = { ...sourceField(session_id, external), ...wireOutroFields(rest) };
  return { body: samsarEnvelope(input, { webhook_url, external_user }), external };
}

const outroArea = {
  add_outro_animation: z.boolean().optional(),
  add_outro_focus_area: z.boolean().optional(),
  outro_focus_area: focusArea.optional(),
};

const base = { provider: 'samsar', toolset: 'samsar', method: 'POST', auth: true } as const;
const follow = { annotations: CREATE, job: 'samsar_session' } as const;
const flat = 'Costs 75 credits: quote with estimate_cost first.';

/** Free one-session routes that clone the source and re-render part of it. */
function freeRerender(
  name: string,
  route: string,
  title: string,
  what: string,
  done: string,
): CatalogueEntry {
  return defineEntry({
    ...base,
    ...follow,
    name,
    title,
    description: `${what} into a new session. Free; follow it with wait_for_job.`,
    path: `/video/${route}`,
    input: z.strictObject({ session_id: sessionId, webhook_url: webhookUrl }),
    billing: 'free',
    request: onSession,
    summarize: newSessionSummary(done),
  });
}

export const samsarSessionEntries: CatalogueEntry[] = [
  defineEntry({
    ...base,
    ...follow,
    name: 'samsar_add_outro_image',
    title: 'Samsar add outro image',
    description: `Adds or replaces the outro image of a session, in a new session. ${flat}`,
    path: '/video/add_outro_image',
    externalPath: '/external_users/add_outro_image',
    input: z
      .strictObject({
        session_id: sessionId,
        outro_image_url: imageUrlOrData,
        ...outroArea,
        webhook_url: webhookUrl,
        external_user: externalUser,
      })
      .superRefine((v, ctx) => providedOutroRules(ctx, v)),
    billing: 'credits',
    request: onSession,
    summarize: newSessionSummary('Outro added'),
  }),
  defineEntry({
    ...base,
    ...follow,
    name: 'samsar_update_outro_image',
    title: 'Samsar update outro image',
    description: `Replaces a session's outro with an image or a QR outro from cta_url, in a new session. ${flat}`,
    path: '/video/update_outro_image',
    externalPath: '/external_users/update_outro_image',
    input: z
      .strictObject({
        session_id: sessionId,
        outro_image_url: imageUrlOrData.optional(),
        generate_outro_image: z.boolean().optional(),
        cta_url: httpUrl.optional(),
        cta_text_top: text(200).optional(),
        cta_text_bottom: text(200).optional(),
        cta_logo: imageUrlOrData.optional(),
        ...outroArea,
        webhook_url: webhookUrl,
        external_user: externalUser,
      })
      .superRefine((v, ctx) => updateOutroRules(ctx, v)),
    billing: 'credits',
    request: onSession,
    summarize: newSessionSummary('Outro updated'),
  }),
  defineEntry({
    ...base,
    ...follow,
    name: 'samsar_update_footer_image',
    title: 'Samsar update footer',
    description: `Sets or removes (remove_footer) the scene footer CTA, in a new session. ${flat}`,
    path: '/video/update_footer_image',
    externalPath: '/external_users/update_footer_image',
    input: z
      .strictObject({
        session_id: sessionId,
        remove_footer: z.boolean().optional(),
        cta_text: text(200).optional(),
        cta_logo: imageUrlOrData.optional(),
        cta_url: httpUrl.optional(),
        webhook_url: webhookUrl,
        external_user: externalUser,
      })
      .superRefine((v, ctx) => footerUpdateRules(ctx, v)),
    billing: 'credits',
    request: onSession,
    summarize: newSessionSummary('Footer updated'),
  }),
  defineEntry({
    ...base,
    ...follow,
    name: 'samsar_translate_video',
    title: 'Samsar translate video',
    description:
      'Translates a completed session into a new one. Costs 3 credits/s of the source: quote with estimate_cost first.',
    path: '/video/translate_video',
    externalPath: '/external_users/translate_video',
    input: z.strictObject({
      session_id: sessionId,
      language: z.enum(TRANSLATE_LANGUAGES),
      enable_subtitles: z.boolean().optional(),
      translate_outro: z.boolean().optional(),
      translate_footer: z.boolean().optional(),
      webhook_url: webhookUrl,
      external_user: externalUser,
    }),
    billing: 'credits',
    request: onSession,
    summarize: (d, a) => newSessionSummary(`Translation to ${a.language}`)(d, a),
  }),
  defineEntry({
    ...base,
    ...follow,
    name: 'samsar_join_videos',
    title: 'Samsar join videos',
    description:
      'Joins 2+ completed sessions (same aspect ratio) in order into a new one. Costs 3 credits/s of the joined length: quote first.',
    path: '/video/join_videos',
    externalPath: '/external_users/join_videos',
    input: z
      .strictObject({
        session_ids: z.array(sessionId).min(2),
        blend_scenes: z.boolean().optional(),
        webhook_url: webhookUrl,
        external_user: externalUser,
      })
      .superRefine((v, ctx) => joinRules(ctx, v)),
    billing: 'credits',
    request: ({ webhook_url, external_user, ...input }) => ({
      body: samsarEnvelope(input, { webhook_url, external_user }),
      external: Boolean(external_user),
    }),
    summarize: (d, a) => newSessionSummary(`Join of ${a.session_ids.join(' + ')}`)(d, {}),
  }),
  defineEntry({
    ...base,
    ...follow,
    name: 'samsar_clone_video',
    title: 'Samsar clone video',
    description:
      'Copies a completed session into a new session with a new video URL. Free; then wait_for_job.',
    path: '/video/clone',
    input: z.strictObject({ session_id: sessionId, webhook_url: webhookUrl }),
    billing: 'free',
    request: onSession,
    summarize: newSessionSummary('Clone'),
  }),
  freeRerender(
    'samsar_remove_subtitles',
    'remove_subtitles',
    'Samsar remove subtitles',
    'Re-renders a session without subtitles',
    'Subtitles removed',
  ),
  freeRerender(
    'samsar_add_subtitles',
    'add_subtitles',
    'Samsar add subtitles',
    'Re-renders a session with subtitles',
    'Subtitles added',
  ),
];
