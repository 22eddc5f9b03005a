/**
 * Renders end the wait the moment they finish: the real server over HTTP, with VIDEOGEN_PUBLIC_URL
 * pointing at itself on 127.0.0.1, asks each provider to call back (Samsar webhookUrl with a token
 * path, SamAutomation exports.callback_url with a secret of its own), and the sandbox calls back as
 * the APIs do. Status requests are counted in the sandbox's request log, and "within a second of the
 * end" is read on the simulated clock at scale 1 (a lost callback would cost 30 s there).
 * Callbacks that are forged, replayed, stale, oversized or aimed at no live job are refused and
 * change nothing; callbacks that never come, or come late or twice, still leave every wait right.
 */
import { createHmac } from 'node:crypto';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { callbackMark } from '../../src/callbacks/records.js';
import type { CallbackDelivery } from '../../src/sandbox/callbacks.js';
import {
  type ConnectedClient,
  connectClient,
  type HttpHarness,
  rawRequest,
  startHttpHarness,
} from '../helpers/http-server.js';
import { RENDER, statusPolls } from '../helpers/jobs.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;
const text = (r: { content?: Array<{ text?: string }> }) => (r.content ?? []).map((c) => c.text).join('\n');

const TOKEN = 'callbacks-test-bearer-token-1234';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const MEDIA = [{ type: 'image', url: 'https://cdn.example.com/a.jpg', duration: 3 }];
/** 150 credits: under the auto-approve limit (RENDER, 10 s, is 300 and needs a confirmation). */
const SHORT = { ...RENDER, duration: 5 };

async function start(env: Record<string, string>): Promise<{ h: HttpHarness; client: ConnectedClient }> {
  const h = await startHttpHarness(
    {
      VIDEOGEN_AUTO_APPROVE_CREDITS: '150',
      VIDEOGEN_AUTO_APPROVE_QUOTA: '1',
      VIDEOGEN_HTTP_TOKEN: TOKEN,
      ...env,
    },
    '127.0.0.1',
    { callbacks: true },
  );
  return { h, client: await connectClient(h.url, '2025', AUTH) };
}

const lastCreate = (h: HttpHarness, path: string) =>
  h.sandbox.requests.entries.filter((e) => e.method === 'POST' && e.path === path).at(-1)!.body as Loose;

const deliveriesOf = (h: HttpHarness, id: string) => h.sandbox.callbacks.entries.filter((d) => d.id === id);

async function delivered(h: HttpHarness, id: string, count = 1): Promise<CallbackDelivery[]> {
  await vi.waitFor(
    () => {
      const got = deliveriesOf(h, id);
      expect(got.length).toBeGreaterThanOrEqual(count);
      expect(got.every((d) => d.status !== undefined)).toBe(true);
    },
    { timeout: 10_000, interval: 20 },
  );
  return deliveriesOf(h, id);
}

function post(h: HttpHarness, path: string, body: string, headers: Record<string, string> = {}) {
  return rawRequest(h.url, { path, body, headers });
}

