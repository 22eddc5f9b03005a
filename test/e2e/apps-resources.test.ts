/**
 * The views as resources: each `ui://` view reads as one self-contained HTML document (nothing
 * fetched from anywhere) with the MCP Apps MIME type, and its CSP names only where result media
 * come from: the sandbox's origin here, the providers' hosts with real keys. The views stay out of
 * resources/list, for clients with and without the extension alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaOrigins } from '../../src/apps/media-origins.js';
import { UI_EXTENSION_ID, VIEW_MIME_TYPE } from '../../src/apps/ui-extension.js';
import { VIEW_IDS, VIEWS } from '../../src/apps/views.js';
import { loadConfig } from '../../src/config.js';
import type { AppDeps } from '../../src/deps.js';
import { type Loose, requireBuiltViews } from '../apps/browser-host.js';
import { type Harness, startHarness } from '../helpers/harness.js';

describe('MCP Apps view resources', () => {
  let h: Harness;
  let ui: Harness['client'];
  beforeAll(async () => {
    requireBuiltViews();
    h = await startHarness({ era: '2026' });
    ui = await h.connect({ extensions: { [UI_EXTENSION_ID]: { mimeTypes: [VIEW_MIME_TYPE] } } });
  });
  afterAll(() => h.close());

  it('reads each view as one small self-contained HTML document', async () => {
    for (const id of VIEW_IDS) {
      const read = (await ui.readResource({ uri: VIEWS[id].uri })) as Loose;
      expect(read.contents).toHaveLength(1);
      const [view] = read.contents;
      expect(view.uri).toBe(VIEWS[id].uri);
      expect(view.mimeType).toBe(VIEW_MIME_TYPE);
      expect(view.text).toMatch(/^<!doctype html>/);
      // Inline script and style only: no src/href to anywhere, no @import, no CDN.
      expect(view.text, id).not.toMatch(/<script[^>]+src=|<link\b|@import|https?:\/\/(?!www\.w3\.org)/i);
      expect(view.text.length, id).toBeLessThan(32 * 1024);
      expect(view._meta.ui.prefersBorder).toBe(true);
    }
  });

  it('names the sandbox origin, and only it, as where the videos come from', async () => {
    const origin = new URL(h.sandbox.url).origin;
    for (const id of VIEW_IDS) {
      const [view] = ((await ui.readResource({ uri: VIEWS[id].uri })) as Loose).contents;
      if (VIEWS[id].media) expect(view._meta.ui.csp, id).toEqual({ resourceDomains: [origin] });
      else expect(view._meta.ui.csp, id).toBeUndefined();
    }
  });

  it('keeps the views out of resources/list', async () => {
    for (const client of [h.client, ui]) {
      const listed = (await client.listResources()) as Loose;
      expect(listed.resources.map((r: Loose) => r.uri).filter((u: string) => u.startsWith('ui://'))).toEqual(
        [],
      );
    }
  });

  it('with real keys, names the providers’ hosts, their base URLs and the configured download hosts', async () => {
    const config = loadConfig({
      SAMSAR_API_KEY: 'k1',
      SAMAUTOMATION_API_KEY: 'k2',
      SAMSAR_BASE_URL: 'https://proxy.example.org/samsar/v1',
      VIDEOGEN_DOWNLOAD_HOSTS: 'cdn.example.net,*.media.example.com',
    });
    expect(await mediaOrigins({ config } as AppDeps)).toEqual([
      'https://*.samsar.one',
      'https://samsar.one',
      'https://*.samautomation.work',
      'https://samautomation.work',
      'https://proxy.example.org',
      'https://cdn.example.net',
      'https://*.media.example.com',
      'https://media.example.com',
    ]);
  });
});
