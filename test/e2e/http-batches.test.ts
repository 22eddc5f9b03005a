/**
 * JSON-RPC batches over HTTP: protocol 2025-03-26 allowed a POST body to be a batch, 2025-06-18
 * removed batching. A batch in a session (or under a protocol header) of 2025-06-18 or later is
 * refused with Invalid Request (-32600) and nothing in it runs; a 2025-03-26 session still gets
 * its batch answered. Raw requests against the real transport; the sandbox's request log shows
 * what ran.
 */
import { PROTOCOL_VERSION_META_KEY } from '@modelcontextprotocol/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type HttpHarness,
  openRawSession,
  type RawResponse,
  rawRequest,
  rawSessionRequest,
  startHttpHarness,
} from '../helpers/http-server.js';

/** A free tool that asks the upstream every time (nothing cached), so each run shows in the log. */
const QUEUE_STATUS = { name: 'samautomation_queue_status', arguments: {} };
const BATCH = [
  { jsonrpc: '2.0', id: 2, method: 'tools/call', params: QUEUE_STATUS },
  { jsonrpc: '2.0', id: 3, method: 'tools/list' },
];

function expectInvalidRequest(r: RawResponse) {
  expect(r.status).toBe(400);
  const body = JSON.parse(r.body) as { error: { code: number; message: string }; id: unknown };
  expect(body.error.code).toBe(-32600);
  expect(body.id).toBeNull();
  return body.error.message;
}

describe('JSON-RPC batches over HTTP', () => {
  let h: HttpHarness;
  const queueCalls = () =>
    h.sandbox.requests.entries.filter((e) => e.path.endsWith('/api/async/queue/status')).length;
  beforeAll(async () => {
    h = await startHttpHarness();
  });
  afterAll(() => h.close());

  for (const version of ['2025-06-18', '2025-11-25']) {
    it(`refuses a batch in a ${version} session with -32600 and runs nothing of it`, async () => {
      const id = await openRawSession(h.url, { protocolVersion: version });
      const before = queueCalls();
      const r = await rawSessionRequest(h.url, id, BATCH, { protocolVersion: version });
      expect(expectInvalidRequest(r)).toContain('batch');
      expect(queueCalls()).toBe(before);
      // The session itself is fine: the same call sent alone runs.
      const single = await rawSessionRequest(h.url, id, BATCH[0], { protocolVersion: version });
      expect(single.status).toBe(200);
      expect(single.body).toContain('"id":2');
      expect(queueCalls()).toBe(before + 1);
    });
  }

  it('refuses it by the version the session negotiated when the request has no protocol header', async () => {
    const id = await openRawSession(h.url, { protocolVersion: '2025-06-18' });
    const before = queueCalls();
    const r = await rawSessionRequest(h.url, id, BATCH, { protocolVersion: null });
    expectInvalidRequest(r);
    expect(queueCalls()).toBe(before);
  });

  it('still answers a batch in a 2025-03-26 session, every message of it', async () => {
    const id = await openRawSession(h.url, { protocolVersion: '2025-03-26' });
    const before = queueCalls();
    const r = await rawSessionRequest(h.url, id, BATCH, { protocolVersion: '2025-03-26' });
    expect(r.status).toBe(200);
    expect(r.body).toContain('"id":2');
    expect(r.body).toContain('"id":3');
    expect(queueCalls()).toBe(before + 1);
  });

  it('refuses a batch sent with a 2026-07-28 protocol header, and a batch of 2026-era requests', async () => {
    const before = queueCalls();
    const withHeader = await rawRequest(h.url, {
      headers: { 'mcp-protocol-version': '2026-07-28' },
      body: JSON.stringify(BATCH),
    });
    expectInvalidRequest(withHeader);
    const meta = {
      [PROTOCOL_VERSION_META_KEY]: '2026-07-28',
      'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
      'io.modelcontextprotocol/clientCapabilities': {},
    };
    const modern = await rawRequest(h.url, {
      body: JSON.stringify(BATCH.map((m) => ({ ...m, params: { ...m.params, _meta: meta } }))),
    });
    expectInvalidRequest(modern);
    expect(queueCalls()).toBe(before);
  });
});
