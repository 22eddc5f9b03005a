/**
 * Quotes follow the providers' live price lists (Samsar's pricingDistribution, SamAutomation's AI
 * model catalogue), read once and cached; when a list cannot be read the reference tables are used
 * and the quote says so. Both providers are one local fake on 127.0.0.1 here.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SUPPORTED_MODELS } from '../../src/sandbox/samsar/reference-data.js';
import { type Harness, startHarness } from '../helpers/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

const TEXT = { prompt: 'Clouds', image_model: 'GPTIMAGE2', video_model: 'RUNWAYML', duration: 10 };

/** The reference list with RUNWAYML's video component raised from 14/s to 17/s. */
function raisedRunway() {
  const copy = structuredClone(SUPPORTED_MODELS) as Loose;
  const m = copy.VIDEO_MODELS.find((x: Loose) => x.value === 'RUNWAYML');
  m.pricingDistribution.video = 17;
  m.pricingDistribution.total = 33;
  return copy;
}

interface Fake {
  gets: string[];
  close(): Promise<void>;
  samsarUrl: string;
  samautomationUrl: string;
}

async function fakeProviders(live: boolean, usage?: unknown): Promise<Fake> {
  const gets: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    gets.push(path);
    const send = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (!live) return send(404, { error: 'Not found' });
    if (path === '/v1/video/supported_models') return send(200, raisedRunway());
    if (path === '/api/ai/models') {
      return send(200, { success: true, models: [{ id: 'kling-3-0', credits: 99, capabilities: ['t2v'] }] });
    }
    if (path === '/api/function/video-generation/usage-summary' && usage) return send(200, usage);
    return send(404, { error: 'Not found' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    gets,
    samsarUrl: `${base}/v1`,
    samautomationUrl: base,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe('live price lists', () => {
  let h: Harness | undefined;
  let fake: Fake | undefined;
  afterEach(async () => {
    await h?.close();
    await fake?.close();
  });

  const start = async (live: boolean, usage?: unknown) => {
    fake = await fakeProviders(live, usage);
    h = await startHarness({
      env: {
        VIDEOGEN_SANDBOX: '0',
        SAMSAR_API_KEY: 'fake-samsar-key-123',
        SAMSAR_BASE_URL: fake.samsarUrl,
        SAMAUTOMATION_API_KEY: 'fake-samautomation-key-123',
        SAMAUTOMATION_BASE_URL: fake.samautomationUrl,
      },
    });
    return h;
  };
  const estimate = (tool: string, args: Record<string, unknown>) =>
    h!.call('estimate_cost', { tool, arguments: args }).then(sc);

  it('quotes Samsar from the live pricingDistribution, read once for many quotes', async () => {
    await start(true);
    const q = await estimate('samsar_text_to_video', TEXT);
    expect(q).toMatchObject({ credits: 330, per_second: 33 });
    expect(q.breakdown).toContainEqual({ item: 'video 17/s', credits: 170 });
    expect(q.assumptions[0]).toContain('live');
    expect((await estimate('samsar_text_to_video', { ...TEXT, duration: 5 })).credits).toBe(165);
    expect(fake!.gets.filter((p) => p.endsWith('/supported_models'))).toHaveLength(1);
  });

  it('quotes AI jobs from the live model catalogue', async () => {
    await start(true);
    const q = await estimate('samautomation_create_ai_job', { model_id: 'kling-3-0', prompt: 'x' });
    expect(q).toMatchObject({ billing: 'credits', credits: 99 });
    expect(q.assumptions[0]).toContain('live');
  });

  it('falls back to the reference tables when the lists cannot be read, and says so', async () => {
    await start(false);
    const s = await estimate('samsar_text_to_video', TEXT);
    expect(s).toMatchObject({ credits: 300, per_second: 30 });
    expect(s.assumptions[0]).toContain('could not be read: reference rates used');
    const a = await estimate('samautomation_create_ai_job', { model_id: 'kling-3-0', prompt: 'x' });
    expect(a.credits).toBe(75);
    expect(a.assumptions[0]).toContain('reference base credits used');
    const resource = await h!.client.readResource({ uri: 'pricing://samsar' });
    expect(JSON.parse(resource.contents[0].text).source).toContain('reference');
  });
  it('quotes a plan render with what the usage summary says is left, where it says so', async () => {
    await start(true, { success: true, data: { remaining: 3 } });
    const q = await estimate('samautomation_simple_video', {
      media_list: [{ type: 'image', url: 'https://cdn.example.com/a.jpg', duration: 3 }],
    });
    expect(q).toMatchObject({ billing: 'quota', credits: 0 });
    expect(q.assumptions).toContain('Usage summary: 3 video(s) left this month.');
  });
});
