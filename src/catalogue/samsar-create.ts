/** Samsar's two video-creation endpoints (text and image list), with their outro/footer/CTA modes. */
import * as z from 'zod/v4';
import { checkFontKey } from '../providers/samsar/fonts.js';
import {
  creationOutroRules,
  expressCtaRules,
  footerRules,
  narratorRules,
} from '../providers/samsar/rules.js';
import {
  aspectRatio,
  externalUser,
  focusArea,
  fontKey,
  footerMetadata,
  httpUrl,
  IMAGE_MODELS,
  imageEntry,
  language,
  samsarEnvelope,
  text,
  videoModel,
  webhookUrl,
  wireOutroFields,
} from '../providers/samsar/schemas.js';
import { defineEntry } from './define.js';
import { CREATE } from './samsar-common.js';

/** Fields both creation routes share: language, subtitles, outro, CTA and footer. */
const common = {
  aspect_ratio: aspectRatio.optional(),
  language: language.optional(),
  enable_subtitles: z.boolean().optional(),
  font_key: fontKey.optional(),
  outro_image_url: httpUrl.optional(),
  add_outro_animation: z.boolean().optional(),
  add_outro_focus_area: z.boolean().optional(),
  outro_focus_area: focusArea.optional(),
  generate_outro_image: z.boolean().optional().describe('QR outro from cta_url.'),
  cta_url: httpUrl.optional(),
  cta_text_top: text(200).optional(),
  cta_text_bottom: text(200).optional(),
  cta_logo: httpUrl.optional(),
  add_footer_animation: z.boolean().optional().describe('Footer QR per scene.'),
  footer_metadata: footerMetadata.optional(),
  webhook_url: webhookUrl,
  external_user: externalUser,
};

const send = ({
  webhook_url,
  external_user,
  ...input
}: {
  webhook_url?: string;
  external_user?: Record<string, unknown>;
  outro_focus_area?: unknown;
}) => ({
  body: samsarEnvelope(wireOutroFields(input), { webhook_url, external_user }),
  external: Boolean(external_user),
});

const started = (d: unknown) => `Render started: session ${(d as { session_id?: string }).session_id}.`;

export const samsarCreateEntries = [
  defineEntry({
    name: 'samsar_text_to_video',
    title: 'Samsar text to video',
    description:
      'Starts a narrated video from a prompt. Costs duration x model rate credits (RUNWAYML 30/s): quote with estimate_cost first.',
    provider: 'samsar',
    toolset: 'samsar',
    method: 'POST',
    path: '/video/text_to_video',
    externalPath: '/external_users/text_to_video',
    auth: true,
    input: z
      .strictObject({
        prompt: z.string().trim().min(1).max(1000),
        image_model: z.enum(IMAGE_MODELS),
        video_model: videoModel,
        duration: z.number().positive().max(240).describe('Seconds.'),
        tone: z.enum(['grounded', 'cinematic']).optional(),
        ...common,
      })
      .superRefine((v, ctx) => {
        creationOutroRules(ctx, v);
        footerRules(ctx, v);
      }),
    billing: 'credits',
    annotations: CREATE,
    job: 'samsar_session',
    precheck: (args, deps, signal) => checkFontKey(args, deps, signal),
    request: send,
    summarize: started,
  }),
  defineEntry({
    name: 'samsar_image_list_to_video',
    title: 'Samsar image list to video',
    description:
      'Starts a narrated video from ordered images. Costs render seconds x model rate (+4/s avatar, +1/s express CTA): quote with estimate_cost first.',
    provider: 'samsar',
    toolset: 'samsar',
    method: 'POST',
    path: '/video/image_list_to_video',
    externalPath: '/external_users/image_list_to_video',
    auth: true,
    input: z
      .strictObject({
        image_urls: z.array(imageEntry).min(1).describe('URLs, or {image_url (or url, src), title?}.'),
        prompt: z.string().trim().min(1).max(1000).optional(),
        metadata: z.record(z.string(), z.unknown()).optional(),
        video_model: videoModel.optional(),
        limit_single_narrator: z.boolean().optional(),
        add_narrator_avatar: z.boolean().optional(),
        express_cta_generation: z.boolean().optional().describe('Samsar writes CTAs from cta_url.'),
        ...common,
      })
      .superRefine((v, ctx) => {
        creationOutroRules(ctx, v);
        expressCtaRules(ctx, v);
        footerRules(ctx, v, v.image_urls.length);
        narratorRules(ctx, v);
      }),
    billing: 'credits',
    annotations: CREATE,
    job: 'samsar_session',
    precheck: (args, deps, signal) => checkFontKey(args, deps, signal),
    request: (args) =>
      // The avatar implies a single narrator; say so explicitly on the wire.
      send(args.add_narrator_avatar ? { ...args, limit_single_narrator: true } : args),
    summarize: started,
  }),
];
