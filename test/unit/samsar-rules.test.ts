/**
 * Samsar's cross-field rules, one case per rule, on the tools' own zod schemas: each refusal names
 * the field in its path; each documented valid combination passes.
 */
import { describe, expect, it } from 'vitest';
import { samsarEntries } from '../../src/catalogue/samsar.js';

const schema = (tool: string) => samsarEntries.find((e) => e.name === tool)!.input;
const CTA = 'https://example.com/book';
const IMG = 'https://cdn.example.com/a.png';
const TEXT = { prompt: 'p', image_model: 'SEEDREAM', video_model: 'RUNWAYML', duration: 5 };
const AREA = { x: 0, y: 0, width: 100, height: 100 };

/** The fields the refusal names, or [] when the arguments are accepted. */
function refused(tool: string, args: Record<string, unknown>): string[] {
  const r = schema(tool).safeParse(args);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
}

describe('samsar cross-field rules', () => {
  it.each([
    ['one outro mode', { generate_outro_image: true, cta_url: CTA, outro_image_url: IMG }, 'outro_image_url'],
    ['generate_outro_image needs cta_url', { generate_outro_image: true }, 'cta_url'],
    [
      'focus area needs the animation',
      { outro_image_url: IMG, add_outro_focus_area: true, outro_focus_area: AREA },
      'add_outro_focus_area',
    ],
    [
      'focus area flag needs an area',
      { outro_image_url: IMG, add_outro_animation: true, add_outro_focus_area: true },
      'outro_focus_area',
    ],
    [
      'area inside 1792x1024',
      { outro_image_url: IMG, outro_focus_area: { ...AREA, x: 1700 } },
      'outro_focus_area',
    ],
    [
      'area inside 1024x1792',
      { aspect_ratio: '9:16', outro_image_url: IMG, outro_focus_area: { ...AREA, x: 1000 } },
      'outro_focus_area',
    ],
    [
      'whole, positive pixels',
      { outro_image_url: IMG, outro_focus_area: { ...AREA, width: 0.5 } },
      'outro_focus_area',
    ],
    ['outro fields need outro_image_url', { add_outro_animation: true }, 'add_outro_animation'],
    ['footer animation needs items', { add_footer_animation: true }, 'footer_metadata'],
  ])('text_to_video: %s', (_rule, patch, field) => {
    expect(refused('samsar_text_to_video', { ...TEXT, ...patch })).toContain(field);
  });

  it('text_to_video accepts each documented mode', () => {
    expect(
      refused('samsar_text_to_video', {
        ...TEXT,
        generate_outro_image: true,
        cta_url: CTA,
        add_footer_animation: true,
        footer_metadata: [{ url: CTA, title: 'A' }],
      }),
    ).toEqual([]);
    expect(
      refused('samsar_text_to_video', {
        ...TEXT,
        outro_image_url: IMG,
        add_outro_animation: true,
        add_outro_focus_area: true,
        outro_focus_area: { x: 240, y: 140, width: 720, height: 420 },
      }),
    ).toEqual([]);
  });

  it.each([
    ['express needs cta_url', { express_cta_generation: true }, 'cta_url'],
    [
      'express excludes cta_text_top',
      { express_cta_generation: true, cta_url: CTA, cta_text_top: 'x' },
      'cta_text_top',
    ],
    [
      'express excludes cta_text_bottom',
      { express_cta_generation: true, cta_url: CTA, cta_text_bottom: 'x' },
      'cta_text_bottom',
    ],
    [
      'express excludes footer_metadata',
      { express_cta_generation: true, cta_url: CTA, footer_metadata: [{ url: CTA, title: 'A' }] },
      'footer_metadata',
    ],
    [
      'express derives the outro',
      { express_cta_generation: true, cta_url: CTA, add_outro_animation: true },
      'add_outro_animation',
    ],
    [
      'avatar means one narrator',
      { add_narrator_avatar: true, limit_single_narrator: false },
      'limit_single_narrator',
    ],
    [
      'one footer item per image',
      { add_footer_animation: true, footer_metadata: [{ url: CTA, title: 'A' }] },
      'footer_metadata',
    ],
    ['image entries need a URL alias', { image_urls: [{ title: 'A' }] }, 'image_urls.0'],
    ['image URLs are http(s)', { image_urls: ['data:image/png;base64,AAAA'] }, 'image_urls.0'],
  ])('image_list_to_video: %s', (_rule, patch, field) => {
    expect(refused('samsar_image_list_to_video', { image_urls: [IMG, IMG], ...patch })).toContain(field);
  });

  it('image_list_to_video accepts every documented URL alias and narration field', () => {
    const aliases = ['image_url', 'imageUrl', 'url', 'src', 'enhanced_url', 'enhancedUrl'];
    const labels = ['title', 'image_text', 'activity_title', 'name', 'label', 'title'];
    const images = aliases.map((k, i) => ({ [k]: IMG, [labels[i]!]: 'x' }));
    expect(
      refused('samsar_image_list_to_video', {
        image_urls: images,
        express_cta_generation: true,
        cta_url: CTA,
      }),
    ).toEqual([]);
  });

  it.each([
    ['needs a mode', {}, 'outro_image_url'],
    [
      'image excludes generate',
      { outro_image_url: IMG, generate_outro_image: true, cta_url: CTA },
      'generate_outro_image',
    ],
    ['generate needs cta_url', { generate_outro_image: true }, 'cta_url'],
    ['generated outro computes the focus area', { cta_url: CTA, outro_focus_area: AREA }, 'outro_focus_area'],
  ])('update_outro_image: %s', (_rule, patch, field) => {
    expect(refused('samsar_update_outro_image', { session_id: 'vid_a', ...patch })).toContain(field);
  });

  it('update_footer_image needs a CTA field unless remove_footer; join needs 2+ unique ids', () => {
    expect(refused('samsar_update_footer_image', { session_id: 'vid_a' })).toContain('cta_text');
    expect(refused('samsar_update_footer_image', { session_id: 'vid_a', remove_footer: true })).toEqual([]);
    expect(
      refused('samsar_update_footer_image', { session_id: 'vid_a', cta_logo: 'data:image/png;base64,AA' }),
    ).toEqual([]);
    expect(refused('samsar_join_videos', { session_ids: ['vid_a'] })).toContain('session_ids');
    expect(refused('samsar_join_videos', { session_ids: ['vid_a', 'vid_a'] })).toContain('session_ids');
    expect(refused('samsar_join_videos', { session_ids: ['vid_a', 'vid_b'] })).toEqual([]);
  });
});