const sign = (secret: string, t: number, body: string) =>
  `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;

describe('callbacks over HTTP (VIDEOGEN_PUBLIC_URL on 127.0.0.1, real time)', () => {
  let h: HttpHarness;
  let client: ConnectedClient;
  beforeAll(async () => {
    ({ h, client } = await start({ VIDEOGEN_SANDBOX_RENDER_SECONDS: '5' }));
  });
  afterAll(async () => {
    await client.close();
    await h.close();
  });

  it('a Samsar render calls back: a confirmed quote still matches, at most 2 status requests, done within 1 s of the end', async () => {
    const quote = sc(
      await client.callTool('estimate_cost', { tool: 'samsar_text_to_video', arguments: RENDER }),
    );
    expect(quote.confirmation_token).toEqual(expect.any(String));
    const created = await client.callTool('samsar_text_to_video', {
      ...RENDER,
      confirmation_token: quote.confirmation_token,
    });
    expect(created.isError, text(created)).toBeFalsy();
    const id = sc(created).job.id as string;

    const webhookUrl = lastCreate(h, '/video/text_to_video').webhookUrl as string;
    const port = new URL(h.url).port;
    expect(webhookUrl).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${port}/callbacks/samsar/vgcb_[A-Za-z0-9_-]{32}$`),
    );
    const pathToken = webhookUrl.split('/').at(-1)!;
    expect(await callbackMark(h.app.deps, 'samsar', id)).toBe(0);

    // 8 s: after the check at 3 s the next safety-net check falls past the deadline, so the wait
    // sleeps out its slice, and the callback at 5 s must cut that sleep short too.
    const r = await client.callTool('wait_for_job', { provider: 'samsar', id, max_wait_seconds: 8 });
    const returnedAt = h.app.deps.clock.simNow();
    expect(r.isError, text(r)).toBeFalsy();
    expect(sc(r).state).toBe('completed');
    const session = h.sandbox.samsar.sessions.get(id)!;
    const endedAt = session.createdAt + session.renderMs;
    const [delivery] = await delivered(h, id);
    expect(delivery!.status).toBe(200);
    expect(JSON.parse(delivery!.body)).toMatchObject({ request_id: id, status: 'COMPLETED' });
    console.log(
      `samsar with callbacks: ${statusPolls(h, id)} status requests; ended ${returnedAt - endedAt} ms after the render`,
    );
    expect(statusPolls(h, id)).toBeLessThanOrEqual(2);
    expect(sc(r).polls).toBe(statusPolls(h, id));
    expect(returnedAt - endedAt).toBeLessThan(1000);
    expect(await callbackMark(h.app.deps, 'samsar', id)).toBeGreaterThan(0);
    for (const said of [JSON.stringify(created), JSON.stringify(r), h.logs.join('\n')]) {
      expect(said).not.toContain(pathToken);
    }
  });

  it('a SamAutomation render calls back signed with a secret of its own that no result or log shows', async () => {
    const created = await client.callTool('samautomation_simple_video', { media_list: MEDIA });
    expect(created.isError, text(created)).toBeFalsy();
    const id = sc(created).job.id as string;
    const exports = lastCreate(h, '/api/function/video-generation/simple-video').exports as Loose;
    expect(exports.callback_url).toMatch(/\/callbacks\/samautomation\/vgcb_[A-Za-z0-9_-]{32}$/);
    expect(exports.callback_secret).toMatch(/^vgcs_[A-Za-z0-9_-]{43}$/);

    const r = await client.callTool('wait_for_job', { provider: 'samautomation', id, max_wait_seconds: 60 });
    const returnedAt = h.app.deps.clock.simNow();
    expect(sc(r).state).toBe('completed');
    const [delivery] = await delivered(h, id);
    expect(delivery!.status).toBe(200);
    expect(delivery!.headers['x-samautomation-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(statusPolls(h, id)).toBeLessThanOrEqual(2);
    expect(returnedAt - delivery!.sentAt).toBeLessThan(1000);

    const progress = await client.callTool('samautomation_get_progress', { id });
    expect(progress.isError, text(progress)).toBeFalsy();
    expect(JSON.stringify(progress)).toContain('export_delivery');
    for (const said of [created, r, progress].map((x) => JSON.stringify(x)).concat(h.logs.join('\n'))) {
      expect(said).not.toContain(exports.callback_secret);
      expect(said).not.toContain(exports.callback_url.split('/').at(-1));
    }
  });

  it("keeps the agent's own webhook as given and follows that job by polling", async () => {
    const created = await client.callTool('samsar_text_to_video', {
      ...SHORT,
      webhook_url: 'https://hooks.example.com/mine',
    });
    const id = sc(created).job.id as string;
    expect(lastCreate(h, '/video/text_to_video').webhookUrl).toBe('https://hooks.example.com/mine');
    expect(await callbackMark(h.app.deps, 'samsar', id)).toBeUndefined();

    const own = await client.callTool('samautomation_simple_video', {
      media_list: MEDIA,
      exports: { callback_url: 'https://hooks.example.com/sa', callback_secret: 'my-own-secret-0042' },
    });
    const ownId = sc(own).job.id as string;
    expect(lastCreate(h, '/api/function/video-generation/simple-video').exports).toEqual({
      callback_url: 'https://hooks.example.com/sa',
      callback_secret: 'my-own-secret-0042',
    });
    expect(await callbackMark(h.app.deps, 'samautomation', ownId)).toBeUndefined();

    const r = await client.callTool('wait_for_job', { provider: 'samsar', id, max_wait_seconds: 60 });
    expect(sc(r).state).toBe('completed');
    const session = h.sandbox.samsar.sessions.get(id)!;
    // Polled at 3 and 8 s: it ends at the second check, well after the render, never at once.
    expect(statusPolls(h, id)).toBe(2);
    expect(h.app.deps.clock.simNow() - (session.createdAt + session.renderMs)).toBeGreaterThan(2000);
  });

  it('refuses forged, stale, oversized and misdirected callbacks without changing anything, and a replay after the real one', async () => {
    const created = await client.callTool('samautomation_simple_video', { media_list: MEDIA });
    const id = sc(created).job.id as string;
    const { callback_url, callback_secret } = lastCreate(h, '/api/function/video-generation/simple-video')
      .exports as Loose;
    const path = new URL(callback_url).pathname;
    const token = path.split('/').at(-1)!;
    const now = () => Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ event: 'video.completed', data: { id, status: 'completed' } });

    // A wait that ends (at its deadline) before the render does: one check at 3 s, none after.
    const waiting = client.callTool('wait_for_job', { provider: 'samautomation', id, max_wait_seconds: 4 });
    const answers = {
      unsigned: await post(h, path, body),
      wrongSecret: await post(h, path, body, {
        'x-samautomation-signature': sign('not-the-secret', now(), body),
      }),
      malformed: await post(h, path, body, { 'x-samautomation-signature': 'v1=abc' }),
      stale: await post(h, path, body, {
        'x-samautomation-signature': sign(callback_secret, now() - 400, body),
      }),
      tampered: await post(h, path, body.replace('completed', 'failed'), {
        'x-samautomation-signature': sign(callback_secret, now(), body),
      }),
      oversized: await post(h, path, 'x'.repeat(70 * 1024), {
        'x-samautomation-signature': sign(callback_secret, now(), 'x'),
      }),
      unknownToken: await post(h, `/callbacks/samautomation/${'A'.repeat(32)}`, body),
      otherProvider: await post(h, `/callbacks/samsar/${token}`, body),
      notAToken: await post(h, '/callbacks/samsar/..%2Fmcp', body),
      get: await rawRequest(h.url, { path, method: 'GET' }),
    };
    const statuses = Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.status]));
    expect(statuses).toEqual({
      unsigned: 401,
      wrongSecret: 401,
      malformed: 401,
      stale: 401,
      tampered: 401,
      oversized: 413,
      unknownToken: 404,
      otherProvider: 404,
      notAToken: 404,
      get: 405,
    });
    const r = await waiting;
    expect(sc(r).state).toBe('pending');
    expect(sc(r).polls).toBe(statusPolls(h, id));
    expect(statusPolls(h, id)).toBeLessThanOrEqual(2); // the schedule's checks, none woken
    expect(await callbackMark(h.app.deps, 'samautomation', id)).toBe(0);
    expect(h.logs.join('\n')).not.toContain(token);

    // The real delivery is taken once; sent again as it was, it is refused.
    const [real] = await delivered(h, id);
    expect(real!.status).toBe(200);
    const replay = await post(h, path, real!.body, real!.headers);
    expect(replay.status).toBe(409);

    // The callback came before this wait: it checks at once (one request), not after 3 s.
    const before = statusPolls(h, id);
    const done = await client.callTool('wait_for_job', {
      provider: 'samautomation',
      id,
      max_wait_seconds: 60,
    });
    expect(sc(done).state).toBe('completed');
    expect(statusPolls(h, id) - before).toBe(1);
    expect(sc(done).waited_seconds).toBe(0);
  });

  it('rate limits callbacks per source address, and needs no MCP token where /mcp does', async () => {
    const flood = await Promise.all(
      Array.from({ length: 150 }, () =>
        rawRequest(h.url, {
          path: `/callbacks/samsar/${'B'.repeat(32)}`,
          body: '{}',
          localAddress: '127.0.0.7',
        }),
      ),
    );
    const limited = flood.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.headers['retry-after']).toMatch(/^\d+$/);
    expect(flood.filter((a) => a.status === 404).length).toBeGreaterThanOrEqual(60);
    // Another address has its own allowance; no bearer token and a foreign Host are fine here.
    const other = await rawRequest(h.url, {
      path: `/callbacks/samsar/${'B'.repeat(32)}`,
      body: '{}',
      headers: { host: 'videos.example.com' },
    });
    expect(other.status).toBe(404);
    const mcp = await rawRequest(h.url, { body: '{}' });
    expect(mcp.status).toBe(401);
  });

  it("tells a 2026-era client listening on the job's resource of its callback, with no wait running", async () => {
    const listener = new Client({ name: 'listener', version: '1.0.0' }, {
      versionNegotiation: { mode: { pin: '2026-07-28' } },
    } as never);
    await listener.connect(
      new StreamableHTTPClientTransport(new URL(h.url), { requestInit: { headers: AUTH } }) as never,
    );
    const heard: Loose[] = [];
    listener.setNotificationHandler('notifications/resources/updated', (n: Loose) => {
      heard.push(n.params);
    });
    try {
      const id = sc(await client.callTool('samsar_text_to_video', SHORT)).job.id as string;
      const subscription = await listener.listen({ resourceSubscriptions: [`samsar://sessions/${id}`] });
      await delivered(h, id);
      await vi.waitFor(() => expect(heard.length).toBeGreaterThan(0), { timeout: 5000, interval: 20 });
      expect(heard[0]).toMatchObject({
        uri: `samsar://sessions/${id}`,
        _meta: { 'videogen/wake': 'callback' },
      });
      expect(statusPolls(h, id)).toBe(0); // a wake-up, not a status: nothing was asked
      await subscription.close();
    } finally {
      await listener.close();
    }
  });

  it('follows 20 jobs in one wait until all: one progress stream, a result per job, at most 2 status requests each', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const created = await client.callTool('samsar_text_to_video', { ...SHORT, prompt: `Batch ${i}` });
      expect(created.isError, text(created)).toBeFalsy();
      ids.push(sc(created).job.id);
    }
    const progress: number[] = [];
    const r = await client.callTool(
      'wait_for_job',
      { jobs: ids.map((id) => ({ provider: 'samsar', id })), max_wait_seconds: 60 },
      { onprogress: (p) => progress.push(p.progress) },
    );
    expect(r.isError, text(r)).toBeFalsy();
    const s = sc(r);
    expect(s).toMatchObject({ until: 'all', ended: 20, completed: 20, pending: 0 });
    expect(s.jobs.map((j: Loose) => j.id)).toEqual(ids);
    for (const j of s.jobs) {
      expect(j.state).toBe('completed');
      expect(j.result_urls[0]).toContain(j.id);
    }
    expect(s.resume).toBeUndefined();
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThan(progress[i - 1]!);
    const polls = ids.map((id) => statusPolls(h, id));
    console.log(`20 jobs with callbacks: ${polls.reduce((a, b) => a + b, 0)} status requests`);
    expect(Math.max(...polls)).toBeLessThanOrEqual(2);
  });

  it('ends a wait until any when the first of 20 jobs ends, with the others to resume', async () => {
    const first = sc(await client.callTool('samsar_text_to_video', { ...SHORT, prompt: 'First' })).job;
    await new Promise((r) => setTimeout(r, 2000));
    const rest: Loose[] = [];
    for (let i = 0; i < 19; i++) {
      rest.push(sc(await client.callTool('samsar_text_to_video', { ...SHORT, prompt: `Later ${i}` })).job);
    }
    const r = await client.callTool('wait_for_job', {
      jobs: [...rest, first],
      until: 'any',
      max_wait_seconds: 60,
    });
    const s = sc(r);
    expect(s).toMatchObject({ until: 'any', ended: 1, completed: 1, pending: 19 });
    expect(s.jobs.find((j: Loose) => j.id === first.id).state).toBe('completed');
    expect(s.resume.arguments.until).toBe('any');
    expect(s.resume.arguments.jobs.map((j: Loose) => j.id)).toEqual(rest.map((j) => j.id));
    expect(text(r)).toContain(`${first.id}: completed`);
  });
});

