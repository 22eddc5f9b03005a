/**
 * The sandbox as faithful as a user's pipeline needs: the MP4 a render produces has the aspect ratio
 * that was asked for (read from the video track header of the downloaded file), and each vendor's
 * routes answer bad JSON, unknown routes and oversized bodies in that vendor's own error shape.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMp4Dimensions } from '../../src/media/mp4-dimensions.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { AI_JOB, RENDER } from '../helpers/jobs.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;
const IMG = 'https://cdn.example.com/a.png';

describe('sandbox results in the requested aspect ratio', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: {
        VIDEOGEN_AUTO_APPROVE_CREDITS: '100000',
        VIDEOGEN_AUTO_APPROVE_QUOTA: '1',
        VIDEOGEN_SANDBOX_RENDER_SECONDS: '2',
        VIDEOGEN_TIME_SCALE: '1000',
      },
    });
  });
  afterAll(() => h.close());

  /** Follows a job to its end, saves it, and reads the saved file's picture size. */
  const savedSize = async (job: { provider: string; id: string }) => {
    const done = await h.call('wait_for_job', { ...job, max_wait_seconds: 600 });
    expect(sc(done).state, h.text(done)).toBe('completed');
    const saved = await h.call('download_video', { ...job, filename: `${job.provider}-${job.id}.mp4` });
    expect(saved.isError, h.text(saved)).toBeFalsy();
    return readMp4Dimensions(readFileSync(sc(saved).path));
  };
  const jobOf = (r: { structuredContent?: Record<string, unknown> }) => {
    expect(sc(r).job, JSON.stringify(r.structuredContent)).toBeDefined();
    return sc(r).job as { provider: string; id: string };
  };

  it.each([
    ['16:9', { width: 160, height: 90 }],
    ['9:16', { width: 90, height: 160 }],
  ])('Samsar text_to_video %s', async (aspect_ratio, size) => {
    const r = await h.call('samsar_text_to_video', { ...RENDER, aspect_ratio });
    expect(await savedSize(jobOf(r))).toEqual(size);
  });

  it('Samsar image_list_to_video 9:16 gives a portrait video', async () => {
    const r = await h.call('samsar_image_list_to_video', { image_urls: [IMG, IMG], aspect_ratio: '9:16' });
    expect(await savedSize(jobOf(r))).toEqual({ width: 90, height: 160 });
  });

  it.each([
    ['9:16', { width: 90, height: 160 }],
    ['1:1', { width: 120, height: 120 }],
    ['16:9', { width: 160, height: 90 }],
  ])('SamAutomation mix_video %s', async (aspect_ratio, size) => {
    const r = await h.call('samautomation_mix_video', {
      media_list: [{ type: 'image', url: IMG, duration: 3 }],
      settings: { aspect_ratio },
    });
    expect(await savedSize(jobOf(r))).toEqual(size);
  });

  it('a SamAutomation AI job with options.aspect_ratio 9:16 gives a portrait video', async () => {
    const r = await h.call('samautomation_create_ai_job', {
      ...AI_JOB,
      options: { ...AI_JOB.options, aspect_ratio: '9:16' },
    });
    expect(await savedSize(jobOf(r))).toEqual({ width: 90, height: 160 });
  });
});

describe("each vendor's error shape on its own routes", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const send = async (path: string, init: RequestInit) => {
    const res = await fetch(`${h.sandbox.url}${path}`, init);
    return { status: res.status, body: (await res.json()) as Loose };
  };
  const samsarAuth = () => ({
    authorization: `Bearer ${h.sandbox.keys.samsar}`,
    'content-type': 'application/json',
  });
  const samautomationAuth = () => ({
    'x-api-key': h.sandbox.keys.samautomation,
    'content-type': 'application/json',
  });

  it('Samsar answers {error} to bad JSON, an unknown route and an oversized body', async () => {
    const bad = await send('/samsar/v1/video/text_to_video', {
      method: 'POST',
      headers: samsarAuth(),
      body: '{"input": {',
    });
    expect(bad).toEqual({ status: 400, body: { error: 'Invalid JSON in request body' } });
    const unknown = await send('/samsar/v1/video/nothing_here', { method: 'GET', headers: samsarAuth() });
    expect(unknown.status).toBe(404);
    expect(Object.keys(unknown.body)).toEqual(['error']);
    const big = await send('/samsar/v1/video/text_to_video', {
      method: 'POST',
      headers: samsarAuth(),
      body: JSON.stringify({ input: { prompt: 'x'.repeat(6 * 1024 * 1024) } }),
    });
    expect(big).toEqual({ status: 413, body: { error: 'Payload too large' } });
  });

  it("SamAutomation answers {success: false, message} with its reference's wording", async () => {
    const bad = await send('/samautomation/api/function/video-generation/mix-video', {
      method: 'POST',
      headers: samautomationAuth(),
      body: '{"media_list": [',
    });
    expect(bad).toEqual({ status: 400, body: { success: false, message: 'Invalid JSON data' } });
    const unknown = await send('/samautomation/api/nothing-here', {
      method: 'GET',
      headers: samautomationAuth(),
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ success: false, message: expect.any(String) });
  });
});
