/**
 * Samsar tools that work on existing sessions, through a real MCP client against the sandbox:
 * the documented request for each, the new session rendering on the stepped sandbox clock, the
 * credits debited (flat 75, 3/s of the source), and the cross-field refusals that send nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

const TEXT = { prompt: 'Clouds over a city', image_model: 'GPTIMAGE2', video_model: 'RUNWAYML' };
const CTA = 'https://example.com/book';
const OUTRO = 'https://cdn.example.com/outro.png';
const EXT = { provider: 'guidestination', external_user_id: 'traveler_9' };

describe('samsar session tools', () => {
  let h: Harness;
  let a: string;
  let b: string;
  const balance = () => h.sandbox.samsar.credits.get(h.sandbox.keys.samsar)!;
  const lastWrite = () => h.sandbox.requests.writes('samsar').at(-1)!;
  const finish = () => h.sandbox.samsar.advance(10_001);

  async function render(args: Record<string, unknown>): Promise<string> {
    const r = await h.call('samsar_text_to_video', { ...TEXT, ...args });
    expect(r.isError, h.text(r)).toBeFalsy();
    return sc(r).job.id;
  }

  /** Calls a tool that starts a session, checks the request it sent, returns the new id. */
  async function derive(
    tool: string,
    args: Record<string, unknown>,
    path: string,
    input: Record<string, unknown>,
  ) {
    const r = await h.call(tool, args);
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(lastWrite().path).toBe(path);
    expect(lastWrite().body).toMatchObject({ input });
    expect(sc(r).job).toMatchObject({ provider: 'samsar', kind: 'samsar_session' });
    expect(h.text(r)).toContain('wait_for_job');
    return { id: sc(r).job.id as string, r };
  }

  beforeAll(async () => {
    h = await startHarness({ env: { VIDEOGEN_AUTO_APPROVE_CREDITS: '100000' } });
    a = await render({ duration: 10, language: 'en', outro_image_url: OUTRO });
    b = await render({ duration: 7 });
    finish();
  });
  afterAll(() => h.close());

  it('a session moves PENDING -> stages -> COMPLETED on the stepped clock, with its MP4 served', async () => {
    const id = await render({ duration: 5 });
    const first = await h.call('samsar_get_status', { session_id: id });
    expect(sc(first).result).toMatchObject({
      status: 'PENDING',
      expressGenerationStatus: { prompt_generation: 'IN_PROGRESS' },
    });
    expect(h.text(first)).toContain('wait_for_job');
    h.sandbox.samsar.advance(5_000);
    const mid = sc(await h.call('samsar_get_status', { session_id: id })).result;
    expect(mid.expressGenerationStatus.prompt_generation).toBe('COMPLETED');
    expect(mid.status).toBe('PENDING');
    const pending = await h.call('samsar_fetch_latest_version', { session_id: id });
    expect(pending.isError, h.text(pending)).toBeFalsy();
    expect(sc(pending).result).toMatchObject({ status: 'PENDING', message: 'Render not ready yet.' });
    finish();
    const done = await h.call('samsar_get_status', { session_id: id });
    expect(sc(done).result).toMatchObject({
      status: 'COMPLETED',
      has_subtitles: true,
      result_language: 'en',
    });
    const latest = await h.call('samsar_fetch_latest_version', { session_id: id });
    expect(sc(latest).result.result_url).toBe(sc(done).result.result_url);
    const file = await fetch(sc(done).result.result_url);
    expect(file.headers.get('content-type')).toBe('video/mp4');
    expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(100);
  });

  it('clone is free and sends videoSessionId', async () => {
    const before = balance();
    const { r } = await derive(
      'samsar_clone_video',
      { session_id: a, webhook_url: 'https://example.com/h' },
      '/video/clone',
      {
        videoSessionId: a,
      },
    );
    expect(lastWrite().body).toEqual({ input: { videoSessionId: a }, webhookUrl: 'https://example.com/h' });
    expect(sc(r).result).toMatchObject({ status: 'PENDING', creditsCharged: 0 });
    expect(balance()).toBe(before);
  });

  it('translate costs 3/s of the source and renders in the new language', async () => {
    const before = balance();
    const { id, r } = await derive(
      'samsar_translate_video',
      { session_id: a, language: 'es', enable_subtitles: true, translate_outro: false },
      '/video/translate_video',
      { videoSessionId: a, language: 'es', enable_subtitles: true, translate_outro: false },
    );
    expect(before - balance()).toBe(30);
    expect(sc(r).credits.charged).toBe(30);
    finish();
    expect(sc(await h.call('samsar_get_status', { session_id: id })).result.result_language).toBe('es');
  });

  it('join costs 3/s of the joined length and lasts the sum', async () => {
    const before = balance();
    const { id } = await derive(
      'samsar_join_videos',
      { session_ids: [a, b], blend_scenes: true },
      '/video/join_videos',
      { session_ids: [a, b], blend_scenes: true },
    );
    expect(before - balance()).toBe(51);
    expect(h.sandbox.samsar.sessions.get(id)!.durationSeconds).toBe(17);
  });

  it('subtitles: remove and add re-render for free', async () => {
    const before = balance();
    const { id: off } = await derive(
      'samsar_remove_subtitles',
      { session_id: a },
      '/video/remove_subtitles',
      { videoSessionId: a },
    );
    const { id: on } = await derive('samsar_add_subtitles', { session_id: b }, '/video/add_subtitles', {
      videoSessionId: b,
    });
    finish();
    expect(sc(await h.call('samsar_get_status', { session_id: off })).result.has_subtitles).toBe(false);
    expect(sc(await h.call('samsar_get_status', { session_id: on })).result.has_subtitles).toBe(true);
    expect(balance()).toBe(before);
  });

  it('outro and footer tools cost a flat 75 each and send the documented fields', async () => {
    const before = balance();
    await derive(
      'samsar_add_outro_image',
      {
        session_id: a,
        outro_image_url: OUTRO,
        add_outro_animation: true,
        add_outro_focus_area: true,
        outro_focus_area: { x: 240, y: 140, width: 720, height: 420 },
      },
      '/video/add_outro_image',
      {
        videoSessionId: a,
        outro_image_url: OUTRO,
        add_outro_animation: true,
        add_outro_focus_area: true,
        outro_focust_area: { x: 240, y: 140, width: 720, height: 420 },
      },
    );
    await derive(
      'samsar_add_outro_image',
      { session_id: a, outro_image_url: 'data:image/png;base64,iVBORw0KGgo=' },
      '/video/add_outro_image',
      { outro_image_url: 'data:image/png;base64,iVBORw0KGgo=' },
    );
    await derive(
      'samsar_update_outro_image',
      {
        session_id: a,
        generate_outro_image: true,
        cta_url: CTA,
        cta_text_top: 'Scan',
        add_outro_animation: true,
      },
      '/video/update_outro_image',
      {
        videoSessionId: a,
        generate_outro_image: true,
        cta_url: CTA,
        cta_text_top: 'Scan',
        add_outro_animation: true,
      },
    );
    await derive('samsar_update_outro_image', { session_id: a, cta_url: CTA }, '/video/update_outro_image', {
      cta_url: CTA,
    });
    await derive(
      'samsar_update_outro_image',
      { session_id: a, outro_image_url: OUTRO },
      '/video/update_outro_image',
      {
        outro_image_url: OUTRO,
      },
    );
    await derive(
      'samsar_update_footer_image',
      { session_id: a, cta_text: 'Scan to book', cta_url: CTA },
      '/video/update_footer_image',
      { videoSessionId: a, cta_text: 'Scan to book', cta_url: CTA },
    );
    await derive(
      'samsar_update_footer_image',
      { session_id: a, remove_footer: true },
      '/video/update_footer_image',
      {
        remove_footer: true,
      },
    );
    expect(before - balance()).toBe(7 * 75);
    // update_outro_image needs a session whose last layer is an outro.
    const plain = await h.call('samsar_update_outro_image', { session_id: b, cta_url: CTA });
    expect(sc(plain).code).toBe('upstream_bad_request');
    expect(h.text(plain)).toContain('add_outro_image');
    expect(before - balance()).toBe(7 * 75);
  });

  it('external twins send request_id beside external_user and bill that user', async () => {
    const src = await render({ duration: 4, external_user: EXT, generate_outro_image: true, cta_url: CTA });
    finish();
    const extKey = `${h.sandbox.keys.samsar}|guidestination|traveler_9`;
    const account = balance();
    const ext0 = h.sandbox.samsar.externalCredits.get(extKey)!;
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['samsar_add_outro_image', { outro_image_url: OUTRO }, '/external_users/add_outro_image'],
      [
        'samsar_update_outro_image',
        { generate_outro_image: true, cta_url: CTA },
        '/external_users/update_outro_image',
      ],
      ['samsar_update_footer_image', { cta_text: 'Book' }, '/external_users/update_footer_image'],
      ['samsar_translate_video', { language: 'fr' }, '/external_users/translate_video'],
    ];
    for (const [tool, args, path] of cases) {
      const { r } = await derive(tool, { session_id: src, external_user: EXT, ...args }, path, {
        request_id: src,
        ...args,
      });
      expect(lastWrite().body).toMatchObject({ external_user: EXT });
      expect(sc(r).result.external_request_id).toMatch(/^extreq_/);
    }
    expect(balance()).toBe(account);
    expect(ext0 - h.sandbox.samsar.externalCredits.get(extKey)!).toBe(3 * 75 + 4 * 3);
  });

  it('cancel stops a pending render; lists and latest version reflect it', async () => {
    const id = await render({ duration: 5 });
    const r = await h.call('samsar_cancel_render', { session_id: id });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(lastWrite()).toMatchObject({
      path: '/video/cancel_render',
      body: { input: { videoSessionId: id } },
    });
    expect(sc(r).result).toMatchObject({ status: 'CANCELLED', cancelled: true });
    finish();
    expect(sc(await h.call('samsar_get_status', { session_id: id })).result.status).toBe('CANCELLED');
    expect(sc(await h.call('samsar_fetch_latest_version', { session_id: id })).result.status).toBe(
      'CANCELLED',
    );
    const list = await h.call('samsar_list_completed_sessions', { limit: 2 });
    expect(list.isError, h.text(list)).toBeFalsy();
    expect(h.sandbox.requests.entries.at(-1)!.query).toEqual({ limit: '2' });
    const rows = sc(list).result as Loose[];
    expect(rows).toHaveLength(2);
    expect(rows.map((x) => x.session_id)).not.toContain(id);
    expect(rows[0]).toMatchObject({ langauge: expect.any(String), result_language: expect.any(String) });
    const all = sc(await h.call('samsar_list_completed_sessions', {})).result as Loose[];
    expect(all.map((x) => x.session_id)).toEqual(expect.arrayContaining([a, b]));
  });

  it('list_fonts reads the public route', async () => {
    const r = await h.call('samsar_list_fonts');
    expect(r.isError).toBeFalsy();
    expect(sc(r).result.fontsByLanguage.en).toContain('Poppins');
    expect(h.sandbox.requests.entries.at(-1)!.headers.authorization).toBeUndefined();
  });

  it('upstream errors come back as tool errors with a hint: unknown session, unfinished source', async () => {
    const unknown = await h.call('samsar_clone_video', { session_id: 'vid_nope' });
    expect(unknown.isError).toBe(true);
    expect(sc(unknown).code).toBe('upstream_not_found');
    const pending = await render({ duration: 5 });
    const early = await h.call('samsar_clone_video', { session_id: pending });
    expect(early.isError).toBe(true);
    expect(h.text(early)).toMatch(/no completed video/);
    // A paid call on an unfinished source is refused while quoting: nothing is sent or charged.
    const writes = h.sandbox.requests.writes().length;
    const t = await h.call('samsar_translate_video', { session_id: pending, language: 'es' });
    expect(t.isError).toBe(true);
    expect(h.sandbox.requests.writes().length).toBe(writes);
  });

  const REFUSALS: Array<[string, string, Record<string, unknown>, string, RegExp]> = [
    ['samsar_join_videos', 'one session', { session_ids: ['vid_a'] }, 'session_ids', /session_ids/],
    ['samsar_join_videos', 'a duplicate', { session_ids: ['vid_a', 'vid_a'] }, 'session_ids', /duplicate/],
    ['samsar_update_footer_image', 'no CTA field', { session_id: 'vid_a' }, 'cta_text', /remove_footer/],
    [
      'samsar_update_footer_image',
      'a non-http cta_url',
      { session_id: 'vid_a', cta_url: 'javascript:alert(1)' },
      'cta_url',
      /http/,
    ],
    [
      'samsar_update_outro_image',
      'no mode',
      { session_id: 'vid_a' },
      'outro_image_url',
      /generate_outro_image/,
    ],
    [
      'samsar_update_outro_image',
      'generate without cta_url',
      { session_id: 'vid_a', generate_outro_image: true },
      'cta_url',
      /required/,
    ],
    [
      'samsar_update_outro_image',
      'an image and a CTA outro',
      { session_id: 'vid_a', outro_image_url: OUTRO, generate_outro_image: true, cta_url: CTA },
      'generate_outro_image',
      /omit it/,
    ],
    [
      'samsar_update_outro_image',
      'a focus area on a generated outro',
      { session_id: 'vid_a', cta_url: CTA, add_outro_focus_area: true },
      'add_outro_focus_area',
      /computes its focus area/,
    ],
    [
      'samsar_add_outro_image',
      'a focus area without animation',
      {
        session_id: 'vid_a',
        outro_image_url: OUTRO,
        add_outro_focus_area: true,
        outro_focus_area: { x: 0, y: 0, width: 10, height: 10 },
      },
      'add_outro_focus_area',
      /add_outro_animation/,
    ],
    [
      'samsar_add_outro_image',
      'a focus area outside both canvases',
      {
        session_id: 'vid_a',
        outro_image_url: OUTRO,
        add_outro_animation: true,
        add_outro_focus_area: true,
        outro_focus_area: { x: 0, y: 0, width: 1792, height: 1792 },
      },
      'outro_focus_area',
      /canvas/,
    ],
    [
      'samsar_add_outro_image',
      'a missing outro image',
      { session_id: 'vid_a' },
      'outro_image_url',
      /outro_image_url/,
    ],
    [
      'samsar_add_outro_image',
      'a non-image data URL',
      { session_id: 'vid_a', outro_image_url: 'data:text/html;base64,PGI+' },
      'outro_image_url',
      /data:image/,
    ],
    [
      'samsar_translate_video',
      'an undocumented language',
      { session_id: 'vid_a', language: 'de' },
      'language',
      /language/,
    ],
    ['samsar_list_completed_sessions', 'a limit over 5000', { limit: 5001 }, 'limit', /limit/],
    [
      'samsar_add_outro_image',
      'the wire spelling instead of the argument name',
      { session_id: 'vid_a', outro_image_url: OUTRO, outro_focust_area: { x: 0, y: 0, width: 9, height: 9 } },
      'outro_focust_area',
      /unknown key \(did you mean outro_focus_area\?\)/,
    ],
    ['samsar_clone_video', 'the route field name', { videoSessionId: 'vid_a' }, 'session_id', /session_id/],
    ['samsar_cancel_render', 'an empty session id', { session_id: ' ' }, 'session_id', /session_id/],
  ];

  it.each(REFUSALS)('%s refuses %s, naming %s, and sends nothing', async (tool, _c, args, field, msg) => {
    const count = h.sandbox.requests.entries.length;
    const r = await h.call(tool, args);
    expect(r.isError).toBe(true);
    expect(h.text(r)).toContain(field);
    expect(h.text(r)).toMatch(msg);
    expect(h.sandbox.requests.entries.length).toBe(count);
  });
});