describe('callbacks that never come, or come late or twice', () => {
  const harnesses: Array<{ h: HttpHarness; client: ConnectedClient }> = [];
  afterAll(async () => {
    for (const { h, client } of harnesses) {
      await client.close();
      await h.close();
    }
  });
  const open = async (mode: string, env: Record<string, string> = {}) => {
    const opened = await start({ VIDEOGEN_SANDBOX_CALLBACKS: mode, ...env });
    harnesses.push(opened);
    return opened;
  };

  it("puts the callback where each SamAutomation route takes exports, beside the agent's destinations", async () => {
    const { h, client } = await open('never', { VIDEOGEN_AUTO_APPROVE_CREDITS: '1000' });
    const email = { type: 'email', to: ['ops@example.com'] };
    const loop = await client.callTool('samautomation_loop_video', {
      media_list: MEDIA,
      background_url: 'https://cdn.example.com/music.mp3',
      exports: { destinations: [email] },
    });
    expect(loop.isError, text(loop)).toBeFalsy();
    const sent = lastCreate(h, '/api/function/video-generation/loop-video');
    expect(sent.exports).toBeUndefined();
    expect(sent.data.exports).toEqual({
      destinations: [email],
      callback_url: expect.stringMatching(/\/callbacks\/samautomation\/vgcb_[A-Za-z0-9_-]{32}$/),
      callback_secret: expect.any(String),
    });
    const advanced = {
      output_settings: { aspect_ratio: '16:9', resolution: '1080p', framerate: 30 },
      media_inputs: { main_clips: [{ type: 'image', url: 'https://cdn.example.com/b.jpg', duration: 3 }] },
    };
    const full = await client.callTool('samautomation_advanced_video', advanced);
    expect(full.isError, text(full)).toBeFalsy();
    expect(lastCreate(h, '/api/render/advanced-video').config.exports.callback_url).toMatch(
      /\/callbacks\/samautomation\//,
    );
    expect(await callbackMark(h.app.deps, 'samautomation', sc(full).job.id)).toBe(0);
    // A preview answers at once: nothing to call back.
    const preview = await client.callTool('samautomation_advanced_video', {
      ...advanced,
      render_options: { mode: 'preview' },
    });
    expect(preview.isError, text(preview)).toBeFalsy();
    expect(lastCreate(h, '/api/render/advanced-video').config.exports).toBeUndefined();
    // AI jobs have no documented callback: sent as written.
    const ai = await client.callTool('samautomation_create_ai_job', {
      model_id: 'kling-3-0-pro',
      prompt: 'Rain',
      options: { duration_seconds: 8 },
    });
    expect(ai.isError, text(ai)).toBeFalsy();
    expect(JSON.stringify(lastCreate(h, '/api/ai/jobs'))).not.toContain('/callbacks/');
  });

  it('a lost callback still ends the wait, by the safety-net poll 240-264 s after the first', async () => {
    // 20x: the 20 s render ends before the safety-net check, which then finds it done.
    const { h, client } = await open('never', {
      VIDEOGEN_SANDBOX_RENDER_SECONDS: '20',
      VIDEOGEN_TIME_SCALE: '20',
    });
    const id = sc(await client.callTool('samsar_text_to_video', SHORT)).job.id;
    const r = await client.callTool('wait_for_job', { provider: 'samsar', id, max_wait_seconds: 300 });
    expect(sc(r).state).toBe('completed');
    expect(deliveriesOf(h, id)).toEqual([]);
    expect(statusPolls(h, id)).toBe(2); // 3 s, then 243-267 s (without a callback expected: 3, 8, 16, 26)
    expect(sc(r).waited_seconds).toBeGreaterThanOrEqual(243);
  });

  it('a late callback finds the wait ended by polling and wakes nothing', async () => {
    const { h, client } = await open('late', {
      VIDEOGEN_SANDBOX_RENDER_SECONDS: '20',
      VIDEOGEN_TIME_SCALE: '20',
    });
    const id = sc(await client.callTool('samsar_text_to_video', SHORT)).job.id;
    const r = await client.callTool('wait_for_job', { provider: 'samsar', id, max_wait_seconds: 300 });
    expect(sc(r).state).toBe('completed');
    const polls = statusPolls(h, id);
    const [late] = await delivered(h, id);
    expect(late!.status).toBe(200);
    expect(polls).toBe(2);
    expect(statusPolls(h, id)).toBe(polls);
  });

  it('a callback delivered twice ends the wait once: the SamAutomation repeat is refused as a replay', async () => {
    const { h, client } = await open('twice', { VIDEOGEN_SANDBOX_RENDER_SECONDS: '4' });
    const sa = sc(await client.callTool('samautomation_simple_video', { media_list: MEDIA })).job.id;
    const samsar = sc(await client.callTool('samsar_text_to_video', SHORT)).job.id;
    const r = await client.callTool('wait_for_job', {
      jobs: [
        { provider: 'samautomation', id: sa },
        { provider: 'samsar', id: samsar },
      ],
      max_wait_seconds: 60,
    });
    expect(sc(r)).toMatchObject({ ended: 2, completed: 2 });
    const saDeliveries = await delivered(h, sa, 2);
    expect(saDeliveries.map((d) => d.status)).toEqual([200, 409]);
    const samsarDeliveries = await delivered(h, samsar, 2);
    expect(samsarDeliveries.map((d) => d.status)).toEqual([200, 200]);
    await h.sandbox.callbacks.settled();
    expect(statusPolls(h, sa)).toBeLessThanOrEqual(2);
    expect(statusPolls(h, samsar)).toBeLessThanOrEqual(2);
  });
});
