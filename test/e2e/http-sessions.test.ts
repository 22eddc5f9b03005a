/**
 * 2025-era HTTP sessions under abuse, against the real transport: sessions that clients open and
 * walk away from never lock new clients out (the least recently used idle one gives way at the
 * cap), one client opening sessions in a loop only recycles its own, a session with a request or
 * an SSE stream open is never taken, DELETE ends a session, idle ones expire, and every session
 * that is gone answers 404 so its client starts again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectClient,
  type HttpHarness,
  INITIALIZE_BODY,
  openRawSession,
  openStream,
  rawRequest,
  rawSessionRequest,
  startHttpHarness,
} from '../helpers/http-server.js';
import { RENDER } from '../helpers/jobs.js';

const TOOLS_LIST = { jsonrpc: '2.0', id: 9, method: 'tools/list' };

/** The HTTP status a session's next request gets: 200 while it lives, 404 once it is gone. */
async function statusOf(h: HttpHarness, id: string, localAddress?: string): Promise<number> {
  return (await rawSessionRequest(h.url, id, TOOLS_LIST, { localAddress })).status;
}

async function openMany(h: HttpHarness, n: number, localAddress?: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await openRawSession(h.url, { localAddress }));
  return ids;
}

/**
 * Opens a session's standalone SSE stream (GET) and holds it as a 2025 client does. The server
 * sends nothing on it until there is something to say, so it is known to be open once a second
 * GET of the session is refused with 409 (one such stream per session).
 */
async function listen(h: HttpHarness, id: string) {
  const get = {
    method: 'GET',
    headers: { 'mcp-session-id': id, 'mcp-protocol-version': '2025-06-18', accept: 'text/event-stream' },
  };
  const stream = await openStream(h.url, get, 'sent');
  for (let i = 0; i < 200; i++) {
    const probe = await rawRequest(h.url, get);
    if (probe.status === 409) return stream;
  }
  throw new Error('the SSE stream was never registered');
}

describe('HTTP sessions with the default cap (100)', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await startHttpHarness();
  });
  afterAll(() => h.close());

  it('serves a new client at once after 200 sessions were opened and abandoned; evicted ones get 404', async () => {
    const abandoned = await openMany(h, 200);
    expect(h.server.sessions.size).toBe(100);
    const c = await connectClient(h.url, '2025');
    try {
      const r = await c.callTool('samsar_list_models');
      expect(r.isError).toBeFalsy();
    } finally {
      await c.close();
    }
    expect(h.server.sessions.size).toBeLessThanOrEqual(100);
    expect(await statusOf(h, abandoned[0]!)).toBe(404);
    expect(await statusOf(h, abandoned[199]!)).toBe(200);
  });

  it('ends a session on DELETE (then 404 for its id) and answers 404 to DELETE of an unknown id', async () => {
    const id = await openRawSession(h.url);
    const before = h.server.sessions.size;
    const del = await rawRequest(h.url, {
      method: 'DELETE',
      headers: { 'mcp-session-id': id, 'mcp-protocol-version': '2025-06-18' },
    });
    expect(del.status).toBe(200);
    expect(h.server.sessions.size).toBe(before - 1);
    expect(await statusOf(h, id)).toBe(404);
    const unknown = await rawRequest(h.url, {
      method: 'DELETE',
      headers: { 'mcp-session-id': 'no-such-session', 'mcp-protocol-version': '2025-06-18' },
    });
    expect(unknown.status).toBe(404);
  });

  it('answers 400 to a 2025 request that has no session and is not initialize', async () => {
    const r = await rawRequest(h.url, { body: JSON.stringify(TOOLS_LIST) });
    expect(r.status).toBe(400);
    expect(r.body).toContain('initialize');
  });
});

