/**
 * Samsar's cross-field rules ("one outro mode per request", "requires X when Y"), as zod refinements.
 * Each issue names the field in its path and says how to fix the request; a refused request is never
 * sent. The rules follow the reference (the Samsar Video API reference) for each route.
 */
import type * as z from 'zod/v4';
import { type AspectRatio, CANVAS } from './schemas.js';

type Ctx = z.RefinementCtx;
type Area = { x: number; y: number; width: number; height: number };

function fail(ctx: Ctx, field: string, message: string): void {
  ctx.addIssue({ code: 'custom', path: [field], message });
}

const fits = (a: Area, ratio: AspectRatio) =>
  a.x + a.width <= CANVAS[ratio].width && a.y + a.height <= CANVAS[ratio].height;

/** The focus area must lie inside the canvas: the given ratio's, or either one when the session decides. */
export function focusAreaInCanvas(ctx: Ctx, area: Area | undefined, ratio?: AspectRatio): void {
  if (!area) return;
  const ratios: AspectRatio[] = ratio ? [ratio] : ['16:9', '9:16'];
  if (ratios.some((r) => fits(area, r))) return;
  const canvases = ratios.map((r) => `${CANVAS[r].width}x${CANVAS[r].height} (${r})`).join(' or ');
  fail(ctx, 'outro_focus_area', `x+width and y+height must stay inside the ${canvases} canvas`);
}

interface OutroFields {
  outro_image_url?: string;
  add_outro_animation?: boolean;
  add_outro_focus_area?: boolean;
  outro_focus_area?: Area;
  generate_outro_image?: boolean;
  cta_url?: string;
}

/** Provided-outro focus area: needs the animation and an area inside the canvas. */
export function providedOutroRules(ctx: Ctx, v: OutroFields, ratio?: AspectRatio): void {
  if (v.add_outro_focus_area) {
    if (v.add_outro_animation !== true) {
      fail(ctx, 'add_outro_focus_area', 'requires add_outro_animation: true; set it or drop the focus area');
    }
    if (!v.outro_focus_area) {
      fail(ctx, 'outro_focus_area', 'required when add_outro_focus_area is true: give {x, y, width, height}');
    }
  }
  focusAreaInCanvas(ctx, v.outro_focus_area, ratio);
}

const DERIVED_OUTRO_FIELDS = [
  'outro_image_url',
  'add_outro_animation',
  'add_outro_focus_area',
  'outro_focus_area',
] as const;

/**
 * Video creation (text and image list): one outro mode. A generated outro (generate_outro_image or,
 * for image lists, express_cta_generation) derives the provided-outro fields, so they must be omitted.
 */
export function creationOutroRules(
  ctx: Ctx,
  v: OutroFields & { aspect_ratio?: AspectRatio; express_cta_generation?: boolean },
): void {
  const generated = v.generate_outro_image === true || v.express_cta_generation === true;
  const mode = v.express_cta_generation ? 'express_cta_generation' : 'generate_outro_image';
  if (generated) {
    for (const f of DERIVED_OUTRO_FIELDS) {
      if (v[f] !== undefined) fail(ctx, f, `omit it: ${mode} derives the outro (one outro mode per request)`);
    }
  } else {
    if (!v.outro_image_url) {
      for (const f of ['add_outro_animation', 'add_outro_focus_area', 'outro_focus_area'] as const) {
        if (v[f] !== undefined) fail(ctx, f, 'applies to a provided outro: set outro_image_url or omit it');
      }
    }
    providedOutroRules(ctx, v, v.aspect_ratio ?? '16:9');
  }
  if (generated && !v.cta_url) fail(ctx, 'cta_url', `required with ${mode}: the link the QR code opens`);
}

/** Footer QR mode needs its items. */
export function footerRules(
  ctx: Ctx,
  v: { add_footer_animation?: boolean; footer_metadata?: unknown[] },
  scenes?: number,
): void {
  if (v.add_footer_animation && !v.footer_metadata?.length) {
    fail(ctx, 'footer_metadata', 'required (non-empty) when add_footer_animation is true: [{url, title}]');
  }
  if (scenes !== undefined && v.footer_metadata?.length && v.footer_metadata.length !== scenes) {
    fail(ctx, 'footer_metadata', `give one {url, title} per image (${scenes}), in image order`);
  }
}

/** Image-list express CTA: one cta_url, Samsar writes the texts and the footer. */
export function expressCtaRules(
  ctx: Ctx,
  v: {
    express_cta_generation?: boolean;
    cta_text_top?: string;
    cta_text_bottom?: string;
    footer_metadata?: unknown[];
    add_footer_animation?: boolean;
  },
): void {
  if (!v.express_cta_generation) return;
  for (const f of ['cta_text_top', 'cta_text_bottom', 'footer_metadata'] as const) {
    if (v[f] !== undefined) fail(ctx, f, 'omit it: express_cta_generation writes the CTA texts and footer');
  }
  if (v.add_footer_animation !== undefined) {
    fail(ctx, 'add_footer_animation', 'omit it: express_cta_generation builds the footer itself');
  }
}

/** add_narrator_avatar turns limit_single_narrator on; an explicit false contradicts it. */
export function narratorRules(
  ctx: Ctx,
  v: { add_narrator_avatar?: boolean; limit_single_narrator?: boolean },
): void {
  if (v.add_narrator_avatar && v.limit_single_narrator === false) {
    fail(
      ctx,
      'limit_single_narrator',
      'add_narrator_avatar needs one narrator: drop limit_single_narrator: false',
    );
  }
}

/** update_outro_image: a provided image, or a generated CTA outro (generate_outro_image or cta_url alone). */
export function updateOutroRules(
  ctx: Ctx,
  v: OutroFields & { cta_text_top?: string; cta_text_bottom?: string; cta_logo?: string },
): void {
  const generated = v.generate_outro_image === true || (v.cta_url !== undefined && !v.outro_image_url);
  if (v.outro_image_url) {
    for (const f of [
      'generate_outro_image',
      'cta_url',
      'cta_text_top',
      'cta_text_bottom',
      'cta_logo',
    ] as const) {
      if (v[f] !== undefined && v[f] !== false) {
        fail(ctx, f, 'omit it with outro_image_url, or drop outro_image_url to generate a CTA outro');
      }
    }
    providedOutroRules(ctx, v);
    return;
  }
  if (!generated) {
    fail(ctx, 'outro_image_url', 'give outro_image_url, or generate_outro_image: true with cta_url');
    return;
  }
  if (!v.cta_url) fail(ctx, 'cta_url', 'required for a generated CTA outro: the link the QR code opens');
  for (const f of ['add_outro_focus_area', 'outro_focus_area'] as const) {
    if (v[f] !== undefined) fail(ctx, f, 'omit it: a generated CTA outro computes its focus area');
  }
}

/** update_footer_image: something to draw, unless the footer is removed. */
export function footerUpdateRules(
  ctx: Ctx,
  v: { remove_footer?: boolean; cta_text?: string; cta_logo?: string; cta_url?: string },
): void {
  if (v.remove_footer) return;
  if (v.cta_text === undefined && v.cta_logo === undefined && v.cta_url === undefined) {
    fail(ctx, 'cta_text', 'give at least one of cta_text, cta_logo, cta_url, or set remove_footer: true');
  }
}

/** join_videos: two or more distinct sessions. */
export function joinRules(ctx: Ctx, v: { session_ids: string[] }): void {
  if (new Set(v.session_ids).size !== v.session_ids.length) {
    fail(ctx, 'session_ids', 'contains a duplicate: list each session once');
  }
}
