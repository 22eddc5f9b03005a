/**
 * The Samsar half of the sandbox follows the reference, not a happy path: public routes, 400/401 for
 * missing or wrong keys, 402 when short, 403 for another account's session, 404 unknown, the join
 * rules, external-user compatibility routing. Checked over HTTP and through the tools.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

const TEXT = { prompt: 'A test', image_model: 'SEEDREAM', video_model: 'RUNWAYML', duration: 5 };

describe('samsar sandbox', () => {
  let h: Harness;
  let base: string;
  const api = async (
    method: string,
    path: string,
    body?: unknown,
    key: string | null = h.sandbox.keys.samsar,
  ) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Loose };
  };
  const create = async (input: Record<string, unknown>, key?: string) => {
    const r = await api('POST', '/video/text_to_video', { input: { ...TEXT, ...input } }, key);
    expect(r.status).toBe(200);
    return r.body.session_id as string;
  };

  beforeAll(async () => {
    h = await startHarness({ env: { VIDEOGEN_AUTO_APPROVE_CREDITS: '100000' } });
    base = h.sandbox.samsarBaseUrl;
  });
  afterAll(() => h.close());

  it('answers 400 without a key, 401 for a wrong key, and serves the public lists without one', async () => {
    expect((await api('POST', '/video/text_to_video', { input: TEXT }, null)).status).toBe(400);
    expect((await api('POST', '/video/text_to_video', { input: TEXT }, 'wrong')).status).toBe(401);
    expect((await api('GET', '/video/supported_models', undefined, null)).status).toBe(200);
    expect((await api('GET', '/supported_fonts', undefined, null)).body.fontsByLanguage.ja).toContain(
      'Noto Sans JP',
    );
  });

  it('answers the documented 400s of text_to_video, flat or nested', async () => {
    expect((await api('POST', '/video/text_to_video', { input: { ...TEXT, duration: 241 } })).status).toBe(
      400,
    );
    expect((await api('POST', '/video/text_to_video', { input: { ...TEXT, video_model: 'X' } })).status).toBe(
      400,
    );
    expect((await api('POST', '/video/text_to_video', { input: { ...TEXT, prompt: '' } })).status).toBe(400);
    const flat = await api('POST', '/video/text_to_video', TEXT);
    expect(flat.status).toBe(200);
    expect(flat.headers.get('x-credits-charged')).toBe('150');
    expect((await api('POST', '/video/image_list_to_video', { input: { image_urls: [] } })).status).toBe(400);
  });

  it('ownership: 404 unknown, 403 another account, through the tools with a hint', async () => {
    const theirs = await create({}, h.sandbox.keys.samsarOther);
    const r = await h.call('samsar_get_status', { session_id: theirs });
    expect(r.isError).toBe(true);
    expect(sc(r).code).toBe('upstream_forbidden');
    const latest = await h.call('samsar_fetch_latest_version', { session_id: theirs });
    expect(sc(latest).code).toBe('upstream_forbidden');
    const unknown = await h.call('samsar_get_status', { session_id: 'vid_missing' });
    expect(sc(unknown).code).toBe('upstream_not_found');
    expect(h.text(unknown)).toContain('samsar_list_completed_sessions');
    expect((await api('GET', '/video/fetch_latest_version')).status).toBe(400);
  });

  it('402 when the balance is short: nothing is debited and the tool says what to do', async () => {
    const key = h.sandbox.keys.samsar;
    const saved = h.sandbox.samsar.credits.get(key)!;
    h.sandbox.samsar.credits.set(key, 100);
    try {
      const r = await h.call('samsar_text_to_video', TEXT);
      expect(r.isError).toBe(true);
      expect(sc(r).code).toBe('upstream_payment_required');
      expect(h.sandbox.samsar.credits.get(key)).toBe(100);
    } finally {
      h.sandbox.samsar.credits.set(key, saved);
    }
  });

  it('join: needs completed sessions of the same aspect ratio', async () => {
    const wide = await create({});
    const tall = await create({ aspect_ratio: '9:16' });
    const pending = await api('POST', '/video/join_videos', { input: { session_ids: [wide, tall] } });
    expect(pending.status).toBe(400);
    expect(pending.body.error).toMatch(/no completed video/);
    h.sandbox.samsar.advance(10_001);
    const mixed = await api('POST', '/video/join_videos', { input: { session_ids: [wide, tall] } });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error).toMatch(/aspect_ratio/);
    const other = await create({}, h.sandbox.keys.samsarOther);
    h.sandbox.samsar.advance(10_001);
    expect((await api('POST', '/video/join_videos', { input: { session_ids: [wide, other] } })).status).toBe(
      403,
    );
    expect((await api('POST', '/video/join_videos', { input: { session_ids: [wide, wide] } })).status).toBe(
      400,
    );
    expect(
      (await api('POST', '/video/join_videos', { input: { session_ids: [wide, 'vid_x'] } })).status,
    ).toBe(404);
  });

  it('routes by owner: an extreq_ id on a /video route bills its external user', async () => {
    const ext = { provider: 'p', external_user_id: 'u1', unique_key: 'k1' };
    const made = await api('POST', '/external_users/text_to_video', { external_user: ext, input: TEXT });
    expect(made.body).toMatchObject({ creditsCharged: 150, external_request_id: made.body.session_id });
    h.sandbox.samsar.advance(10_001);
    const account = h.sandbox.samsar.credits.get(h.sandbox.keys.samsar);
    const r = await h.call('samsar_update_footer_image', {
      session_id: made.body.session_id,
      cta_text: 'Go',
    });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(h.sandbox.samsar.credits.get(h.sandbox.keys.samsar)).toBe(account);
    expect(h.sandbox.samsar.externalCredits.get(`${h.sandbox.keys.samsar}|p|k1`)).toBe(100_000 - 150 - 75);
    // Another external user cannot work on it.
    const stranger = await api('POST', '/external_users/add_outro_image', {
      external_user: { provider: 'p', external_user_id: 'u2' },
      input: { request_id: made.body.session_id, outro_image_url: 'https://cdn.example.com/o.png' },
    });
    expect(stranger.status).toBe(403);
  });

  it('cancel: 400 for a finished render; the alias routes answer like the originals', async () => {
    const id = await create({});
    h.sandbox.samsar.advance(10_001);
    expect((await api('POST', '/video/cancel_render', { input: { videoSessionId: id } })).status).toBe(400);
    expect((await api('GET', `/v2/status?request_id=${id}`)).body.status).toBe('COMPLETED');
    const clone = await api('POST', '/v2/video/clone', { input: { videoSessionId: id } });
    expect(clone.body).toMatchObject({ status: 'PENDING', type: 'video', creditsCharged: 0 });
    const re = await api('POST', '/video/retranslate_video', {
      input: { videoSessionId: id, language: 'de' },
    });
    expect(re.status).toBe(400);
  });
});
