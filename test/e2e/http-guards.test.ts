/**
 * The HTTP guard rules, each against the real transport: Host and Origin (DNS rebinding), the
 * bearer token and the endpoint path. The body limit, batches and sessions have their own files
 * (http-body-limit, http-batches, http-sessions).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectClient,
  type HttpHarness,
  INITIALIZE_BODY,
  rawRequest,
  startHttpHarness,
} from '../helpers/http-server.js';

const TOKEN = 'test-token-0123456789abcdef';

describe('HTTP guards with default settings', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await startHttpHarness({ VIDEOGEN_HTTP_ALLOWED_HOSTS: 'mcp.example.test' });
  });
  afterAll(() => h.close());

  it('refuses a foreign Host header with 403 and serves loopback names', async () => {
    const foreign = await rawRequest(h.url, { headers: { host: 'evil.example.com' }, body: INITIALIZE_BODY });
    expect(foreign.status).toBe(403);
    expect(h.server.sessions.size).toBe(0);
    for (const host of ['localhost', '127.0.0.1']) {
      const ok = await rawRequest(h.url, {
        headers: { host: `${host}:${h.server.port}` },
        body: INITIALIZE_BODY,
      });
      expect(ok.status).toBe(200);
    }
  });

  it('refuses a foreign Origin with 403, accepts a loopback one and a configured extra host', async () => {
    const foreign = await rawRequest(h.url, {
      headers: { origin: 'https://evil.example.com' },
      body: INITIALIZE_BODY,
    });
    expect(foreign.status).toBe(403);
    const local = await rawRequest(h.url, {
      headers: { origin: 'http://localhost:5173' },
      body: INITIALIZE_BODY,
    });
    expect(local.status).toBe(200);
    const extra = await rawRequest(h.url, {
      headers: { host: 'mcp.example.test', origin: 'https://mcp.example.test' },
      body: INITIALIZE_BODY,
    });
    expect(extra.status).toBe(200);
  });

  it('answers 404 outside /mcp', async () => {
    const r = await rawRequest(h.url, { path: '/other', body: INITIALIZE_BODY });
    expect(r.status).toBe(404);
    expect(r.body).toContain('/mcp');
  });
});

describe('HTTP bearer token', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await startHttpHarness({ VIDEOGEN_HTTP_TOKEN: TOKEN });
  });
  afterAll(() => h.close());

  it('answers 401 without the token or with a wrong one', async () => {
    const none = await rawRequest(h.url, { body: INITIALIZE_BODY });
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    const wrong = await rawRequest(h.url, {
      headers: { authorization: 'Bearer not-the-token-at-all' },
      body: INITIALIZE_BODY,
    });
    expect(wrong.status).toBe(401);
    await expect(connectClient(h.url, '2026')).rejects.toThrow();
  });

  it('serves clients of both eras that send it, and never forwards it upstream', async () => {
    for (const era of ['v1', '2026'] as const) {
      const c = await connectClient(h.url, era, { authorization: `Bearer ${TOKEN}` });
      const r = await c.callTool('samsar_list_models');
      expect(r.isError).toBeFalsy();
      await c.close();
    }
    const upstream = h.sandbox.requests.entries;
    expect(upstream.length).toBeGreaterThan(0);
    for (const req of upstream) expect(JSON.stringify(req.headers)).not.toContain(TOKEN);
    expect(h.logs.join('\n')).not.toContain(TOKEN);
  });
});
