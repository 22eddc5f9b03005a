/**
 * MCP Apps are negotiated, never imposed: a client that declares the UI extension sees each view
 * tool's `_meta.ui.resourceUri` and gets the view data in results' `_meta`; a client that does not
 * gets tools/list and results exactly as before (same tools, same text, same structured content),
 * on both protocol eras and the v1 SDK client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEW_META_KEY } from '../../src/apps/result-meta.js';
import { UI_EXTENSION_ID, VIEW_MIME_TYPE } from '../../src/apps/ui-extension.js';
import { type Era, type Harness, startHarness } from '../helpers/harness.js';
import { RENDER } from '../helpers/jobs.js';

const UI = { extensions: { [UI_EXTENSION_ID]: { mimeTypes: [VIEW_MIME_TYPE] } } };

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;

const VIEW_OF: Record<string, string> = {
  estimate_cost: 'ui://videogen/quote',
  spending_report: 'ui://videogen/spending',
  download_video: 'ui://videogen/player',
  wait_for_job: 'ui://videogen/render',
  samsar_text_to_video: 'ui://videogen/render',
  samsar_clone_video: 'ui://videogen/render',
  samautomation_create_ai_job: 'ui://videogen/render',
  samautomation_buy_video_pack: 'ui://videogen/render',
};

/** The same result with what varies per call (tokens, times, usage counters) replaced by placeholders. */
function normalized(result: Loose): Loose {
  let text = JSON.stringify(result);
  const sc = result.structuredContent ?? {};
  for (const [value, name] of [
    [sc.confirmation_token, '<token>'],
    [sc.expires_at, '<expires>'],
  ] as const) {
    if (typeof value === 'string') text = text.split(value).join(name);
  }
  text = text
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:00)/g, '<time>')
    .replace(/(usage_count\\?":)\d+/g, (_all, key: string) => `${key}0`);
  return JSON.parse(text);
}

const withoutViewMeta = (result: Loose): Loose => {
  const { [VIEW_META_KEY]: _view, ...meta } = (result._meta ?? {}) as Loose;
  const { _meta: _all, ...rest } = result;
  return Object.keys(meta).length ? { ...rest, _meta: meta } : rest;
};

describe.each(['2025', '2026', 'v1'] as Era[])('MCP Apps negotiation (%s client)', (era) => {
  let h: Harness;
  let ui: Harness['client'];
  beforeAll(async () => {
    h = await startHarness({ era, env: { VIDEOGEN_DAILY_CREDIT_BUDGET: '2000' } });
    ui = await h.connect(UI);
  });
  afterAll(() => h.close());

  const call = async (client: Harness['client'], name: string, args: Record<string, unknown>) =>
    (await client.callTool({ name, arguments: args })) as Loose;

  it('lists the same tools either way; only the extension adds _meta.ui, on the view tools', async () => {
    const plain = (await h.client.listTools()).tools as Loose[];
    const rich = (await ui.listTools()).tools as Loose[];
    expect(JSON.stringify(plain)).not.toMatch(/"ui\/resourceUri"|"ui":/);
    // Without the extension each tool's _meta is the manifest's, nothing more.
    for (const t of plain) {
      expect(t._meta, t.name).toEqual(h.app.deps.toolManifest.find((m) => m.name === t.name)!.meta);
    }
    const stripped = rich.map(({ _meta, ...t }) => {
      const { ui: _ui, 'ui/resourceUri': _legacy, ...rest } = _meta as Loose;
      return { ...t, _meta: rest };
    });
    expect(JSON.stringify(stripped)).toBe(JSON.stringify(plain));
    for (const [name, uri] of Object.entries(VIEW_OF)) {
      const t = rich.find((x) => x.name === name)!;
      expect(t._meta.ui, name).toEqual({ resourceUri: uri });
      expect(t._meta['ui/resourceUri'], name).toBe(uri);
    }
    for (const name of ['samsar_list_models', 'samsar_get_status', 'samautomation_list_templates']) {
      expect(rich.find((x) => x.name === name)!._meta.ui, name).toBeUndefined();
    }
  });

  it('answers view tools identically without the extension, and adds the view data with it', async () => {
    const calls: Array<[string, Record<string, unknown>]> = [
      ['estimate_cost', { tool: 'samsar_text_to_video', arguments: RENDER }],
      ['samsar_text_to_video', RENDER], // confirmation required
      ['spending_report', {}],
      ['samsar_list_models', {}],
    ];
    for (const [name, args] of calls) {
      const plain = await call(h.client, name, args);
      const rich = await call(ui, name, args);
      expect(plain._meta?.[VIEW_META_KEY], name).toBeUndefined();
      expect(normalized(withoutViewMeta(rich)), name).toEqual(normalized(plain));
      if (name === 'samsar_list_models') {
        expect(rich._meta?.[VIEW_META_KEY]).toBeUndefined();
        continue;
      }
      expect(rich._meta[VIEW_META_KEY].tool, name).toBe(name);
    }
    const quote = await call(ui, 'estimate_cost', { tool: 'samsar_text_to_video', arguments: RENDER });
    expect(quote._meta[VIEW_META_KEY].budget).toEqual({
      daily_limit: 2000,
      spent_today: 0,
      left_today: 2000,
    });
  });
});
