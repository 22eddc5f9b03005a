/**
 * The sandbox's AI model catalogue: the reference's "Live model coverage" table (name, id, base
 * credits, capabilities, plan visibility). The reference lists only its video models.
 */

export type Plan = 'basic' | 'pro' | 'ultimate';

export interface AiModel {
  id: string;
  name: string;
  type: 'video' | 'image';
  credits: number;
  capabilities: string[];
  plans: Plan[];
}

const ALL: Plan[] = ['basic', 'pro', 'ultimate'];
const PRO: Plan[] = ['pro', 'ultimate'];
const ULT: Plan[] = ['ultimate'];
const BOTH = ['t2v', 'i2v'];

const rows: Array<[string, string, number, string[], Plan[]]> = [
  ['Grok Imagine Video', 'grok-imagine-video', 80, BOTH, PRO],
  ['Grok Video', 'grok-video', 180, BOTH, ULT],
  ['Hailuo 02 Pro', 'hailuo-02-pro', 110, ['t2v'], PRO],
  ['Hailuo 2.3 Pro', 'hailuo-2-3-pro', 55, BOTH, PRO],
  ['Hailuo 2.3 Standard', 'hailuo-2-3-standard', 40, BOTH, ALL],
  ['Kling 2.6 Standard', 'kling-2-6-standard', 90, BOTH, ALL],
  ['Kling 2.6', 'kling-2-6', 55, BOTH, ALL],
  ['Kling 2.6 with Audio', 'kling-2-6-audio', 130, BOTH, PRO],
  ['Kling 3.0 Pro', 'kling-3-0-pro', 220, BOTH, PRO],
  ['Kling 3.0 Standard', 'kling-3-0-standard', 120, BOTH, PRO],
  ['Kling 3.0', 'kling-3-0', 75, BOTH, PRO],
  ['Pixverse V4.5', 'pixverse-v4-5', 95, BOTH, PRO],
  ['Seedance 1.5 Pro 480p', 'seedance-1-5-pro-480p', 75, BOTH, ALL],
  ['Seedance 1.5 Pro 720p', 'seedance-1-5-pro-720p', 120, BOTH, PRO],
  ['Seedance 1.5 Pro', 'seedance-1-5-pro', 40, BOTH, ALL],
  ['Sora 2 Image to Video', 'sora-2-image', 30, ['i2v'], ALL],
  ['Sora 2 Pro Image to Video', 'sora-2-pro-image', 150, ['i2v'], ALL],
  ['Sora 2 Pro Storyboard', 'sora-2-pro-storyboard', 180, ['storyboard', 't2v', 'i2v'], ULT],
  ['Sora 2 Pro Text to Video', 'sora-2-pro-text', 150, ['t2v'], ALL],
  ['Sora 2 Pro', 'sora-2-pro', 120, BOTH, PRO],
  ['Sora 2 Text to Video', 'sora-2-text', 30, ['t2v'], ALL],
  ['Sora 2', 'sora-2', 40, BOTH, ALL],
  ['Veo 3.1 Fast', 'veo-3-1-fast', 60, BOTH, ALL],
  ['Veo 3.1 Quality', 'veo-3-1-quality', 250, BOTH, ALL],
  ['Wan 2.6 1080p', 'wan-2-6-1080p', 140, BOTH, PRO],
  ['Wan 2.6 720p', 'wan-2-6-720p', 70, BOTH, ALL],
  ['Wan 2.6', 'wan-2-6', 25, BOTH, ALL],
  ['Wan 2.6 V2V', 'wan-2-6-v2v', 45, ['v2v', 'i2v', 'edit'], ALL],
  ['Wan VACE', 'wan-vace', 160, ['t2v', 'i2v', 'edit'], ULT],
];

export const AI_MODELS: readonly AiModel[] = rows.map(([name, id, credits, capabilities, plans]) => ({
  id,
  name,
  type: 'video',
  credits,
  capabilities,
  plans,
}));

/** Text-only models take no images; image-only models need at least one. */
export const acceptsImages = (m: AiModel) => m.capabilities.some((c) => c !== 't2v');
export const needsImages = (m: AiModel) => !m.capabilities.includes('t2v');

/** How a model is listed by GET /api/ai/models. */
export function listedModel(m: AiModel) {
  return {
    id: m.id,
    name: m.name,
    type: m.type,
    credits: m.credits,
    capabilities: m.capabilities,
    plans: m.plans,
    constraints: { accepts_image_urls: acceptsImages(m), requires_image_urls: needsImages(m) },
    options: ['duration_seconds', 'aspect_ratio', 'quality_mode', 'sound', 'multiShots'],
  };
}
