/**
 * The built bin serves the views as a user runs it: over stdio, from the bundle, a client with the
 * UI extension sees the view tools and reads the HTML that `npm run build` wrote to dist/apps/.
 */
import { Client } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { UI_EXTENSION_ID, VIEW_MIME_TYPE } from '../../src/apps/ui-extension.js';
import { type Loose, requireBuiltViews } from '../apps/browser-host.js';
import { sandboxBinTransport } from '../helpers/spawn-bin.js';

describe('MCP Apps from the built bin', () => {
  it('lists the view tools and reads a view, for a client with the extension', async () => {
    requireBuiltViews();
    const c = new Client({ name: 'apps-bundle', version: '1.0.0' }, {
      capabilities: { extensions: { [UI_EXTENSION_ID]: { mimeTypes: [VIEW_MIME_TYPE] } } },
    } as never);
    await c.connect(sandboxBinTransport());
    try {
      const tools = (await c.listTools()).tools as Loose[];
      const uri = tools.find((t) => t.name === 'estimate_cost')?._meta?.ui?.resourceUri;
      expect(uri).toBe('ui://videogen/quote');
      const [view] = ((await c.readResource({ uri })) as Loose).contents;
      expect(view.mimeType).toBe(VIEW_MIME_TYPE);
      expect(view.text).toContain('<main id="view"');
      expect(view._meta.ui.csp.resourceDomains).toEqual([
        expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      ]);
    } finally {
      await c.close();
    }
  });
});
