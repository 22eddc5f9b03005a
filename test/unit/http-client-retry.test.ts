/**
 * The retry policy of the one HTTP client, against a scripted local server: reads are retried up to
 * 3 times on network errors, 429, 5xx and unreadable 2xx answers with jittered backoff that honours
 * Retry-After; writes never, except once when nothing was sent or after the provider's own 429.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError, UpstreamError } from '../../src/errors.js';
import { clientFor, type FakeUpstream, freePort, startFakeUpstream } from '../helpers/fake-upstream.js';

describe('HTTP client retry policy', () => {
  let up: FakeUpstream;
  beforeAll(async () => {
    up = await startFakeUpstream();
  });
  afterAll(() => up.close());
  afterEach(() => {
    up.seen.length = 0;
  });

  it('retries a GET on 5xx with jittered exponential backoff, then succeeds', async () => {
    up.script(
      { status: 503, json: { message: 'busy' } },
      { status: 502, body: 'bad' },
      { status: 200, json: { ok: 1 } },
    );
    const { client, waits } = clientFor(up.url);
    const r = await client.request({ provider: 'samsar', method: 'GET', path: '/video/status' });
    expect(r.data).toEqual({ ok: 1 });
    expect(up.seen).toHaveLength(3);
    expect(waits).toHaveLength(2);
    // Full jitter over a doubling ceiling: [250, 500] then [500, 1000].
    expect(waits[0]).toBeGreaterThanOrEqual(250);
    expect(waits[0]).toBeLessThanOrEqual(500);
    expect(waits[1]).toBeGreaterThanOrEqual(500);
    expect(waits[1]).toBeLessThanOrEqual(1000);
    await client.close();
  });

  it('gives up on a GET after 3 retries (4 attempts) and reports the last status', async () => {
    up.script({ status: 500, json: { message: 'down' } });
    const { client, waits } = clientFor(up.url);
    const err = await client.request({ provider: 'samsar', method: 'GET', path: '/x' }).catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.status).toBe(500);
    expect(up.seen).toHaveLength(4);
    expect(waits).toHaveLength(3);
    await client.close();
  });

  it('retries a GET after a dropped connection', async () => {
    up.script({ drop: true }, { status: 200, json: { ok: 2 } });
    const { client } = clientFor(up.url);
    const r = await client.request({ provider: 'samsar', method: 'GET', path: '/x' });
    expect(r.data).toEqual({ ok: 2 });
    expect(up.seen).toHaveLength(2);
    await client.close();
  });

  it('honours Retry-After in seconds and as an HTTP date on a GET 429', async () => {
    up.script(
      { status: 429, json: { message: 'slow down' }, headers: { 'retry-after': '7' } },
      {
        status: 429,
        json: { message: 'slow down' },
        headers: { 'retry-after': new Date(Date.now() + 12_000).toUTCString() },
      },
      { status: 200, json: {} },
    );
    const { client, waits } = clientFor(up.url);
    await client.request({ provider: 'samsar', method: 'GET', path: '/x' });
    expect(waits[0]).toBe(7000);
    // An HTTP date has one-second resolution.
    expect(waits[1]).toBeGreaterThan(10_000);
    expect(waits[1]).toBeLessThanOrEqual(12_000);
    await client.close();
  });

  it('does not wait out a Retry-After beyond the cap: the error carries it instead', async () => {
    up.script({ status: 429, json: { message: 'quota' }, headers: { 'retry-after': '3600' } });
    const { client, waits } = clientFor(up.url);
    const err = await client.request({ provider: 'samsar', method: 'GET', path: '/x' }).catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.retryAfterSeconds).toBe(3600);
    expect(err.details.retry_after_seconds).toBe(3600);
    expect(waits).toEqual([]);
    expect(up.seen).toHaveLength(1);
    await client.close();
  });

  it('does not retry a GET on a 4xx other than 429', async () => {
    up.script({ status: 404, json: { message: 'no such session' } });
    const { client } = clientFor(up.url);
    await expect(client.request({ provider: 'samsar', method: 'GET', path: '/x' })).rejects.toThrow(
      /404: no such session/,
    );
    expect(up.seen).toHaveLength(1);
    await client.close();
  });

  for (const method of ['POST', 'PUT', 'DELETE'] as const) {
    it(`never retries a ${method} that got a 5xx`, async () => {
      up.script({ status: 503, json: { message: 'busy' } }, { status: 200, json: {} });
      const { client, waits } = clientFor(up.url);
      const err = await client
        .request({ provider: 'samsar', method, path: '/video/create', body: { a: 1 } })
        .catch((e) => e);
      expect(err).toBeInstanceOf(UpstreamError);
      expect(err.status).toBe(503);
      expect(up.seen).toHaveLength(1);
      expect(waits).toEqual([]);
      await client.close();
    });
  }

  it('never retries a POST whose connection dropped after it was sent: outcome unknown', async () => {
    up.script({ drop: true }, { status: 200, json: {} });
    const { client } = clientFor(up.url);
    const err = await client
      .request({ provider: 'samsar', method: 'POST', path: '/video/create', body: { a: 1 } })
      .catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.written).toBe(true);
    expect(err.details.outcome).toBe('unknown');
    expect(err.hint).toMatch(/check its status/);
    expect(up.seen).toHaveLength(1);
    await client.close();
  });

  it('retries a POST once after a 429, waiting the Retry-After, and not a second time', async () => {
    up.script({ status: 429, json: { message: 'rate' }, headers: { 'retry-after': '2' } });
    const { client, waits } = clientFor(up.url);
    const err = await client
      .request({ provider: 'samsar', method: 'POST', path: '/video/create', body: { a: 1 } })
      .catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.status).toBe(429);
    expect(waits).toEqual([2000]);
    expect(up.seen).toHaveLength(2);
    await client.close();
  });

  it('retries a GET whose 200 answer cannot be read, like a 5xx, then succeeds', async () => {
    up.script(
      {
        status: 200,
        body: '<html><title>Maintenance</title></html>',
        headers: { 'content-type': 'text/html' },
      },
      { status: 200, body: '{"data":[{"id":', headers: { 'content-type': 'application/json' } },
      { status: 200, json: { ok: 3 } },
    );
    const { client, waits } = clientFor(up.url);
    const r = await client.request({ provider: 'samsar', method: 'GET', path: '/x' });
    expect(r.data).toEqual({ ok: 3 });
    expect(up.seen).toHaveLength(3);
    expect(waits).toHaveLength(2);
    await client.close();
  });

  it('never repeats a POST whose 200 answer cannot be read, and says it may have been carried out', async () => {
    up.script({
      status: 200,
      body: '{"request_id":"vid_1","sess',
      headers: { 'content-type': 'application/json' },
    });
    const { client, waits } = clientFor(up.url);
    const err = await client
      .request({ provider: 'samsar', method: 'POST', path: '/video/create', body: { a: 1 } })
      .catch((e) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.code).toBe('upstream_unexpected_response');
    expect(err.hint).toMatch(/may have carried it out/);
    expect(err.answer.text).toBe('{"request_id":"vid_1","sess');
    expect(up.seen).toHaveLength(1);
    expect(waits).toEqual([]);
    await client.close();
  });

  it("does not repeat a POST after a 429 that is a proxy's page rather than the provider's JSON refusal", async () => {
    up.script({
      status: 429,
      body: '<html><title>Too Many Requests</title></html>',
      headers: { 'content-type': 'text/html', 'retry-after': '1' },
    });
    const { client, waits } = clientFor(up.url);
    const err = await client
      .request({ provider: 'samsar', method: 'POST', path: '/video/create', body: { a: 1 } })
      .catch((e) => e);
    expect(err.status).toBe(429);
    expect(err.refusal).toBe(false);
    expect(up.seen).toHaveLength(1);
    expect(waits).toEqual([]);
    await client.close();
  });

  it('retries a POST once when the connection was refused (nothing was sent)', async () => {
    const port = await freePort();
    let late: FakeUpstream | undefined;
    // The provider comes up while the client waits to retry.
    const { client, waits } = clientFor(`http://127.0.0.1:${port}`, {
      onWait: async () => {
        late = await startFakeUpstream(port);
        late.script({ status: 200, json: { created: true } });
      },
    });
    const r = await client.request({
      provider: 'samsar',
      method: 'POST',
      path: '/video/create',
      body: { a: 1 },
    });
    expect(r.data).toEqual({ created: true });
    expect(waits).toHaveLength(1);
    expect(late!.seen).toHaveLength(1);
    await client.close();
    await late!.close();
  });

  it('says nothing was sent when a POST cannot connect at all', async () => {
    const port = await freePort();
    const { client, waits } = clientFor(`http://127.0.0.1:${port}`);
    const err = await client
      .request({ provider: 'samsar', method: 'POST', path: '/video/create', body: {} })
      .catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.written).toBe(false);
    expect(err.details.outcome).toBe('not_sent');
    expect(waits).toHaveLength(1);
    await client.close();
  });
});
