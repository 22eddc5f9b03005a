/**
 * Both protocol eras over real Streamable HTTP: 2025 clients get a session, 2026-07-28 clients are
 * served per request without one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, type HttpHarness, startHttpHarness } from '../helpers/http-server.js';

describe('HTTP transport, both eras', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await startHttpHarness();
  });
  afterAll(() => h.close());

  for (const era of ['v1', '2025', '2026'] as const) {
    it(`serves a ${era} client: initialize, tools/list, a free tool call`, async () => {
      const before = h.server.sessions.size;
      const c = await connectClient(h.url, era);
      try {
        const { tools } = await c.listTools();
        expect(tools.map((t) => t.name)).toContain('samsar_list_models');
        const r = await c.callTool('samsar_list_models');
        expect(r.isError).toBeFalsy();
        expect(r.structuredContent?.sandbox).toBe(true);
        expect(c.era()).toBe(era === '2026' ? 'modern' : 'legacy');
        // Only the 2025 era holds a session open on the server.
        expect(h.server.sessions.size).toBe(era === '2026' ? before : before + 1);
      } finally {
        await c.close();
      }
    });
  }
});
