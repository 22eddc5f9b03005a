/**
 * The HTTP guard rules, each against the real transport: Host and Origin (DNS rebinding), the
 * bearer token, the body size limit, the endpoint path, the session cap and session life cycle.
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

  it('refuses a body over the size limit with 413', async () => {
    const big = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'samsar_list_models', arguments: { pad: 'x'.repeat(5 * 1024 * 1024) } },
    });
    const r = await rawRequest(h.url, { body: big });
    expect(r.status).toBe(413);
  });

  it('opens a 2025 session on initialize, ends it on DELETE, then answers 404 for its id', async () => {
    const init = await rawRequest(h.url, { body: INITIALIZE_BODY });
    const sid = init.headers['mcp-session-id'] as string;
    expect(sid).toBeTruthy();
    const del = await rawRequest(h.url, { method: 'DELETE', headers: { 'mcp-session-id': sid } });
    expect(del.status).toBe(200);
    const after = await rawRequest(h.url, {
      headers: { 'mcp-session-id': sid, 'mcp-protocol-version': '2025-06-18' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    });
    expect(after.status).toBe(404);
  });

  it('answers 400 to a 2025 request that has no session and is not initialize', async () => {
    const r = await rawRequest(h.url, {
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    });
    expect(r.status).toBe(400);
    expect(r.body).toContain('initialize');
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

describe('HTTP session cap and idle expiry', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    // Simulated time runs 1000x: a 900 s idle limit passes in about 0.9 s of real time, long enough
    // for the second initialize to find the first session alive on a loaded machine.
    h = await startHttpHarness({
      VIDEOGEN_HTTP_MAX_SESSIONS: '1',
      VIDEOGEN_HTTP_SESSION_IDLE_SECONDS: '900',
      VIDEOGEN_TIME_SCALE: '1000',
    });
  });
  afterAll(() => h.close());

  it('answers 503 when the session cap is reached, and frees the slot when the session expires', async () => {
    const first = await rawRequest(h.url, { body: INITIALIZE_BODY });
    expect(first.status).toBe(200);
    const sid = first.headers['mcp-session-id'] as string;
    const second = await rawRequest(h.url, { body: INITIALIZE_BODY });
    expect(second.status).toBe(503);
    // 2026-07-28 requests hold no session, so the cap does not apply to them.
    const modern = await connectClient(h.url, '2026');
    await modern.close();

    while (h.server.sessions.size > 0) await new Promise((r) => setTimeout(r, 20));
    const expired = await rawRequest(h.url, {
      headers: { 'mcp-session-id': sid, 'mcp-protocol-version': '2025-06-18' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
    });
    expect(expired.status).toBe(404);
    const third = await rawRequest(h.url, { body: INITIALIZE_BODY });
    expect(third.status).toBe(200);
  });
});
