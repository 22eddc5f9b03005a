/**
 * Quota-class renders (one video of the SamAutomation monthly plan) through the cost gate against the
 * sandbox: refused without confirmation, sent once with a token, auto-approved only when
 * VIDEOGEN_AUTO_APPROVE_QUOTA=1, and a plan limit reached upstream charges nothing.
 */
import { describe, expect, it } from 'vitest';
import { type Harness, ledgerRecords, startHarness } from '../helpers/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

const IMG = 'https://cdn.example.com/a.jpg';
const MIX = { media_list: [{ type: 'image', url: IMG, duration: 3 }] };
const ADVANCED = (mode: 'preview' | 'full') => ({
  output_settings: { aspect_ratio: '16:9', resolution: '1080p', framerate: 30 },
  media_inputs: { main_clips: [{ type: 'image', url: IMG, duration: 3 }] },
  render_options: { mode },
});

async function withHarness(env: Record<string, string>, fn: (h: Harness) => Promise<void>) {
  const h = await startHarness({ env });
  try {
    await fn(h);
  } finally {
    await h.close();
  }
}

const writes = (h: Harness) => h.sandbox.requests.writes('samautomation').length;
const tasksUsed = async (h: Harness) =>
  sc(await h.call('samautomation_usage_summary', {})).result.data.totals.tasks as number;

describe('quota renders', () => {
  it('refuse without confirmation, quote one plan video with the usage summary, send once with a token', () =>
    withHarness({}, async (h) => {
      const refused = await h.call('samautomation_mix_video', MIX);
      expect(sc(refused).code).toBe('confirmation_required');
      expect(h.text(refused)).toContain('1 video of the SamAutomation monthly plan');
      expect(writes(h)).toBe(0);

      const e = sc(await h.call('estimate_cost', { tool: 'samautomation_mix_video', arguments: MIX }));
      expect(e).toMatchObject({
        billing: 'quota',
        credits: 0,
        formula: 'quota = 1 video of the monthly plan',
      });
      expect(e.assumptions.join(' ')).toContain('Usage summary: 0 task(s)');
      const before = await tasksUsed(h);
      const r = await h.call('samautomation_mix_video', { ...MIX, confirmation_token: e.confirmation_token });
      expect(r.isError, h.text(r)).toBeFalsy();
      expect(sc(r).cost).toMatchObject({ billing: 'quota', confirmed_by: 'token' });
      const again = await h.call('samautomation_mix_video', {
        ...MIX,
        confirmation_token: e.confirmation_token,
      });
      expect(sc(again).replay).toBe(true);
      expect((await tasksUsed(h)) - before).toBe(1);
      expect(writes(h)).toBe(1);

      const report = sc(await h.call('spending_report', {}));
      expect(report.by_tool).toContainEqual(
        expect.objectContaining({ tool: 'samautomation_mix_video', credits: 0, calls: 1, quota_videos: 1 }),
      );
    }));

  it('the advanced preview is free and needs no confirmation; a full render does', () =>
    withHarness({}, async (h) => {
      const preview = await h.call('samautomation_advanced_video', ADVANCED('preview'));
      expect(preview.isError, h.text(preview)).toBeFalsy();
      expect(sc(preview).cost).toBeUndefined();
      const free = sc(
        await h.call('estimate_cost', {
          tool: 'samautomation_advanced_video',
          arguments: ADVANCED('preview'),
        }),
      );
      expect(free).toMatchObject({ billing: 'free', credits: 0 });
      expect(free.confirmation_token).toBeUndefined();
      const before = writes(h);
      const full = await h.call('samautomation_advanced_video', ADVANCED('full'));
      expect(sc(full).code).toBe('confirmation_required');
      expect(writes(h)).toBe(before);
    }));

  it('VIDEOGEN_AUTO_APPROVE_QUOTA=1 sends plan renders without asking, never a purchase', () =>
    withHarness({ VIDEOGEN_AUTO_APPROVE_QUOTA: '1' }, async (h) => {
      const r = await h.call('samautomation_simple_video', MIX);
      expect(r.isError, h.text(r)).toBeFalsy();
      expect(sc(r).cost).toMatchObject({ billing: 'quota', confirmed_by: 'auto_approve' });
      const pack = await h.call('samautomation_buy_video_pack', { pack_id: '1' });
      expect(sc(pack).code).toBe('confirmation_required');
      expect(writes(h)).toBe(1);
    }));

  it('a plan limit reached upstream charges nothing and leaves the token usable', () =>
    // The sandbox key is on the free tier (5 videos a month) and may create 5 per minute; simulated
    // time runs 1000x faster, so the minute passes in 60 ms.
    withHarness({ VIDEOGEN_AUTO_APPROVE_QUOTA: '1', VIDEOGEN_TIME_SCALE: '1000' }, async (h) => {
      for (let i = 0; i < 5; i++) {
        const ok = await h.call('samautomation_mix_video', MIX);
        expect(ok.isError, h.text(ok)).toBeFalsy();
      }
      // Past the per-minute rate limit, so the refusal is the plan's.
      await new Promise((r) => setTimeout(r, 100));
      const e = sc(await h.call('estimate_cost', { tool: 'samautomation_mix_video', arguments: MIX }));
      const call = () =>
        h.call('samautomation_mix_video', { ...MIX, confirmation_token: e.confirmation_token });
      const over = await call();
      expect(sc(over)).toMatchObject({ status: 403 });
      expect(h.text(over)).toContain('Free tier limit reached');
      const mine = (await ledgerRecords(h.app)).filter((x) => x.confirmed_by === 'token');
      expect(mine.map((x) => x.outcome)).toEqual(['rejected']);
      // Not spent: the same token is tried again (and refused again by the plan).
      expect(h.text(await call())).toContain('Free tier limit reached');
      expect(writes(h)).toBe(7);
      const report = sc(await h.call('spending_report', {}));
      expect(report.by_tool).toContainEqual(
        expect.objectContaining({ tool: 'samautomation_mix_video', calls: 5, quota_videos: 5 }),
      );
    }));
});
