/**
 * What the HTTP client makes of answers: auth per provider, credit headers, non-JSON and HTML
 * answers described, time-outs, bodies always consumed, and the API key in no error or log line.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError, toToolResult, UpstreamError } from '../../src/errors.js';
import {
  clientFor,
  type FakeUpstream,
  SAMAUTO_KEY,
  SAMSAR_KEY,
  startFakeUpstream,
} from '../helpers/fake-upstream.js';

const HTML_502 =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';

describe('HTTP client answers', () => {
  let up: FakeUpstream;
  beforeAll(async () => {
    up = await startFakeUpstream();
  });
  afterAll(() => up.close());
  afterEach(() => {
    up.seen.length = 0;
  });

  it('sends each provider its own auth header below its base path, and none on public routes', async () => {
    up.script({ status: 200, json: {} });
    const { client } = clientFor(up.url);
    await client.request({ provider: 'samsar', method: 'GET', path: '/video/a' });
    await client.request({ provider: 'samautomation', method: 'GET', path: '/api/b' });
    await client.request({ provider: 'samsar', method: 'GET', path: '/video/models', auth: false });
    expect(up.seen[0]!.path).toBe('/v1/video/a');
    expect(up.seen[0]!.headers.authorization).toBe(`Bearer ${SAMSAR_KEY}`);
    expect(up.seen[1]!.path).toBe('/api/b');
    expect(up.seen[1]!.headers['x-api-key']).toBe(SAMAUTO_KEY);
    expect(up.seen[1]!.headers.authorization).toBeUndefined();
    expect(up.seen[2]!.headers.authorization).toBeUndefined();
    await client.close();
  });

  it('surfaces x-credits-charged and x-credits-remaining', async () => {
    up.script({
      status: 200,
      json: { request_id: 'r1' },
      headers: { 'x-credits-charged': '300', 'x-credits-remaining': '99700' },
    });
    const { client } = clientFor(up.url);
    const r = await client.request({ provider: 'samsar', method: 'POST', path: '/video/create', body: {} });
    expect(r.credits).toEqual({ charged: 300, remaining: 99_700 });
    await client.close();
  });

  it('turns an HTML error page into an upstream error that says what came back', async () => {
    up.script({ status: 502, body: HTML_502, headers: { 'content-type': 'text/html' } });
    const { client } = clientFor(up.url);
    const err = await client
      .request({ provider: 'samsar', method: 'POST', path: '/video/create', body: {} })
      .catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.message).toContain("an HTML page titled '502 Bad Gateway'");
    expect(err.code).toBe('upstream_server_error');
    await client.close();
  });

  it('refuses a 200 that is not JSON (a wrong base URL serving a web page) and names it', async () => {
    up.script({
      status: 200,
      body: '<html><title>Welcome</title></html>',
      headers: { 'content-type': 'text/html' },
    });
    const { client } = clientFor(up.url);
    const err = await client.request({ provider: 'samsar', method: 'GET', path: '/video/x' }).catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.code).toBe('upstream_unexpected_response');
    expect(err.message).toContain("an HTML page titled 'Welcome'");
    expect(err.hint).toContain('SAMSAR_BASE_URL');
    up.script({ status: 200, body: 'OK', headers: { 'content-type': 'text/plain' } });
    const plain = await client
      .request({ provider: 'samsar', method: 'GET', path: '/video/x' })
      .catch((e) => e);
    expect(plain.message).toContain("text/plain 'OK'");
    await client.close();
  });

  it('accepts an empty 204', async () => {
    up.script({ status: 204 });
    const { client } = clientFor(up.url);
    const r = await client.request({ provider: 'samsar', method: 'DELETE', path: '/video/x' });
    expect(r.status).toBe(204);
    expect(r.data).toBeNull();
    await client.close();
  });

  it('times out a response that never comes: a GET is retried, a POST is not and is marked unknown', async () => {
    up.script({ hangMs: 10_000 });
    const { client, waits } = clientFor(up.url, { responseTimeoutMs: 150 });
    const post = await client
      .request({ provider: 'samsar', method: 'POST', path: '/video/create', body: {} })
      .catch((e) => e);
    expect(post).toBeInstanceOf(NetworkError);
    expect(post.code).toBe('timeout');
    expect(post.written).toBe(true);
    expect(up.seen).toHaveLength(1);
    expect(waits).toEqual([]);
    up.script({ hangMs: 10_000 }, { status: 200, json: { late: false } });
    const get = await client.request({ provider: 'samsar', method: 'GET', path: '/video/x' });
    expect(get.data).toEqual({ late: false });
    expect(waits).toHaveLength(1);
    await client.close();
  });

  it('reads every body, so one kept-alive connection carries a run of error answers', async () => {
    up.script({ status: 400, json: { message: 'bad field', padding: 'x'.repeat(50_000) } });
    const { client } = clientFor(up.url);
    for (let i = 0; i < 20; i++) {
      await expect(client.request({ provider: 'samsar', method: 'GET', path: '/v' })).rejects.toThrow(
        /bad field/,
      );
    }
    expect(up.seen).toHaveLength(20);
    // An unread body pins its connection: 20 answers would need 20 connections, or stall at the pool's 8.
    expect(new Set(up.seen.map((s) => s.remotePort)).size).toBeLessThan(8);
    await client.close();
  });

  it('sends each write on a connection of its own, so a stale kept-alive one cannot make a paid call unknown', async () => {
    up.script({ status: 200, json: { ok: true } });
    const { client } = clientFor(up.url);
    for (let i = 0; i < 6; i++) await client.request({ provider: 'samsar', method: 'GET', path: '/r' });
    for (let i = 0; i < 4; i++) {
      await client.request({ provider: 'samsar', method: 'POST', path: '/w', body: {} });
    }
    const reads = up.seen.filter((s) => s.method === 'GET').map((s) => s.remotePort);
    const writes = up.seen.filter((s) => s.method === 'POST').map((s) => s.remotePort);
    expect(new Set(reads).size).toBeLessThan(3); // reads share kept-alive connections
    expect(new Set(writes).size).toBe(4);
    for (const port of writes) expect(reads).not.toContain(port);
    await client.close();
  });

  it('keeps the API key out of every error and log line, even when the provider echoes it', async () => {
    up.script(
      { status: 503, json: { message: `key ${SAMSAR_KEY} is overloaded`, key: SAMSAR_KEY } },
      { status: 401, json: { message: `invalid key ${SAMSAR_KEY}` } },
    );
    const { client, logs } = clientFor(up.url);
    const get = await client.request({ provider: 'samsar', method: 'GET', path: '/video/x' }).catch((e) => e);
    up.script({
      status: 502,
      body: `<html><title>${SAMAUTO_KEY}</title></html>`,
      headers: { 'content-type': 'text/html' },
    });
    const post = await client
      .request({ provider: 'samautomation', method: 'POST', path: '/api/x', body: {} })
      .catch((e) => e);
    for (const err of [get, post]) {
      expect(err).toBeInstanceOf(UpstreamError);
      const everything = JSON.stringify([err.message, err.hint, err.details, err.body, toToolResult(err)]);
      expect(everything).not.toContain(SAMSAR_KEY);
      expect(everything).not.toContain(SAMAUTO_KEY);
    }
    expect(get.message).toContain('[REDACTED]');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(SAMSAR_KEY);
    await client.close();
  });
});
