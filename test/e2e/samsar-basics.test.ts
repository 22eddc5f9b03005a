import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.js';

describe('samsar basics through a real client', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { VIDEOGEN_AUTO_APPROVE_CREDITS: '100000' } });
  });
  afterAll(() => h.close());

  it('lists models from the public route without an auth header', async () => {
    const r = await h.call('samsar_list_models');
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent?.sandbox).toBe(true);
    const req = h.sandbox.requests.entries.at(-1)!;
    expect(req.path).toBe('/video/supported_models');
    expect(req.headers.authorization).toBeUndefined();
    expect(h.text(r)).toContain('RUNWAYML 30/s');
  });

  it('sends text_to_video in the documented input envelope and reports the credits headers', async () => {
    const r = await h.call('samsar_text_to_video', {
      prompt: 'Clouds over a city',
      image_model: 'GPTIMAGE2',
      video_model: 'RUNWAYML',
      duration: 10,
      webhook_url: 'https://example.com/hook',
    });
    expect(r.isError).toBeFalsy();
    const req = h.sandbox.requests.writes('samsar').at(-1)!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/video/text_to_video');
    expect(req.headers.authorization).toBe(`Bearer ${h.sandbox.keys.samsar}`);
    expect(req.body).toEqual({
      input: {
        prompt: 'Clouds over a city',
        image_model: 'GPTIMAGE2',
        video_model: 'RUNWAYML',
        duration: 10,
      },
      webhookUrl: 'https://example.com/hook',
    });
    expect(r.structuredContent?.credits).toEqual({ charged: 300, remaining: 100_000 - 300 });
    expect(r.structuredContent?.job).toMatchObject({ provider: 'samsar', kind: 'samsar_session' });
    expect(h.text(r)).toContain('wait_for_job');
  });

  it('refuses a prompt over 1000 characters without sending anything', async () => {
    const before = h.sandbox.requests.writes().length;
    const r = await h.call('samsar_text_to_video', {
      prompt: 'x'.repeat(1001),
      image_model: 'GPTIMAGE2',
      video_model: 'RUNWAYML',
      duration: 10,
    });
    expect(r.isError).toBe(true);
    expect(h.text(r)).toMatch(/prompt/);
    expect(h.sandbox.requests.writes().length).toBe(before);
  });
});
