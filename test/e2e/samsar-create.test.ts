/**
 * The two Samsar creation tools through a real MCP client against the sandbox: the documented
 * request (envelope, wire names, external twin), the credits debited, and every cross-field refusal
 * (named field, a fix, nothing sent).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

const TEXT = {
  prompt: 'Clouds over a city',
  image_model: 'GPTIMAGE2',
  video_model: 'RUNWAYML',
  duration: 10,
};
const IMG = (n: number) => `https://cdn.example.com/${n}.png`;
const CTA = 'https://example.com/book';
const AREA = { x: 240, y: 140, width: 720, height: 420 };

describe('samsar creation tools', () => {
  let h: Harness;
  const balance = () => h.sandbox.samsar.credits.get(h.sandbox.keys.samsar)!;
  const lastWrite = () => h.sandbox.requests.writes('samsar').at(-1)!;

  beforeAll(async () => {
    h = await startHarness({ env: { VIDEOGEN_AUTO_APPROVE_CREDITS: '100000' } });
  });
  afterAll(() => h.close());

  it('text_to_video sends every documented field, focus area as outro_focust_area', async () => {
    const before = balance();
    const r = await h.call('samsar_text_to_video', {
      ...TEXT,
      tone: 'cinematic',
      aspect_ratio: '9:16',
      language: 'en',
      enable_subtitles: false,
      font_key: 'Poppins',
      outro_image_url: 'https://cdn.example.com/outro.png',
      add_outro_animation: true,
      add_outro_focus_area: true,
      outro_focus_area: { x: 0, y: 0, width: 1024, height: 1792 },
      add_footer_animation: true,
      footer_metadata: [{ url: CTA, title: 'Book now' }],
    });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(lastWrite().path).toBe('/video/text_to_video');
    expect(lastWrite().body).toEqual({
      input: {
        ...TEXT,
        tone: 'cinematic',
        aspect_ratio: '9:16',
        language: 'en',
        enable_subtitles: false,
        font_key: 'Poppins',
        outro_image_url: 'https://cdn.example.com/outro.png',
        add_outro_animation: true,
        add_outro_focus_area: true,
        outro_focust_area: { x: 0, y: 0, width: 1024, height: 1792 },
        add_footer_animation: true,
        footer_metadata: [{ url: CTA, title: 'Book now' }],
      },
    });
    expect(before - balance()).toBe(300);
    expect(sc(r).credits).toEqual({ charged: 300, remaining: balance() });
    expect(sc(r).job).toMatchObject({ provider: 'samsar', kind: 'samsar_session' });
    expect(h.text(r)).toContain('wait_for_job');
  });

  it('text_to_video with a generated QR outro sends no derived outro fields', async () => {
    const r = await h.call('samsar_text_to_video', {
      ...TEXT,
      generate_outro_image: true,
      cta_url: CTA,
      cta_text_top: 'Scan',
      cta_logo: 'https://cdn.example.com/logo.png',
    });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(lastWrite().body).toEqual({
      input: {
        ...TEXT,
        generate_outro_image: true,
        cta_url: CTA,
        cta_text_top: 'Scan',
        cta_logo: 'https://cdn.example.com/logo.png',
      },
    });
  });

  it('image_list_to_video takes strings and objects with any URL alias; the avatar implies one narrator', async () => {
    const before = balance();
    const images = [IMG(1), { imageUrl: IMG(2), title: 'Lagoon' }, { src: IMG(3), label: 'Dinner' }];
    const r = await h.call('samsar_image_list_to_video', {
      image_urls: images,
      prompt: 'Teaser',
      metadata: { project: 'launch' },
      video_model: 'HAPPYHORSEI2V',
      add_narrator_avatar: true,
      express_cta_generation: true,
      cta_url: CTA,
      webhook_url: 'https://example.com/hook',
    });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(lastWrite().path).toBe('/video/image_list_to_video');
    expect(lastWrite().body).toEqual({
      input: {
        image_urls: images,
        prompt: 'Teaser',
        metadata: { project: 'launch' },
        video_model: 'HAPPYHORSEI2V',
        add_narrator_avatar: true,
        limit_single_narrator: true,
        express_cta_generation: true,
        cta_url: CTA,
      },
      webhookUrl: 'https://example.com/hook',
    });
    // 3 images x 5 s (HAPPYHORSEI2V's shortest unit) x (36 + 4 avatar + 1 express CTA)/s
    expect(before - balance()).toBe(15 * 41);
    expect(sc(r).credits.charged).toBe(15 * 41);
  });

  it('image_list_to_video footer QR mode: one item per image', async () => {
    const r = await h.call('samsar_image_list_to_video', {
      image_urls: [IMG(1), IMG(2)],
      add_footer_animation: true,
      footer_metadata: [
        { url: CTA, title: 'One' },
        { url: CTA, title: 'Two' },
      ],
      generate_outro_image: true,
      cta_url: CTA,
    });
    expect(r.isError, h.text(r)).toBeFalsy();
  });

  it('external_user sends the /external_users twin, bills that user and returns an extreq_ id', async () => {
    const account = balance();
    const ext = { provider: 'guidestination', external_user_id: 'traveler_123' };
    const r = await h.call('samsar_text_to_video', { ...TEXT, duration: 5, external_user: ext });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(lastWrite().path).toBe('/external_users/text_to_video');
    expect(lastWrite().body).toEqual({ external_user: ext, input: { ...TEXT, duration: 5 } });
    expect(sc(r).result.session_id).toMatch(/^extreq_[0-9a-f]{32}$/);
    expect(sc(r).result.status_endpoint).toContain('/external_users/status');
    expect(sc(r).credits.charged).toBe(150);
    expect(balance()).toBe(account);
    expect(h.sandbox.samsar.externalCredits.get(`${h.sandbox.keys.samsar}|guidestination|traveler_123`)).toBe(
      100_000 - 150,
    );
    const s = await h.call('samsar_get_status', { session_id: sc(r).job.id, external_user: ext });
    expect(s.isError, h.text(s)).toBeFalsy();
    expect(h.sandbox.requests.entries.at(-1)!.path).toBe('/external_users/status');
  });

  it('a font_key not listed for the language is refused from the cached fonts list', async () => {
    const fontsReads = () => h.sandbox.requests.entries.filter((e) => e.path === '/supported_fonts').length;
    const writes = h.sandbox.requests.writes().length;
    const r = await h.call('samsar_text_to_video', { ...TEXT, language: 'ja', font_key: 'Poppins' });
    expect(r.isError).toBe(true);
    expect(sc(r)).toMatchObject({
      code: 'invalid_input',
      fields: [expect.objectContaining({ field: 'font_key' })],
    });
    expect(h.text(r)).toContain('Noto Sans JP');
    const ok = await h.call('samsar_text_to_video', { ...TEXT, language: 'ja', font_key: 'Noto Sans JP' });
    expect(ok.isError, h.text(ok)).toBeFalsy();
    // A language without its own list uses 'default'.
    const de = await h.call('samsar_image_list_to_video', {
      image_urls: [IMG(1)],
      language: 'de',
      font_key: 'Poppins',
    });
    expect(h.text(de)).toContain('Rampart One');
    expect(fontsReads()).toBe(1);
    expect(h.sandbox.requests.writes().length).toBe(writes + 1);
  });

  const TEXT_REFUSALS: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['empty prompt', { prompt: '  ' }, 'prompt', /prompt/],
    ['prompt over 1000 chars', { prompt: 'x'.repeat(1001) }, 'prompt', /prompt/],
    ['duration over 240', { duration: 241 }, 'duration', /duration/],
    ['unknown video model', { video_model: 'SORA' }, 'video_model', /video_model/],
    ['unknown image model', { image_model: 'DALLE' }, 'image_model', /image_model/],
    ['unknown language', { language: 'xx' }, 'language', /language/],
    ['non-http webhook', { webhook_url: 'ftp://example.com/h' }, 'webhook_url', /http/],
    [
      'two outro modes',
      { generate_outro_image: true, cta_url: CTA, outro_image_url: 'https://cdn.example.com/o.png' },
      'outro_image_url',
      /one outro mode/,
    ],
    [
      'generated outro with a focus area',
      { generate_outro_image: true, cta_url: CTA, add_outro_focus_area: true },
      'add_outro_focus_area',
      /omit it/,
    ],
    ['generated outro without cta_url', { generate_outro_image: true }, 'cta_url', /cta_url: required/],
    [
      'focus area without the animation',
      { outro_image_url: IMG(9), add_outro_focus_area: true, outro_focus_area: AREA },
      'add_outro_focus_area',
      /add_outro_animation: true/,
    ],
    [
      'focus area flag without an area',
      { outro_image_url: IMG(9), add_outro_animation: true, add_outro_focus_area: true },
      'outro_focus_area',
      /outro_focus_area: required/,
    ],
    [
      'focus area outside the 16:9 canvas',
      {
        outro_image_url: IMG(9),
        add_outro_animation: true,
        add_outro_focus_area: true,
        outro_focus_area: { x: 1000, y: 0, width: 800, height: 100 },
      },
      'outro_focus_area',
      /1792x1024/,
    ],
    [
      'focus area outside the 9:16 canvas',
      {
        aspect_ratio: '9:16',
        outro_image_url: IMG(9),
        add_outro_animation: true,
        add_outro_focus_area: true,
        outro_focus_area: { x: 0, y: 0, width: 1792, height: 1024 },
      },
      'outro_focus_area',
      /1024x1792/,
    ],
    [
      'outro animation without an outro image',
      { add_outro_animation: true },
      'add_outro_animation',
      /outro_image_url/,
    ],
    [
      'footer animation without items',
      { add_footer_animation: true },
      'footer_metadata',
      /footer_metadata: required/,
    ],
    [
      'footer animation with no items',
      { add_footer_animation: true, footer_metadata: [] },
      'footer_metadata',
      /non-empty/,
    ],
  ];

  it.each(TEXT_REFUSALS)(
    'text_to_video refuses %s, naming %s, and sends nothing',
    async (_c, patch, field, msg) => {
      const writes = h.sandbox.requests.writes().length;
      const r = await h.call('samsar_text_to_video', { ...TEXT, ...patch });
      expect(r.isError).toBe(true);
      expect(h.text(r)).toContain(field);
      expect(h.text(r)).toMatch(msg);
      expect(h.sandbox.requests.writes().length).toBe(writes);
    },
  );

  const LIST_REFUSALS: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['an empty image list', { image_urls: [] }, 'image_urls', /image_urls/],
    ['a non-http image', { image_urls: ['ftp://cdn.example.com/a.png'] }, 'image_urls', /http\(s\)/],
    ['an object without a URL alias', { image_urls: [{ title: 'x' }] }, 'image_urls', /needs an image URL/],
    ['an unknown key', { image_urls: [{ url: IMG(1), caption: 'x' }] }, 'caption', /unknown key/],
    ['express CTA without cta_url', { express_cta_generation: true }, 'cta_url', /cta_url: required/],
    [
      'express CTA with cta_text_top',
      { express_cta_generation: true, cta_url: CTA, cta_text_top: 'Hi' },
      'cta_text_top',
      /express_cta_generation/,
    ],
    [
      'express CTA with cta_text_bottom',
      { express_cta_generation: true, cta_url: CTA, cta_text_bottom: 'Hi' },
      'cta_text_bottom',
      /express_cta_generation/,
    ],
    [
      'express CTA with footer_metadata',
      { express_cta_generation: true, cta_url: CTA, footer_metadata: [{ url: CTA, title: 'A' }] },
      'footer_metadata',
      /express_cta_generation/,
    ],
    [
      'express CTA with an outro image',
      { express_cta_generation: true, cta_url: CTA, outro_image_url: IMG(9) },
      'outro_image_url',
      /one outro mode/,
    ],
    [
      'avatar with limit_single_narrator false',
      { add_narrator_avatar: true, limit_single_narrator: false },
      'limit_single_narrator',
      /one narrator/,
    ],
    [
      'footer items not one per image',
      { add_footer_animation: true, footer_metadata: [{ url: CTA, title: 'A' }] },
      'footer_metadata',
      /one \{url, title\} per image/,
    ],
  ];

  it.each(LIST_REFUSALS)(
    'image_list_to_video refuses %s, naming %s, and sends nothing',
    async (_c, patch, field, msg) => {
      const writes = h.sandbox.requests.writes().length;
      const r = await h.call('samsar_image_list_to_video', { image_urls: [IMG(1), IMG(2)], ...patch });
      expect(r.isError).toBe(true);
      expect(h.text(r)).toContain(field);
      expect(h.text(r)).toMatch(msg);
      expect(h.sandbox.requests.writes().length).toBe(writes);
    },
  );
});