describe('HTTP sessions: each client has a share of the cap', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    // A cap of 20 gives each client address a share of 10 (max(10, cap/4)).
    h = await startHttpHarness({ VIDEOGEN_HTTP_MAX_SESSIONS: '20' });
  });
  afterAll(() => h.close());

  it('a client opening sessions in a loop recycles its own; the others keep theirs', async () => {
    // The well-behaved client's session is the oldest, so plain LRU would take it first.
    const good = await openRawSession(h.url, { localAddress: '127.0.0.1' });
    const flood = await openMany(h, 60, '127.0.0.2');
    expect(h.server.sessions.size).toBe(20);
    expect(await statusOf(h, good, '127.0.0.1')).toBe(200);
    expect(await statusOf(h, flood[0]!, '127.0.0.2')).toBe(404);
    expect(await statusOf(h, flood[59]!, '127.0.0.2')).toBe(200);

    // A newcomer at the cap takes the place of the flooding client's oldest session, not the good one's.
    const newcomer = await openRawSession(h.url, { localAddress: '127.0.0.3' });
    expect(h.server.sessions.size).toBe(20);
    expect(await statusOf(h, newcomer, '127.0.0.3')).toBe(200);
    expect(await statusOf(h, good, '127.0.0.1')).toBe(200);
  });
});

describe('HTTP sessions with a request or stream open', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await startHttpHarness({
      VIDEOGEN_HTTP_MAX_SESSIONS: '3',
      VIDEOGEN_AUTO_APPROVE_CREDITS: '100000',
      // The render outlasts the test: wait_for_job stays under way until the client goes.
      VIDEOGEN_SANDBOX_RENDER_SECONDS: '100000',
    });
  });
  afterAll(() => h.close());

  it('never evicts a session while its SSE stream or a wait_for_job is open; 503 when all are busy', async () => {
    const listening = await openRawSession(h.url);
    const stream = await listen(h, listening);

    const starter = await connectClient(h.url, '2026');
    const render = await starter.callTool('samsar_text_to_video', RENDER);
    await starter.close();
    const jobId = (render.structuredContent!.job as { id: string }).id;
    const waiting = await openRawSession(h.url);
    const wait = await openStream(h.url, {
      headers: { 'mcp-session-id': waiting, 'mcp-protocol-version': '2025-06-18' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 5,
        method: 'tools/call',
        params: {
          name: 'wait_for_job',
          arguments: { provider: 'samsar', id: jobId, max_wait_seconds: 600 },
          _meta: { progressToken: 'w' },
        },
      }),
    });
    await wait.waitFor('notifications/progress');

    // Both are older than anything that follows, and both are busy: the churn recycles the third slot.
    const churn = await openMany(h, 10);
    expect(await statusOf(h, churn[0]!)).toBe(404);
    expect(await statusOf(h, listening)).toBe(200);
    expect(await statusOf(h, waiting)).toBe(200);
    expect(wait.ended()).toBe(false);

    // With the third slot busy too, nothing can give way.
    const third = churn[9]!;
    const thirdStream = await listen(h, third);
    const refused = await rawRequest(h.url, { body: INITIALIZE_BODY });
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBeTruthy();

    // Once its stream is gone the listening session is idle and the oldest: it is the one to go.
    thirdStream.close();
    stream.close();
    let evicted = false;
    for (let i = 0; i < 50 && !evicted; i++) {
      const r = await rawRequest(h.url, { body: INITIALIZE_BODY });
      if (r.status === 200) evicted = (await statusOf(h, listening)) === 404;
    }
    expect(evicted).toBe(true);
    expect(await statusOf(h, waiting)).toBe(200);
    wait.close();
  });
});

describe('HTTP session idle expiry', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    // Simulated time runs 1000x: a 1000 s idle limit passes in about a second of real time.
    h = await startHttpHarness({
      VIDEOGEN_HTTP_MAX_SESSIONS: '1',
      VIDEOGEN_HTTP_SESSION_IDLE_SECONDS: '1000',
      VIDEOGEN_TIME_SCALE: '1000',
    });
  });
  afterAll(() => h.close());

  it('a new session takes an idle one’s place at the cap; an idle session expires; both then get 404', async () => {
    const first = await openRawSession(h.url);
    const second = await openRawSession(h.url);
    expect(h.server.sessions.size).toBe(1);
    expect(await statusOf(h, first)).toBe(404);
    // 2026-07-28 requests hold no session, so the cap does not apply to them.
    const modern = await connectClient(h.url, '2026');
    expect((await modern.callTool('samsar_list_models')).isError).toBeFalsy();
    await modern.close();

    while (h.server.sessions.size > 0) await new Promise((r) => setTimeout(r, 20));
    expect(await statusOf(h, second)).toBe(404);
    expect((await rawRequest(h.url, { body: INITIALIZE_BODY })).status).toBe(200);
  });
});
