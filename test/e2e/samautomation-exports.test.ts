/**
 * Export destinations and their secrets: named destinations from VIDEOGEN_EXPORT_DESTINATIONS are sent
 * upstream with their credentials, inline ones still work, and no password, private key or callback
 * secret appears in any tool result, error or log line of the run.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, type ToolResult } from '../helpers/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

const SECRETS = {
  named: 'named-sftp-pass-8c1f',
  inlineFtp: 'inline-ftp-pass-41d7',
  key: '-----BEGIN OPENSSH PRIVATE KEY-----inline-key-b29e',
  callback: 'callback-secret-77aa',
  namedCallback: 'named-callback-secret-5e0b',
};

const NAMED = {
  'ops-sftp': {
    type: 'sftp',
    host: 'files.example.com',
    port: 22,
    username: 'deploy',
    password: SECRETS.named,
    path: '/incoming/videos/',
  },
  'team-mail': { type: 'email', to: ['ops@example.com', 'creator@example.com'] },
  hooks: {
    type: 'callback',
    callback_url: 'https://hooks.example.com/done',
    callback_secret: SECRETS.namedCallback,
  },
};

const EXPORTS = {
  callback_url: 'https://hooks.example.com/video-completed',
  callback_secret: SECRETS.callback,
  destinations: [
    { name: 'ops-sftp' },
    { name: 'team-mail' },
    { type: 'ftp', host: 'ftp.example.com', username: 'up', password: SECRETS.inlineFtp, path: '/v/' },
    { type: 'sftp', host: 'sftp.example.com', username: 'up', private_key: SECRETS.key, path: '/v/out.mp4' },
  ],
};
const MEDIA = [{ type: 'image', url: 'https://cdn.example.com/a.jpg', duration: 2 }];

describe('samautomation export destinations keep their secrets', () => {
  let h: Harness;
  const seen: ToolResult[] = [];
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const r = await h.call(name, args);
    seen.push(r);
    return r;
  };

  beforeAll(async () => {
    h = await startHarness({
      env: {
        VIDEOGEN_AUTO_APPROVE_QUOTA: '1',
        VIDEOGEN_SANDBOX_RENDER_SECONDS: '1',
        VIDEOGEN_TIME_SCALE: '1000',
        VIDEOGEN_EXPORT_DESTINATIONS: JSON.stringify(NAMED),
      },
    });
  });
  afterAll(() => h.close());

  it('sends named and inline destinations upstream with their credentials', async () => {
    const e = await call('estimate_cost', {
      tool: 'samautomation_mix_video',
      arguments: { media_list: MEDIA, exports: EXPORTS },
    });
    expect(e.isError, h.text(e)).toBeFalsy();
    const r = await call('samautomation_mix_video', { media_list: MEDIA, exports: EXPORTS });
    expect(r.isError, h.text(r)).toBeFalsy();
    const sent = h.sandbox.requests.writes('samautomation').at(-1)!.body as Loose;
    expect(sent.exports).toEqual({
      ...EXPORTS,
      destinations: [NAMED['ops-sftp'], NAMED['team-mail'], EXPORTS.destinations[2], EXPORTS.destinations[3]],
    });

    let p: ToolResult = r;
    for (let i = 0; i < 500; i++) {
      p = await call('samautomation_get_progress', { id: sc(r).job.id });
      if (sc(p).result.data.status === 'completed') break;
      await new Promise((res) => setTimeout(res, 2));
    }
    const delivery = sc(p).result.data.settings.export_delivery as Loose[];
    expect(delivery.map((d) => [d.type, d.status])).toEqual([
      ['callback', 'delivered'],
      ['sftp', 'delivered'],
      ['email', 'delivered'],
      ['ftp', 'delivered'],
      ['sftp', 'delivered'],
    ]);
  });

  it('sends advanced and loop exports too', async () => {
    const adv = await call('samautomation_advanced_video', {
      media_inputs: { main_clips: MEDIA },
      render_options: { mode: 'preview' },
      exports: { destinations: [{ name: 'ops-sftp' }] },
    });
    expect(adv.isError, h.text(adv)).toBeFalsy();
    expect((h.sandbox.requests.writes().at(-1)!.body as Loose).config.exports.destinations[0].password).toBe(
      SECRETS.named,
    );
    const loop = await call('samautomation_loop_video', {
      media_list: MEDIA,
      background_url: 'https://cdn.example.com/bg.mp3',
      exports: { destinations: [{ name: 'ops-sftp' }] },
    });
    expect(loop.isError, h.text(loop)).toBeFalsy();
    expect((h.sandbox.requests.writes().at(-1)!.body as Loose).data.exports.destinations[0].password).toBe(
      SECRETS.named,
    );
  });

  it('sends a named callback with its server-held secret', async () => {
    const r = await call('samautomation_simple_video', {
      media_list: MEDIA,
      exports: { callback_name: 'hooks' },
    });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect((h.sandbox.requests.writes().at(-1)!.body as Loose).exports).toEqual({
      callback_url: 'https://hooks.example.com/done',
      callback_secret: SECRETS.namedCallback,
    });
  });

  it('keeps secrets out of errors too', async () => {
    const before = h.sandbox.requests.entries.length;
    const bad = await call('samautomation_mix_video', {
      media_list: MEDIA,
      exports: { destinations: [{ ...EXPORTS.destinations[2], port: 'twenty-one' }] },
    });
    expect(bad.isError).toBe(true);
    const unknown = await call('samautomation_simple_video', {
      media_list: MEDIA,
      exports: { callback_secret: SECRETS.callback, destinations: [{ name: 'nowhere' }] },
    });
    expect(h.text(unknown)).toContain('Configured: ops-sftp, team-mail, hooks.');
    const misuse = await call('samautomation_mix_video', {
      media_list: MEDIA,
      exports: { destinations: [{ name: 'hooks' }] },
    });
    expect(h.text(misuse)).toContain("'hooks' is not configured for this use");
    const both = await call('samautomation_mix_video', {
      media_list: MEDIA,
      exports: { callback_name: 'hooks', callback_secret: SECRETS.callback },
    });
    expect(h.text(both)).toContain('either callback_name or callback_url/callback_secret');
    expect(h.sandbox.requests.entries.length).toBe(before);
    await call('samautomation_list_tasks');
    await call('samautomation_usage_summary');
  });

  it('no secret appears in any result, error or log line of the run', () => {
    const everything = [...seen.map((r) => JSON.stringify(r)), ...h.logs].join('\n');
    expect(seen.length).toBeGreaterThan(5);
    expect(h.logs.length).toBeGreaterThan(0);
    for (const secret of Object.values(SECRETS)) expect(everything).not.toContain(secret);
  });
});

/** A one-shot webhook receiver on 127.0.0.1: its URL and the first request it gets. */
async function startReceiver(): Promise<{
  url: string;
  received: Promise<{ headers: Loose; body: string }>;
}> {
  let resolve!: (v: { headers: Loose; body: string }) => void;
  const received = new Promise<{ headers: Loose; body: string }>((r) => {
    resolve = r;
  });
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      res.end('ok');
      server.close();
      resolve({ headers: req.headers, body });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

describe('samautomation video.completed webhook', () => {
  it('POSTs the completed task to a loopback callback_url, signed with the callback secret', async () => {
    const receiver = await startReceiver();
    const h = await startHarness({
      env: {
        VIDEOGEN_AUTO_APPROVE_QUOTA: '1',
        VIDEOGEN_SANDBOX_RENDER_SECONDS: '1',
        VIDEOGEN_TIME_SCALE: '100',
      },
    });
    try {
      const r = await h.call('samautomation_simple_video', {
        media_list: MEDIA,
        exports: { callback_url: receiver.url, callback_secret: SECRETS.callback },
      });
      expect(r.isError, h.text(r)).toBeFalsy();
      const hook = await receiver.received;
      expect(hook.headers['x-samautomation-event']).toBe('video.completed');
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(hook.headers['x-samautomation-signature'])!;
      expect(v1).toBe(createHmac('sha256', SECRETS.callback).update(`${t}.${hook.body}`).digest('hex'));
      const payload = JSON.parse(hook.body);
      expect(payload).toMatchObject({
        event: 'video.completed',
        data: { id: sc(r).job.id, status: 'completed' },
      });
      expect(hook.body).not.toContain(SECRETS.callback);
    } finally {
      await h.close();
    }
  });
});
