/**
 * The cost gate end to end, through real clients of all three eras against the sandbox: nothing is
 * sent without a confirmation, a token binds its exact arguments, and a used token never pays twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Era, type Harness, startHarness } from '../helpers/harness.js';

const ARGS = {
  prompt: 'Clouds over a city',
  image_model: 'GPTIMAGE2',
  video_model: 'RUNWAYML',
  duration: 10,
};
const ERAS: Era[] = ['2025', '2026', 'v1'];

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

describe.each(ERAS)('cost gate (%s client)', (era) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ era });
  });
  afterAll(() => h.close());

  const writes = () => h.sandbox.requests.writes('samsar').length;
  const balance = () => h.sandbox.samsar.credits.get(h.sandbox.keys.samsar);

  it('refuses a paid call without confirmation, states the quote and a token, and sends nothing', async () => {
    const before = writes();
    const r = await h.call('samsar_text_to_video', ARGS);
    expect(r.isError).toBe(true);
    expect(h.text(r)).toContain('This will charge 300 credits (RUNWAYML 30/s x 10 s)');
    const err = sc(r);
    expect(err.code).toBe('confirmation_required');
    expect(err.quote).toMatchObject({
      billing: 'credits',
      credits: 300,
      per_second: 30,
      duration_seconds: 10,
    });
    // Short enough to copy, and said once in the text and once in structuredContent.
    const token = err.confirmation_token as string;
    expect(token).toMatch(/^vg2_[\w-]+$/);
    expect(token.length).toBeLessThanOrEqual(48);
    expect(h.text(r).split(token)).toHaveLength(2);
    expect(JSON.stringify(err).split(token)).toHaveLength(2);
    expect(writes()).toBe(before);
  });

  it('quotes with estimate_cost and sends exactly once with its token; a replay sends nothing', async () => {
    const e = await h.call('estimate_cost', { tool: 'samsar_text_to_video', arguments: ARGS });
    expect(e.isError).toBeFalsy();
    const q = sc(e);
    expect(q).toMatchObject({
      tool: 'samsar_text_to_video',
      billing: 'credits',
      credits: 300,
      per_second: 30,
    });
    expect(q.breakdown.reduce((s: number, b: { credits: number }) => s + b.credits, 0)).toBe(300);
    expect(q.breakdown.map((b: { item: string }) => b.item)).toContain('video 14/s');
    expect(Date.parse(q.expires_at)).toBeGreaterThan(Date.now());
    const before = writes();
    const start = balance()!;
    // Key order differs from the estimate: the token binds the arguments, not their spelling.
    const reordered = {
      duration: 10,
      video_model: 'RUNWAYML',
      image_model: 'GPTIMAGE2',
      prompt: 'Clouds over a city',
    };
    const r = await h.call('samsar_text_to_video', {
      ...reordered,
      confirmation_token: q.confirmation_token,
    });
    expect(r.isError, h.text(r)).toBeFalsy();
    expect(writes()).toBe(before + 1);
    expect(start - balance()!).toBe(300);
    expect(sc(r).cost).toMatchObject({ billing: 'credits', quoted: 300, confirmed_by: 'token' });

    const again = await h.call('samsar_text_to_video', { ...ARGS, confirmation_token: q.confirmation_token });
    expect(again.isError).toBeFalsy();
    expect(sc(again).replay).toBe(true);
    expect(sc(again).job).toEqual(sc(r).job);
    expect(h.text(again)).toMatch(/^Replay: /);
    expect(writes()).toBe(before + 1);
    expect(start - balance()!).toBe(300);
  });

  it('refuses a token for other arguments, another tool, or one that was altered', async () => {
    const e = await h.call('estimate_cost', { tool: 'samsar_text_to_video', arguments: ARGS });
    const token = sc(e).confirmation_token as string;
    expect(token.length).toBeLessThanOrEqual(48);
    const before = writes();

    const other = await h.call('samsar_text_to_video', { ...ARGS, duration: 20, confirmation_token: token });
    expect(other.isError).toBe(true);
    expect(sc(other)).toMatchObject({ code: 'confirmation_invalid', reason: 'mismatch' });
    expect(h.text(other)).toContain('the exact arguments it was quoted for');

    const join = await h.call('samsar_join_videos', { session_ids: ['a', 'b'], confirmation_token: token });
    expect(sc(join)).toMatchObject({ code: 'confirmation_invalid', reason: 'mismatch' });

    // The amount rewritten to 1 credit under the original MAC: flags, expiry, nonce | amount | MAC.
    const bytes = Buffer.from(token.slice(4), 'base64url');
    const forged = Buffer.concat([bytes.subarray(0, 13), Buffer.from([1]), bytes.subarray(-12)]);
    const tampered = await h.call('samsar_text_to_video', {
      ...ARGS,
      confirmation_token: `vg2_${forged.toString('base64url')}`,
    });
    expect(sc(tampered)).toMatchObject({ code: 'confirmation_invalid', reason: 'mismatch' });

    // Any one character changed.
    for (let i = 0; i < token.length; i++) {
      const c = token[i] === 'A' ? 'B' : 'A';
      const flipped = `${token.slice(0, i)}${c}${token.slice(i + 1)}`;
      const bad = await h.call('samsar_text_to_video', { ...ARGS, confirmation_token: flipped });
      expect(sc(bad).code, flipped).toBe('confirmation_invalid');
    }
    expect(writes()).toBe(before);
  });
});

describe.each(ERAS)('elicitation (%s client)', (era) => {
  it('asks the person with the amount and sends once on accept', async () => {
    const h = await startHarness({ era, elicit: () => ({ action: 'accept', content: { confirm: true } }) });
    try {
      const r = await h.call('samsar_text_to_video', ARGS);
      expect(r.isError, h.text(r)).toBeFalsy();
      expect(h.elicitations).toEqual(['This will charge 300 credits (RUNWAYML 30/s x 10 s). Proceed?']);
      expect(h.sandbox.requests.writes('samsar')).toHaveLength(1);
      expect(sc(r).cost).toMatchObject({ confirmed_by: 'elicitation', quoted: 300 });
    } finally {
      await h.close();
    }
  });

  it.each(['decline', 'cancel'] as const)('sends nothing on %s and says so', async (action) => {
    const h = await startHarness({ era, elicit: () => ({ action }) });
    try {
      const r = await h.call('samsar_text_to_video', ARGS);
      expect(r.isError).toBe(true);
      expect(sc(r).code).toBe('confirmation_declined');
      expect(h.text(r)).toContain('nothing was sent');
      expect(h.elicitations).toHaveLength(1);
      expect(h.sandbox.requests.writes()).toHaveLength(0);
    } finally {
      await h.close();
    }
  });
  it('refuses an answer that is neither yes nor no, and sends nothing', async () => {
    const h = await startHarness({
      era,
      elicit: () => ({ action: 'accept', content: { confirm: 'yes please' } }),
    });
    try {
      const r = await h.call('samsar_text_to_video', ARGS);
      expect(sc(r).code).toBe('confirmation_declined');
      expect(h.text(r)).toContain('confirm must be true or false');
      expect(h.sandbox.requests.writes()).toHaveLength(0);
    } finally {
      await h.close();
    }
  });
  it('states ranges and per-job prices in the question, and treats an unticked box as a decline', async () => {
    const answers = [{ confirm: true }, { confirm: true }, { confirm: false }];
    const h = await startHarness({
      era,
      elicit: () => ({ action: 'accept', content: answers.shift() ?? {} }),
    });
    try {
      const images = ['https://cdn.example.com/1.png', 'https://cdn.example.com/2.png'];
      const list = await h.call('samsar_image_list_to_video', {
        image_urls: images,
        video_model: 'RUNWAYML',
      });
      expect(list.isError, h.text(list)).toBeFalsy();
      const ai = await h.call('samautomation_create_ai_job', { model_id: 'kling-3-0-pro', prompt: 'Rain' });
      expect(ai.isError, h.text(ai)).toBeFalsy();
      const pack = await h.call('samautomation_buy_video_pack', { pack_id: '1' });
      expect(sc(pack).code).toBe('confirmation_declined');
      expect(h.elicitations).toEqual([
        'This will charge up to 600 credits (RUNWAYML 30/s x up to 20 s). Proceed?',
        'This will charge 220 credits (kling-3-0-pro 220 per job). Proceed?',
        'This will create a checkout link to buy a video pack (pack 1). Proceed?',
      ]);
      expect(h.sandbox.requests.writes()).toHaveLength(2);
    } finally {
      await h.close();
    }
  });
});
