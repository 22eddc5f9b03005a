/**
 * Auto-approve, budgets, token expiry, concurrency and the ledger across a restart, through a real
 * client against the sandbox.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { type Harness, ledgerRecords, startHarness } from '../helpers/harness.js';

const ARGS = {
  prompt: 'Clouds over a city',
  image_model: 'GPTIMAGE2',
  video_model: 'RUNWAYML',
  duration: 10,
};

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

async function withHarness(env: Record<string, string>, fn: (h: Harness) => Promise<void>) {
  const h = await startHarness({ env });
  try {
    await fn(h);
  } finally {
    await h.close();
  }
}

async function tokenFor(h: Harness, args: Record<string, unknown> = ARGS): Promise<string> {
  const e = await h.call('estimate_cost', { tool: 'samsar_text_to_video', arguments: args });
  expect(e.isError, h.text(e)).toBeFalsy();
  return sc(e).confirmation_token;
}

describe('auto-approve', () => {
  it('sends calls quoted within VIDEOGEN_AUTO_APPROVE_CREDITS without asking, and refuses larger ones', () =>
    withHarness({ VIDEOGEN_AUTO_APPROVE_CREDITS: '300' }, async (h) => {
      const ok = await h.call('samsar_text_to_video', ARGS);
      expect(ok.isError, h.text(ok)).toBeFalsy();
      expect(sc(ok).cost).toMatchObject({ confirmed_by: 'auto_approve', quoted: 300 });
      const big = await h.call('samsar_text_to_video', { ...ARGS, duration: 11 });
      expect(sc(big).code).toBe('confirmation_required');
      expect(h.sandbox.requests.writes('samsar')).toHaveLength(1);
    }));

  it('joins two concurrent identical auto-approved calls into one upstream request', () =>
    withHarness({ VIDEOGEN_AUTO_APPROVE_CREDITS: '1000' }, async (h) => {
      const [a, b] = await Promise.all([
        h.call('samsar_text_to_video', ARGS),
        h.call('samsar_text_to_video', ARGS),
      ]);
      expect(a.isError || b.isError).toBeFalsy();
      expect(h.sandbox.requests.writes('samsar')).toHaveLength(1);
      expect(sc(a).job).toEqual(sc(b).job);
      expect([sc(a).replay, sc(b).replay].filter(Boolean)).toHaveLength(1);
    }));
});

describe('tokens', () => {
  it('sends one upstream request for two concurrent calls with the same token', () =>
    withHarness({}, async (h) => {
      const token = await tokenFor(h);
      const calls = await Promise.all(
        [1, 2, 3].map(() => h.call('samsar_text_to_video', { ...ARGS, confirmation_token: token })),
      );
      expect(calls.every((c) => !c.isError)).toBe(true);
      expect(h.sandbox.requests.writes('samsar')).toHaveLength(1);
      expect(calls.filter((c) => sc(c).replay)).toHaveLength(2);
      expect(h.sandbox.samsar.credits.get(h.sandbox.keys.samsar)).toBe(100_000 - 300);
    }));

  it('refuses an expired token and says so', () =>
    // Token validity is wall-clock time (whatever VIDEOGEN_TIME_SCALE): the system date is moved
    // 11 minutes on, past the 10-minute validity; timers stay real.
    withHarness({}, async (h) => {
      const token = await tokenFor(h);
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        vi.setSystemTime(Date.now() + 11 * 60_000);
        const r = await h.call('samsar_text_to_video', { ...ARGS, confirmation_token: token });
        expect(sc(r)).toMatchObject({ code: 'confirmation_invalid', reason: 'expired' });
        expect(h.text(r)).toContain('expired');
      } finally {
        vi.useRealTimers();
      }
      expect(h.sandbox.requests.writes()).toHaveLength(0);
    }));

  it('keeps a token valid for 10 wall-clock minutes, and the ledger on the wall clock, however fast simulated time runs', () =>
    withHarness({ VIDEOGEN_TIME_SCALE: '10000' }, async (h) => {
      const e = await h.call('estimate_cost', { tool: 'samsar_text_to_video', arguments: ARGS });
      const expires = Date.parse(sc(e).expires_at);
      expect(Math.abs(expires - (Date.now() + 10 * 60_000))).toBeLessThan(60_000);
      // 10 simulated minutes pass in 60 ms: the token still works.
      await new Promise((r) => setTimeout(r, 150));
      const r = await h.call('samsar_text_to_video', {
        ...ARGS,
        confirmation_token: sc(e).confirmation_token,
      });
      expect(r.isError, h.text(r)).toBeFalsy();
      // The ledger and the report are on the wall clock too (simulated time is hours ahead by now).
      const [record] = await ledgerRecords(h.app);
      expect(Math.abs(Date.parse(record!.time) - Date.now())).toBeLessThan(60_000);
      const report = sc(await h.call('spending_report', { days: 1 }));
      expect(Math.abs(Date.parse(report.window.to) - Date.now())).toBeLessThan(60_000);
      expect(report.by_day).toEqual([expect.objectContaining({ day: record!.time.slice(0, 10) })]);
    }));
});

describe('budgets', () => {
  it('refuses a confirmed call above VIDEOGEN_MAX_CREDITS_PER_CALL and names the limit', () =>
    withHarness({ VIDEOGEN_MAX_CREDITS_PER_CALL: '299' }, async (h) => {
      const e = await h.call('estimate_cost', { tool: 'samsar_text_to_video', arguments: ARGS });
      expect(sc(e).assumptions.join(' ')).toContain('VIDEOGEN_MAX_CREDITS_PER_CALL');
      const r = await h.call('samsar_text_to_video', {
        ...ARGS,
        confirmation_token: sc(e).confirmation_token,
      });
      expect(sc(r)).toMatchObject({ code: 'over_call_limit', limit: 299 });
      expect(h.text(r)).toContain('VIDEOGEN_MAX_CREDITS_PER_CALL');
      expect(h.sandbox.requests.writes()).toHaveLength(0);
    }));

  it("refuses a call that would take the day's confirmed spend past VIDEOGEN_DAILY_CREDIT_BUDGET", () =>
    withHarness({ VIDEOGEN_DAILY_CREDIT_BUDGET: '500' }, async (h) => {
      const first = await h.call('samsar_text_to_video', { ...ARGS, confirmation_token: await tokenFor(h) });
      expect(first.isError, h.text(first)).toBeFalsy();
      const second = await h.call('samsar_text_to_video', { ...ARGS, confirmation_token: await tokenFor(h) });
      expect(sc(second)).toMatchObject({ code: 'over_daily_budget', spent_today: 300, limit: 500 });
      expect(h.text(second)).toContain('VIDEOGEN_DAILY_CREDIT_BUDGET');
      expect(h.sandbox.requests.writes('samsar')).toHaveLength(1);
    }));
  it('counts only the current UTC day and only what was not refused', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'videogen-budget-'));
    const now = new Date();
    const yesterday = new Date(now.getTime() - 86_400_000).toISOString();
    const line = (id: string, time: string, outcome: string, quoted: number) =>
      JSON.stringify({
        id,
        time,
        tool: 'samsar_text_to_video',
        provider: 'samsar',
        args_hash: 'x',
        billing: 'credits',
        quoted,
        confirmed_by: 'token',
        outcome,
      });
    writeFileSync(
      path.join(dataDir, 'ledger.jsonl'),
      `${[line('y1', yesterday, 'sent', 450), line('t1', now.toISOString(), 'rejected', 450)].join('\n')}\n`,
    );
    await withHarness({ VIDEOGEN_DATA_DIR: dataDir, VIDEOGEN_DAILY_CREDIT_BUDGET: '500' }, async (h) => {
      const r = await h.call('samsar_text_to_video', { ...ARGS, confirmation_token: await tokenFor(h) });
      expect(r.isError, h.text(r)).toBeFalsy();
      const over = await h.call('samsar_text_to_video', { ...ARGS, confirmation_token: await tokenFor(h) });
      expect(sc(over)).toMatchObject({ code: 'over_daily_budget', spent_today: 300 });
    });
  });
});

describe('ledger', () => {
  it('survives a restart: a used token replays, budgets count earlier spend, spending_report sees it', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'videogen-ledger-'));
    const env = { VIDEOGEN_DATA_DIR: dataDir, VIDEOGEN_DAILY_CREDIT_BUDGET: '500' };
    let token = '';
    let job: unknown;
    await withHarness(env, async (h) => {
      token = await tokenFor(h);
      const r = await h.call('samsar_text_to_video', { ...ARGS, confirmation_token: token });
      expect(r.isError, h.text(r)).toBeFalsy();
      job = sc(r).job;
    });
    const lines = readFileSync(path.join(dataDir, 'ledger.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.outcome)).toEqual(['pending', 'sent']);
    expect(lines[1]).toMatchObject({
      tool: 'samsar_text_to_video',
      provider: 'samsar',
      quoted: 300,
      charged: 300,
    });
    expect(lines[1].args_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(lines[1].request_id).toBe((job as { id: string }).id);
    expect(lines[1]).toMatchObject({ confirmed_by: 'token', billing: 'credits', remaining: 100_000 - 300 });

    await withHarness(env, async (h) => {
      const again = await h.call('samsar_text_to_video', { ...ARGS, confirmation_token: token });
      expect(again.isError, h.text(again)).toBeFalsy();
      expect(sc(again)).toMatchObject({ replay: true, job });
      expect(h.sandbox.requests.writes()).toHaveLength(0);

      const over = await h.call('samsar_text_to_video', { ...ARGS, confirmation_token: await tokenFor(h) });
      expect(sc(over).code).toBe('over_daily_budget');

      const report = await h.call('spending_report', {});
      expect(report.isError, h.text(report)).toBeFalsy();
      expect(sc(report).by_provider).toEqual([
        { provider: 'samsar', credits: 300, calls: 1, quota_videos: 0, checkouts: 0 },
      ]);
      expect(sc(report).by_tool[0]).toMatchObject({ tool: 'samsar_text_to_video', credits: 300 });
      expect(sc(report).providers.samsar.credits_remaining).toBe(100_000 - 300);
    });
  });

  it("spending_report totals each provider and joins the providers' own figures", () =>
    withHarness({}, async (h) => {
      await h.call('samsar_text_to_video', { ...ARGS, confirmation_token: await tokenFor(h) });
      const ai = { model_id: 'kling-3-0-pro', prompt: 'A rainy neon city' };
      const e = await h.call('estimate_cost', { tool: 'samautomation_create_ai_job', arguments: ai });
      const job = await h.call('samautomation_create_ai_job', {
        ...ai,
        confirmation_token: sc(e).confirmation_token,
      });
      expect(job.isError, h.text(job)).toBeFalsy();
      const refused = await h.call('samautomation_buy_video_pack', { pack_id: '1' });
      expect(refused.isError).toBe(true);
      const r = sc(await h.call('spending_report', { days: 7 }));
      expect(r.by_provider).toEqual([
        { provider: 'samautomation', credits: 220, calls: 1, quota_videos: 0, checkouts: 0 },
        { provider: 'samsar', credits: 300, calls: 1, quota_videos: 0, checkouts: 0 },
      ]);
      expect(r.by_day).toHaveLength(1);
      expect(r.by_tool.map((t: Loose) => t.tool)).toEqual([
        'samautomation_create_ai_job',
        'samsar_text_to_video',
      ]);
      // The reference's example account: 5450 credits, a 220-credit job leaves 5230.
      expect(r.providers.samautomation).toMatchObject({ credits_remaining: 5230 });
      expect(r.providers.samautomation.credit_balance.data.total_credits).toBe(5230);
      expect(r.providers.samautomation.usage_summary).toMatchObject({
        ok: true,
        data: { data: { window_days: 7 } },
      });
      expect(r.providers.samsar.credits_remaining).toBe(100_000 - 300);
      expect(r.ledger).toBe(path.join(h.app.deps.config.dataDir, 'ledger.jsonl'));
    }));

  it('keeps the signing key private: a 0600 file, never in results or logs', () =>
    withHarness({}, async (h) => {
      // The key is made with the first quote (the guard loads on first use).
      const results = [
        await h.call('estimate_cost', { tool: 'samsar_text_to_video', arguments: ARGS }),
        await h.call('samsar_text_to_video', ARGS),
        await h.call('spending_report', {}),
      ];
      const file = path.join(h.app.deps.config.dataDir, 'confirmation-secret');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const key = readFileSync(file, 'utf8').trim();
      for (const r of results) expect(JSON.stringify(r)).not.toContain(key);
      expect(h.logs.join('\n')).not.toContain(key);
    }));
});

describe('two server processes on one data directory', () => {
  it('send a confirmation at most once between them, and both replay it afterwards', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'videogen-shared-'));
    const a = await startHarness({ env: { VIDEOGEN_DATA_DIR: dataDir } });
    const b = await startHarness({ env: { VIDEOGEN_DATA_DIR: dataDir } });
    try {
      const token = await tokenFor(a);
      const results = await Promise.all(
        [a, b, a, b].map((h) => h.call('samsar_text_to_video', { ...ARGS, confirmation_token: token })),
      );
      const sent = a.sandbox.requests.writes().length + b.sandbox.requests.writes().length;
      expect(sent).toBe(1);
      expect(results.filter((r) => !r.isError && !sc(r).replay)).toHaveLength(1);
      for (const r of results.filter((x) => x.isError)) expect(sc(r).code).toBe('confirmation_in_use');
      for (const h of [a, b]) {
        const later = await h.call('samsar_text_to_video', { ...ARGS, confirmation_token: token });
        expect(sc(later).replay, h.text(later)).toBe(true);
      }
      expect(a.sandbox.requests.writes().length + b.sandbox.requests.writes().length).toBe(1);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('ledger without its claim files', () => {
  it('still never resubmits a recorded confirmation', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'videogen-claims-'));
    const env = { VIDEOGEN_DATA_DIR: dataDir };
    let token = '';
    await withHarness(env, async (h) => {
      token = await tokenFor(h);
      expect(
        (await h.call('samsar_text_to_video', { ...ARGS, confirmation_token: token })).isError,
      ).toBeFalsy();
    });
    rmSync(path.join(dataDir, 'claims'), { recursive: true });
    await withHarness(env, async (h) => {
      const again = await h.call('samsar_text_to_video', { ...ARGS, confirmation_token: token });
      expect(sc(again).replay).toBe(true);
      expect(h.sandbox.requests.writes()).toHaveLength(0);
    });
  });
});

describe('VIDEOGEN_SECRET', () => {
  it('signs tokens any server with the same secret accepts, and no other', async () => {
    const secret = { VIDEOGEN_SECRET: 'a-shared-secret-of-32-characters' };
    let token = '';
    await withHarness(secret, async (h) => {
      token = await tokenFor(h);
    });
    await withHarness({ VIDEOGEN_SECRET: 'another-secret-of-32-characters!' }, async (h) => {
      const r = await h.call('samsar_text_to_video', { ...ARGS, confirmation_token: token });
      expect(sc(r)).toMatchObject({ code: 'confirmation_invalid', reason: 'mismatch' });
      expect(h.sandbox.requests.writes()).toHaveLength(0);
    });
    await withHarness(secret, async (h) => {
      const r = await h.call('samsar_text_to_video', { ...ARGS, confirmation_token: token });
      expect(r.isError, h.text(r)).toBeFalsy();
      expect(h.sandbox.requests.writes('samsar')).toHaveLength(1);
    });
  });
});
