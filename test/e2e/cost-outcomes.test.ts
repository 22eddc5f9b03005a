/**
 * What a confirmation means when the provider does not simply accept: a time-out after the request
 * was written, or a 200 whose JSON is cut off, leaves the outcome unknown and a retry with that token
 * resubmits nothing; the provider's JSON refusal (4xx) provably charged nothing and frees the token.
 * Samsar is a local fake on 127.0.0.1 here.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SUPPORTED_MODELS } from '../../src/sandbox/samsar/reference-data.js';
import { type Era, type Harness, startHarness } from '../helpers/harness.js';

const ARGS = { prompt: 'Clouds', image_model: 'GPTIMAGE2', video_model: 'RUNWAYML', duration: 10 };

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

type Answer = 'hang' | 402 | 200 | 'over' | 'truncated';

async function fakeSamsar(answers: Answer[]) {
  const posts: unknown[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      if (req.method === 'GET' && req.url?.endsWith('/video/supported_models')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(SUPPORTED_MODELS));
        return;
      }
      posts.push(JSON.parse(body || '{}'));
      const answer = answers[posts.length - 1] ?? 200;
      if (answer === 'hang') return; // accepted, never answered
      if (answer === 'truncated') {
        // Accepted and charged, but the body is cut off after its first field.
        const full = JSON.stringify({ request_id: `vid_${posts.length}`, session_id: `vid_${posts.length}` });
        res.writeHead(200, { 'content-type': 'application/json' }).end(full.slice(0, full.indexOf(',') + 6));
        return;
      }
      if (answer === 402) {
        res.writeHead(402, { 'content-type': 'application/json' }).end('{"error":"Insufficient credits"}');
        return;
      }
      res
        .writeHead(200, {
          'content-type': 'application/json',
          'x-credits-charged': answer === 'over' ? '350' : '300',
        })
        .end(JSON.stringify({ request_id: `vid_${posts.length}`, session_id: `vid_${posts.length}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return {
    url,
    posts,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe.each(['2025', '2026'] as Era[])('submission outcomes (%s client)', (era) => {
  let h: Harness | undefined;
  let fake: Awaited<ReturnType<typeof fakeSamsar>> | undefined;
  afterEach(async () => {
    await h?.close();
    await fake?.close();
  });

  const start = async (answers: Answer[], env: Record<string, string> = {}) => {
    fake = await fakeSamsar(answers);
    h = await startHarness({
      era,
      env: {
        VIDEOGEN_SANDBOX: '0',
        SAMSAR_API_KEY: 'fake-samsar-key-123',
        SAMSAR_BASE_URL: fake.url,
        VIDEOGEN_RESPONSE_TIMEOUT_MS: '300',
        ...env,
      },
    });
    const e = await h.call('estimate_cost', { tool: 'samsar_text_to_video', arguments: ARGS });
    return sc(e).confirmation_token as string;
  };

  it('a time-out after sending marks the outcome unknown; the same token never resubmits', async () => {
    const token = await start(['hang', 200]);
    const r = await h!.call('samsar_text_to_video', { ...ARGS, confirmation_token: token });
    expect(r.isError).toBe(true);
    expect(sc(r).code).toBe('outcome_unknown');
    expect(h!.text(r)).toContain('samsar_list_completed_sessions');
    const again = await h!.call('samsar_text_to_video', { ...ARGS, confirmation_token: token });
    expect(sc(again).code).toBe('outcome_unknown');
    expect(h!.text(again)).toContain('Nothing was sent again');
    expect(fake!.posts).toHaveLength(1);
    const report = await h!.call('spending_report', {});
    expect(sc(report).unknown_outcomes).toHaveLength(1);
  });

  it('a 200 whose JSON is cut off may have been charged: the result names the id it still showed', async () => {
    const token = await start(['truncated', 200]);
    const r = await h!.call('samsar_text_to_video', { ...ARGS, confirmation_token: token });
    expect(sc(r), h!.text(r)).toMatchObject({
      code: 'outcome_unknown',
      outcome: 'unknown',
      may_have_been_charged: true,
      request_id: 'vid_1',
    });
    expect(h!.text(r)).toContain('may have been charged');
    expect(h!.text(r)).toContain('wait_for_job {provider: "samsar", id: "vid_1"}');
    expect(h!.text(r)).not.toContain('check the base URL');
    const again = await h!.call('samsar_text_to_video', { ...ARGS, confirmation_token: token });
    expect(sc(again)).toMatchObject({ code: 'outcome_unknown', request_id: 'vid_1' });
    expect(fake!.posts).toHaveLength(1);
    const report = sc(await h!.call('spending_report', {}));
    expect(report.unknown_outcomes).toEqual([
      expect.objectContaining({ outcome: 'unknown', request_id: 'vid_1' }),
    ]);
  });

  it('a refusal by the provider charges nothing and leaves the token usable', async () => {
    const token = await start([402, 200]);
    const r = await h!.call('samsar_text_to_video', { ...ARGS, confirmation_token: token });
    expect(sc(r)).toMatchObject({ code: 'upstream_payment_required', outcome: 'rejected' });
    expect(h!.text(r)).toContain('nothing was charged');
    const again = await h!.call('samsar_text_to_video', { ...ARGS, confirmation_token: token });
    expect(again.isError, h!.text(again)).toBeFalsy();
    expect(sc(again).replay).toBeUndefined();
    const third = await h!.call('samsar_text_to_video', { ...ARGS, confirmation_token: token });
    expect(sc(third).replay).toBe(true);
    expect(fake!.posts).toHaveLength(2);
  });
  it('an auto-approved call whose outcome is unknown is not auto-approved again: a person must confirm', async () => {
    await start(['hang', 200], { VIDEOGEN_AUTO_APPROVE_CREDITS: '1000' });
    const first = await h!.call('samsar_text_to_video', ARGS);
    expect(sc(first).code).toBe('outcome_unknown');
    const retry = await h!.call('samsar_text_to_video', ARGS);
    expect(sc(retry).code).toBe('confirmation_required');
    expect(h!.text(retry)).toContain('An identical call at');
    expect(h!.text(retry)).toContain('may already have been charged');
    expect(fake!.posts).toHaveLength(1);
    // Other arguments are not a retry: still auto-approved.
    const other = await h!.call('samsar_text_to_video', { ...ARGS, duration: 5 });
    expect(other.isError, h!.text(other)).toBeFalsy();
    expect(sc(other).cost.confirmed_by).toBe('auto_approve');
    // The person may confirm the identical call explicitly.
    const confirmed = await h!.call('samsar_text_to_video', {
      ...ARGS,
      confirmation_token: sc(retry).confirmation_token,
    });
    expect(confirmed.isError, h!.text(confirmed)).toBeFalsy();
    expect(fake!.posts).toHaveLength(3);
  });
  it('says so when the provider charged more than the confirmed quote', async () => {
    const token = await start(['over']);
    const r = await h!.call('samsar_text_to_video', { ...ARGS, confirmation_token: token });
    expect(r.isError, h!.text(r)).toBeFalsy();
    expect(sc(r).cost).toMatchObject({ quoted: 300, charged: 350, charged_above_quote: true });
    expect(h!.text(r)).toContain('charged 350 credits, more than the 300 quoted');
    const report = sc(await h!.call('spending_report', {}));
    expect(report.by_provider[0]).toMatchObject({ provider: 'samsar', credits: 350 });
  });
});
