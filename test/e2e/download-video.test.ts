import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.js';
import { startSamsarRender } from '../helpers/jobs.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const errorCode = (r: { structuredContent?: Record<string, unknown> }) =>
  (r.structuredContent as { code?: string } | undefined)?.code;

/** A file host on 127.0.0.1 whose answers each test scripts by path. */
async function startFileHost() {
  const server = http.createServer((req, res) => {
    if (req.url === '/broken.mp4') {
      // Promises 30 kB, sends half, then drops the connection.
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': '30000' });
      res.write(Buffer.alloc(15_000, 1), () => res.destroy());
      return;
    }
    if (req.url === '/big-chunked.mp4') {
      res.writeHead(200, { 'content-type': 'video/mp4' });
      res.end(Buffer.alloc(50_000, 2));
      return;
    }
    if (req.url === '/big-declared.mp4') {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': '50000' });
      res.end(Buffer.alloc(50_000, 2));
      return;
    }
    if (req.url === '/page.mp4') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>expired</html>');
      return;
    }
    if (req.url === '/away.mp4') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' });
      res.end();
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { host, url: `http://${host}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('download_video', () => {
  let h: Harness;
  let files: Awaited<ReturnType<typeof startFileHost>>;
  let out: string;
  beforeAll(async () => {
    files = await startFileHost();
    h = await startHarness({
      env: {
        VIDEOGEN_AUTO_APPROVE_CREDITS: '100000',
        VIDEOGEN_SANDBOX_RENDER_SECONDS: '5',
        VIDEOGEN_TIME_SCALE: '100',
        VIDEOGEN_DOWNLOAD_HOSTS: files.host,
        VIDEOGEN_DOWNLOAD_MAX_BYTES: '40000',
      },
    });
    out = h.app.deps.config.download.outputDir;
  });
  afterAll(async () => {
    await h.close();
    await files.close();
  });

  const leftovers = () => (existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.part')) : []);

  it('saves a finished Samsar render byte for byte, with its duration from the MP4 header', async () => {
    const id = await startSamsarRender(h);
    await h.call('wait_for_job', { provider: 'samsar', id, max_wait_seconds: 600 });
    const r = await h.call('download_video', { provider: 'samsar', id });
    expect(r.isError, h.text(r)).toBeFalsy();
    const s = r.structuredContent!;
    expect(s.path).toBe(path.join(out, `${id}.mp4`));
    expect(s.duration_seconds).toBe(10);
    const served = Buffer.from(await (await fetch(s.url as string)).arrayBuffer());
    const saved = readFileSync(s.path as string);
    expect(s.bytes).toBe(served.length);
    expect(sha(saved)).toBe(sha(served));
    expect(h.text(r)).toContain(`${served.length} bytes, 10 s`);

    const again = await h.call('download_video', { provider: 'samsar', id });
    expect(again.isError).toBe(true);
    expect(errorCode(again)).toBe('file_exists');
    const replaced = await h.call('download_video', { provider: 'samsar', id, overwrite: true });
    expect(replaced.isError).toBeFalsy();

    const named = await h.call('download_video', { url: s.url, filename: 'launch teaser?.mp4' });
    expect(named.structuredContent?.path).toBe(path.join(out, 'launch teaser_.mp4'));
    expect(leftovers()).toEqual([]);
  });

  it('refuses a name that leaves the output folder, before fetching anything', async () => {
    const before = h.sandbox.requests.entries.length;
    for (const filename of ['../escape.mp4', '..', '/tmp/abs.mp4', 'a\\..\\b.mp4']) {
      const r = await h.call('download_video', { provider: 'samsar', id: 'vid_x', filename });
      expect(r.isError, filename).toBe(true);
      expect(errorCode(r)).toBe('invalid_input');
    }
    expect(h.sandbox.requests.entries.length).toBe(before);
    expect(existsSync(path.join(out, '..', 'escape.mp4'))).toBe(false);
  });

  it('says a pending job has nothing to save yet and points to wait_for_job', async () => {
    const id = await startSamsarRender(h);
    const r = await h.call('download_video', { provider: 'samsar', id });
    expect(r.isError).toBe(true);
    expect(errorCode(r)).toBe('job_not_finished');
    expect(h.text(r)).toContain('wait_for_job');
  });

  it('only fetches http(s) URLs from provider hosts', async () => {
    for (const url of [
      'http://example.com/video.mp4',
      'file:///etc/passwd',
      'http://169.254.169.254/x.mp4',
    ]) {
      const r = await h.call('download_video', { url });
      expect(r.isError, url).toBe(true);
      expect(errorCode(r), url).toBe('download_refused');
    }
    const redirected = await h.call('download_video', { url: `${files.url}/away.mp4` });
    expect(errorCode(redirected)).toBe('download_refused');
  });

  it('removes the partial file when the connection drops mid-way', async () => {
    const r = await h.call('download_video', { url: `${files.url}/broken.mp4` });
    expect(r.isError).toBe(true);
    expect(errorCode(r)).toBe('download_failed');
    expect(existsSync(path.join(out, 'broken.mp4'))).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('enforces the size cap, declared or not, and keeps nothing', async () => {
    for (const name of ['big-chunked.mp4', 'big-declared.mp4']) {
      const r = await h.call('download_video', { url: `${files.url}/${name}` });
      expect(errorCode(r), name).toBe('download_too_large');
      expect(existsSync(path.join(out, name))).toBe(false);
    }
    expect(leftovers()).toEqual([]);
  });

  it('refuses a page that is not a video', async () => {
    const r = await h.call('download_video', { url: `${files.url}/page.mp4` });
    expect(errorCode(r)).toBe('download_refused');
    expect(h.text(r)).toContain('text/html');
    expect(existsSync(path.join(out, 'page.mp4'))).toBe(false);
  });
});
