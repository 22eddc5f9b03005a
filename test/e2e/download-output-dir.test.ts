/**
 * Downloads work from anywhere: the default output folder is absolute (the user's videos folder,
 * else the user data folder), whatever directory the client starts the server in, and a folder that
 * cannot be created or written is refused with an error that names VIDEOGEN_OUTPUT_DIR, at start
 * when the setting points somewhere impossible, and at download time otherwise.
 */
import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { describe, expect, it } from 'vitest';
import { startHarness } from '../helpers/harness.js';
import { startSamsarRender } from '../helpers/jobs.js';
import { requireBuiltBin, runBin } from '../helpers/spawn-bin.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `videogen-${name}-`));

describe('the default output folder', () => {
  it('is the videos folder under HOME when there is one, shown by --help', async () => {
    const home = tmp('home');
    mkdirSync(path.join(home, 'Videos'));
    const r = await runBin(['--help'], { HOME: home });
    expect(r.stdout).toContain(`(here: ${path.join(home, 'Videos', 'videogen-mcp')})`);
  });

  it('is the data folder (XDG_DATA_HOME) when there is no videos folder', async () => {
    const home = tmp('home');
    const data = tmp('xdg-data');
    const r = await runBin(['--help'], { HOME: home, XDG_DATA_HOME: data });
    expect(r.stdout).toContain(`(here: ${path.join(data, 'videogen-mcp', 'videos')})`);
    const bare = await runBin(['--help'], { HOME: home });
    expect(bare.stdout).toContain(`(here: ${path.join(home, '.local', 'share', 'videogen-mcp', 'videos')})`);
  });

  it('receives a download from a server started in / with no VIDEOGEN_OUTPUT_DIR', async () => {
    const home = tmp('home');
    mkdirSync(path.join(home, 'Videos'));
    const c = new Client({ name: 'output-dir', version: '1.0.0' });
    await c.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [requireBuiltBin()],
        cwd: '/',
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home,
          VIDEOGEN_SANDBOX: '1',
          VIDEOGEN_LOG_LEVEL: 'warn',
          VIDEOGEN_AUTO_APPROVE_CREDITS: '1000',
          VIDEOGEN_SANDBOX_RENDER_SECONDS: '1',
          VIDEOGEN_TIME_SCALE: '100',
          VIDEOGEN_DATA_DIR: tmp('data'),
        },
      }),
    );
    try {
      const call = async (name: string, args: Record<string, unknown>) =>
        (await c.callTool({ name, arguments: args })) as Loose;
      const made = await call('samsar_text_to_video', {
        prompt: 'Clouds over a city',
        image_model: 'GPTIMAGE2',
        video_model: 'RUNWAYML',
        duration: 10,
      });
      const id = made.structuredContent.job.id as string;
      const done = await call('wait_for_job', { provider: 'samsar', id, max_wait_seconds: 60 });
      expect(done.structuredContent.state, JSON.stringify(done.content)).toBe('completed');
      const saved = await call('download_video', { provider: 'samsar', id });
      expect(saved.isError, JSON.stringify(saved.content)).toBeFalsy();
      expect(saved.structuredContent.path).toBe(path.join(home, 'Videos', 'videogen-mcp', `${id}.mp4`));
      expect(statSync(saved.structuredContent.path).size).toBe(saved.structuredContent.bytes);
    } finally {
      await c.close();
    }
  });
});

describe('an output folder that cannot be used', () => {
  it('stops the server at start when VIDEOGEN_OUTPUT_DIR lies under a regular file', async () => {
    const file = path.join(tmp('file'), 'not-a-folder');
    writeFileSync(file, 'x');
    const r = await runBin([], { VIDEOGEN_SANDBOX: '1', VIDEOGEN_OUTPUT_DIR: path.join(file, 'videos') });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      `videogen-mcp: invalid VIDEOGEN_OUTPUT_DIR: ${file} is a file, so ${path.join(file, 'videos')} cannot be created`,
    ]);
  });

  it('refuses a download naming VIDEOGEN_OUTPUT_DIR when the folder cannot be created, fetching nothing', async () => {
    const out = path.join(tmp('out'), 'videos');
    const h = await startHarness({
      env: {
        VIDEOGEN_OUTPUT_DIR: out,
        VIDEOGEN_AUTO_APPROVE_CREDITS: '1000',
        VIDEOGEN_SANDBOX_RENDER_SECONDS: '1',
      },
    });
    try {
      const id = await startSamsarRender(h);
      h.sandbox.samsar.advance(60_000);
      const done = await h.call('samsar_get_status', { session_id: id });
      expect((done.structuredContent!.result as { status?: string }).status, h.text(done)).toBe('COMPLETED');
      // Something took the folder's place after start (tests run as root, where mode bits do not stop writes).
      writeFileSync(out, 'in the way');
      const before = h.sandbox.requests.entries.length;
      const r = await h.call('download_video', { provider: 'samsar', id });
      expect(r.isError).toBe(true);
      expect(r.structuredContent).toMatchObject({ code: 'output_dir_unwritable' });
      expect(h.text(r)).toContain(`Cannot save into ${out}`);
      expect(r.structuredContent!.hint).toContain('VIDEOGEN_OUTPUT_DIR');
      expect(h.text(r)).not.toContain('Internal error');
      expect(h.sandbox.requests.entries.length).toBe(before);
      expect(existsSync(`${out}.part`)).toBe(false);
    } finally {
      await h.close();
    }
  });
});
