/**
 * Templates and video packs through a real MCP client against the sandbox: the documented requests
 * with the X-API-Key header, CRUD with ownership, apply with overrides and {{variables}}, refusals
 * that send nothing, and a video-pack checkout that only ever returns a link for a person to pay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

const SETTINGS = {
  output_settings: { aspect_ratio: '9:16', framerate: 30 },
  caption_elements: [{ text_content: '{{headline}} at {{city}}', start_time: 0, duration: 2 }],
  render_options: { quality: 'high' },
};

describe('samautomation templates', () => {
  let h: Harness;
  let id: string;
  const last = () => h.sandbox.requests.entries.filter((r) => r.provider === 'samautomation').at(-1)!;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('creates a template with the documented body and the X-API-Key header only', async () => {
    const r = await h.call('samautomation_create_template', {
      name: 'My 9:16 Promo',
      description: 'Short promo style with captions',
      category: 'marketing',
      is_public: false,
      settings: SETTINGS,
    });
    expect(r.isError, h.text(r)).toBeFalsy();
    const req = last();
    expect(req).toMatchObject({ method: 'POST', path: '/api/templates/', query: {} });
    expect(req.headers['x-api-key']).toBe(h.sandbox.keys.samautomation);
    expect(req.body).toEqual({
      name: 'My 9:16 Promo',
      description: 'Short promo style with captions',
      category: 'marketing',
      is_public: false,
      settings: SETTINGS,
    });
    id = sc(r).result.data.id;
    expect(id).toBeTruthy();
    expect(h.text(r)).toContain(`Template ${id} created`);
  });

  it('lists own templates, and public ones on request, filtered by category', async () => {
    const own = await h.call('samautomation_list_templates');
    expect(sc(own).result.data.templates.map((t: Loose) => t.id)).toEqual([id]);
    const all = await h.call('samautomation_list_templates', { include_public: true, category: 'marketing' });
    expect(last().path).toBe('/api/templates/list/');
    expect(last().query).toEqual({ include_public: 'true', category: 'marketing' });
    const names = sc(all).result.data.templates.map((t: Loose) => t.name);
    expect(names).toEqual(expect.arrayContaining(['My 9:16 Promo', 'Vertical promo']));
    expect(names).not.toContain('Square social post');
  });

  it('reads one template', async () => {
    const r = await h.call('samautomation_get_template', { template_id: id });
    expect(last()).toMatchObject({ method: 'GET', path: `/api/templates/${id}/` });
    expect(sc(r).result.data.settings).toEqual(SETTINGS);
  });

  it('updates only the fields given', async () => {
    const r = await h.call('samautomation_update_template', { template_id: id, category: 'social' });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(last()).toMatchObject({
      method: 'PUT',
      path: `/api/templates/${id}/`,
      body: { category: 'social' },
    });
    expect(sc(r).result.data).toMatchObject({
      name: 'My 9:16 Promo',
      category: 'social',
      settings: SETTINGS,
    });
  });

  it('applies a template: overrides deep-merged, {{variables}} filled, missing ones reported', async () => {
    const r = await h.call('samautomation_apply_template', {
      template_id: id,
      settings: { output_settings: { resolution: '1080p' } },
      variables: { headline: 'Launch day' },
    });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(last()).toMatchObject({
      method: 'POST',
      path: `/api/templates/${id}/apply/`,
      body: { settings: { output_settings: { resolution: '1080p' } }, variables: { headline: 'Launch day' } },
    });
    const data = sc(r).result.data;
    expect(data.settings.output_settings).toEqual({
      aspect_ratio: '9:16',
      framerate: 30,
      resolution: '1080p',
    });
    expect(data.settings.caption_elements[0].text_content).toBe('Launch day at {{city}}');
    expect(data.missing_variables).toEqual(['city']);
    expect(h.text(r)).toContain('unfilled variables: city');
  });

  it("keeps a typed placeholder in a checked field and fills it with the variable's type", async () => {
    const c = await h.call('samautomation_create_template', {
      name: 'Any ratio',
      settings: { output_settings: { aspect_ratio: '{{ratio}}', framerate: '{{fps}}' } },
    });
    expect(c.isError, h.text(c)).toBeFalsy();
    const tid = sc(c).result.data.id;
    const r = await h.call('samautomation_apply_template', {
      template_id: tid,
      variables: { ratio: '1:1', fps: 24 },
    });
    expect(sc(r).result.data.settings.output_settings).toEqual({ aspect_ratio: '1:1', framerate: 24 });
    expect(sc(r).result.data.missing_variables).toEqual([]);
    await h.call('samautomation_delete_template', { template_id: tid });
  });

  it('renders a free advanced preview from a saved template by template_id', async () => {
    const c = await h.call('samautomation_create_template', {
      name: 'Clip preset',
      settings: {
        output_settings: { aspect_ratio: '16:9', resolution: '720p', framerate: 30 },
        media_inputs: { main_clips: [{ type: 'image', url: 'https://cdn.example.com/a.jpg', duration: 3 }] },
      },
    });
    const tid = sc(c).result.data.id;
    const r = await h.call('samautomation_advanced_video', {
      template_id: tid,
      render_options: { mode: 'preview' },
    });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(last().body).toEqual({ config: { template_id: tid, render_options: { mode: 'preview' } } });
    expect(sc(r).result.data.preview_url).toBeTruthy();
    await h.call('samautomation_delete_template', { template_id: tid });
    const gone = await h.call('samautomation_advanced_video', {
      template_id: tid,
      render_options: { mode: 'preview' },
    });
    expect(sc(gone).status).toBe(404);
  });

  it.each([
    ['an empty name', 'samautomation_create_template', { name: ' ', settings: {} }, /name/],
    ['no settings', 'samautomation_create_template', { name: 'x' }, /settings/],
    [
      'an aspect ratio outside the matrix',
      'samautomation_create_template',
      { name: 'x', settings: { output_settings: { aspect_ratio: '4:3' } } },
      /aspect_ratio/,
    ],
    [
      'a framerate over 60',
      'samautomation_create_template',
      { name: 'x', settings: { output_settings: { framerate: 61 } } },
      /framerate/,
    ],
    [
      'an unknown render quality',
      'samautomation_apply_template',
      { template_id: 'abc', settings: { render_options: { quality: 'ultra' } } },
      /quality/,
    ],
    [
      'an update with nothing to change',
      'samautomation_update_template',
      { template_id: 'abc' },
      /at least one/,
    ],
    [
      'is_public as a string',
      'samautomation_update_template',
      { template_id: 'abc', is_public: 'yes' },
      /is_public/,
    ],
  ])('refuses %s and sends nothing', async (_what, tool, args, message) => {
    const before = h.sandbox.requests.entries.length;
    const r = await h.call(tool, args);
    expect(r.isError).toBe(true);
    expect(h.text(r)).toMatch(message);
    expect(h.sandbox.requests.entries.length).toBe(before);
  });

  it('encodes a template id as one path segment', async () => {
    const r = await h.call('samautomation_get_template', { template_id: '../list' });
    expect(r.isError).toBe(true);
    expect(last().path).toBe('/api/templates/..%2Flist/');
    expect(sc(r)).toMatchObject({ code: 'upstream_not_found', status: 404 });
    expect(h.text(r)).toContain('samautomation_list_templates');
  });

  it('refuses to change a public template of another account (403)', async () => {
    const all = await h.call('samautomation_list_templates', { include_public: true });
    const publicId = sc(all).result.data.templates.find((t: Loose) => !t.is_owner).id;
    const r = await h.call('samautomation_delete_template', { template_id: publicId });
    expect(sc(r)).toMatchObject({ code: 'upstream_forbidden', status: 403 });
    const still = await h.call('samautomation_get_template', { template_id: publicId });
    expect(still.isError).toBeFalsy();
  });

  it('deletes a template for good: later reads are 404', async () => {
    const r = await h.call('samautomation_delete_template', { template_id: id });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(last()).toMatchObject({ method: 'DELETE', path: `/api/templates/${id}/` });
    const gone = await h.call('samautomation_get_template', { template_id: id });
    expect(sc(gone)).toMatchObject({ code: 'upstream_not_found', status: 404 });
    const again = await h.call('samautomation_delete_template', { template_id: id });
    expect(sc(again).status).toBe(404);
    const list = await h.call('samautomation_list_templates');
    expect(sc(list).result.data.templates).toEqual([]);
  });

  it('declares delete destructive and the reads read-only (absent hints mean the MCP defaults)', async () => {
    const { tools } = await h.client.listTools();
    const hints = (n: string) => ({
      readOnlyHint: false,
      destructiveHint: true,
      ...tools.find((t: Loose) => t.name === n).annotations,
    });
    expect(hints('samautomation_delete_template')).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
    });
    expect(hints('samautomation_list_templates').readOnlyHint).toBe(true);
    expect(hints('samautomation_create_template')).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
    });
  });
});

describe('samautomation video packs', () => {
  let h: Harness;
  const writes = () => h.sandbox.requests.writes('samautomation').length;
  beforeAll(async () => {
    // Even a huge auto-approve threshold never covers money.
    h = await startHarness({
      env: { VIDEOGEN_AUTO_APPROVE_CREDITS: '1000000', VIDEOGEN_AUTO_APPROVE_QUOTA: '1' },
    });
  });
  afterAll(() => h.close());

  it('refuses to create a checkout without a confirmation and sends nothing', async () => {
    const before = writes();
    const r = await h.call('samautomation_buy_video_pack', { pack_id: '2' });
    expect(r.isError).toBe(true);
    expect(sc(r).code).toBe('confirmation_required');
    expect(h.text(r)).toContain('checkout link');
    expect(writes()).toBe(before);
  });

  it('with a confirmation, returns a checkout link for a person and pays nothing itself', async () => {
    const e = await h.call('estimate_cost', {
      tool: 'samautomation_buy_video_pack',
      arguments: { pack_id: '2' },
    });
    expect(sc(e)).toMatchObject({ billing: 'money', credits: 0 });
    const r = await h.call('samautomation_buy_video_pack', {
      pack_id: '2',
      confirmation_token: sc(e).confirmation_token,
    });
    expect(r.isError, h.text(r)).toBeFalsy();
    const req = h.sandbox.requests.writes('samautomation').at(-1)!;
    expect(req).toMatchObject({ method: 'POST', path: '/api/video-packs/2/buy/', body: undefined });
    const url = sc(r).result.checkout_url as string;
    expect(h.text(r)).toContain(url);
    expect(h.text(r)).toMatch(/person/);
    const page = await fetch(url);
    expect(await page.text()).toContain('no payment is taken');
  });

  it('reports an unknown pack as not found', async () => {
    const e = await h.call('estimate_cost', {
      tool: 'samautomation_buy_video_pack',
      arguments: { pack_id: '99' },
    });
    const r = await h.call('samautomation_buy_video_pack', {
      pack_id: '99',
      confirmation_token: sc(e).confirmation_token,
    });
    expect(sc(r)).toMatchObject({ code: 'upstream_not_found', status: 404 });
  });
});

describe.each(['2025', '2026', 'v1'] as const)('video pack checkout asked of a person (%s client)', (era) => {
  it('sends only after the person accepts, and never on decline', async () => {
    for (const action of ['decline', 'accept'] as const) {
      const h = await startHarness({
        era,
        elicit: () => (action === 'accept' ? { action, content: { confirm: true } } : { action }),
      });
      try {
        const r = await h.call('samautomation_buy_video_pack', { pack_id: '1' });
        expect(h.elicitations).toEqual([
          'This will create a checkout link to buy a video pack (pack 1). Proceed?',
        ]);
        const sent = h.sandbox.requests.writes('samautomation');
        if (action === 'decline') {
          expect(r.isError).toBe(true);
          expect(sent).toEqual([]);
        } else {
          expect(r.isError, h.text(r)).toBeFalsy();
          expect(sent.map((s) => s.path)).toEqual(['/api/video-packs/1/buy/']);
          expect(sc(r).cost).toMatchObject({ billing: 'money', confirmed_by: 'elicitation' });
        }
        // The API key goes upstream in the header and nowhere else.
        const seen = JSON.stringify(r) + h.logs.join('\n');
        expect(seen).not.toContain(h.sandbox.keys.samautomation);
      } finally {
        await h.close();
      }
    }
  });
});

describe.each(['2026', 'v1'] as const)('templates through a %s client', (era) => {
  it('creates, applies and deletes a template', async () => {
    const h = await startHarness({ era });
    try {
      const c = await h.call('samautomation_create_template', { name: 'Era test', settings: { a: '{{x}}' } });
      expect(c.isError, h.text(c)).toBeFalsy();
      const tid = sc(c).result.data.id;
      const a = await h.call('samautomation_apply_template', { template_id: tid, variables: { x: 'y' } });
      expect(sc(a).result.data.settings).toEqual({ a: 'y' });
      const d = await h.call('samautomation_delete_template', { template_id: tid });
      expect(d.isError, h.text(d)).toBeFalsy();
      expect(h.sandbox.requests.writes('samautomation').map((r) => `${r.method} ${r.path}`)).toEqual([
        'POST /api/templates/',
        `POST /api/templates/${tid}/apply/`,
        `DELETE /api/templates/${tid}/`,
      ]);
    } finally {
      await h.close();
    }
  });
});
