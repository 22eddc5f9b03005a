/**
 * Principals over HTTP: VIDEOGEN_HTTP_TOKENS gives each agent or person a token of its own. The
 * token names who is calling, in both protocol eras: every ledger record carries that principal,
 * each principal's daily_budget holds for it and VIDEOGEN_DAILY_CREDIT_BUDGET for all of them
 * together, idempotency keys are per principal, spending_report shows a principal its own
 * submissions, and a 2025-era session answers only the principal that opened it. The single
 * VIDEOGEN_HTTP_TOKEN is the one principal `default`, which sees everyone's spending.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerRecords, startHarness } from '../helpers/harness.js';
import {
  type ConnectedClient,
  connectClient,
  type HttpHarness,
  openRawSession,
  rawSessionRequest,
  startHttpHarness,
} from '../helpers/http-server.js';
import { shortRender } from '../helpers/jobs.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

const ALICE = 'alice-token-0123456789abcdef';
const BOB = 'bob-token-0123456789abcdef-xyz';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('principals from VIDEOGEN_HTTP_TOKENS', () => {
  let h: HttpHarness;
  let alice: ConnectedClient;
  let bob: ConnectedClient;
  const writes = () => h.sandbox.requests.writes('samsar').length;
  beforeAll(async () => {
    h = await startHttpHarness({
      VIDEOGEN_HTTP_TOKENS: JSON.stringify([
        { name: 'alice', token: ALICE, daily_budget: 450 },
        { name: 'bob', token: BOB },
      ]),
      VIDEOGEN_DAILY_CREDIT_BUDGET: '750',
      VIDEOGEN_AUTO_APPROVE_CREDITS: '1000',
    });
    alice = await connectClient(h.url, '2026', bearer(ALICE));
    bob = await connectClient(h.url, 'v1', bearer(BOB));
  });
  afterAll(async () => {
    await alice.close();
    await bob.close();
    await h.close();
  });

  it('records every submission under the principal its token names, in both eras', async () => {
    const a = await alice.callTool('samsar_text_to_video', shortRender('alice 1'));
    const b = await bob.callTool('samsar_text_to_video', shortRender('bob 1'));
    expect(a.isError, JSON.stringify(a)).toBeFalsy();
    expect(b.isError, JSON.stringify(b)).toBeFalsy();
    const byId = new Map((await ledgerRecords(h.app)).map((r) => [r.id, r]));
    expect(byId.get(sc(a).cost.ledger_id)?.principal).toBe('alice');
    expect(byId.get(sc(b).cost.ledger_id)?.principal).toBe('bob');
  });

  it("holds each principal's daily_budget for it alone, and the shared budget for all together", async () => {
    // alice has 150 of her 450 counted: two more fit, the third is hers to be refused.
    for (const n of [2, 3]) {
      const r = await alice.callTool('samsar_text_to_video', shortRender(`alice ${n}`));
      expect(r.isError, JSON.stringify(r)).toBeFalsy();
    }
    const before = writes();
    const own = await alice.callTool('samsar_text_to_video', shortRender('alice 4'));
    expect(sc(own)).toMatchObject({
      code: 'over_daily_budget',
      principal: 'alice',
      spent_today: 450,
      limit: 450,
      credits: 150,
    });
    expect(sc(own).message).toContain('its daily_budget (450)');
    const quote = await alice.callTool('estimate_cost', {
      tool: 'samsar_text_to_video',
      arguments: shortRender('a5'),
    });
    expect(sc(quote).assumptions.join(' ')).toContain('The call would be refused now');

    // bob has no budget of his own: the shared 750 (600 counted) leaves him one more call.
    expect((await bob.callTool('samsar_text_to_video', shortRender('bob 2'))).isError).toBeFalsy();
    const shared = await bob.callTool('samsar_text_to_video', shortRender('bob 3'));
    expect(sc(shared)).toMatchObject({ code: 'over_daily_budget', spent_today: 750, limit: 750 });
    expect(sc(shared).principal).toBeUndefined();
    expect(writes()).toBe(before + 1);
  });

  it('shows a principal its own spending, and everyone the same provider balances', async () => {
    const mine = sc(await alice.callTool('spending_report', { days: 1 }));
    const his = sc(await bob.callTool('spending_report', { days: 1 }));
    expect(mine.principal).toBe('alice');
    expect(mine.by_provider).toEqual([
      { provider: 'samsar', credits: 450, calls: 3, quota_videos: 0, checkouts: 0 },
    ]);
    expect(his.by_provider).toEqual([
      { provider: 'samsar', credits: 300, calls: 2, quota_videos: 0, checkouts: 0 },
    ]);
    expect(mine.budget_today).toMatchObject({
      principal: 'alice',
      spent: 450,
      daily_budget: 450,
      shared_left: 0,
    });
    expect(his.budget_today).toMatchObject({
      principal: 'bob',
      spent: 300,
      shared_budget: 750,
      shared_left: 0,
    });
    expect(mine.providers.samsar.credits_remaining).toBe(his.providers.samsar.credits_remaining);
  });

  it('keeps idempotency keys apart per principal', async () => {
    // A budget-free tool of the other provider, so the budgets spent above do not stand in the way.
    const args = { media_list: [{ type: 'image', url: 'https://cdn.example.com/a.jpg', duration: 3 }] };
    const quota = { ...args, idempotency_key: 'nightly-reel' };
    const before = h.sandbox.requests.writes('samautomation').length;
    const tokenFor = async (c: ConnectedClient) =>
      sc(await c.callTool('estimate_cost', { tool: 'samautomation_mix_video', arguments: args }))
        .confirmation_token;
    const a1 = await alice.callTool('samautomation_mix_video', {
      ...quota,
      confirmation_token: await tokenFor(alice),
    });
    const b1 = await bob.callTool('samautomation_mix_video', {
      ...quota,
      confirmation_token: await tokenFor(bob),
    });
    expect(a1.isError, JSON.stringify(a1)).toBeFalsy();
    expect(b1.isError, JSON.stringify(b1)).toBeFalsy();
    expect(sc(b1).cost.ledger_id).not.toBe(sc(a1).cost.ledger_id);
    // alice's key again, even with a new confirmation: her first result, nothing sent.
    const again = await alice.callTool('samautomation_mix_video', {
      ...quota,
      confirmation_token: await tokenFor(alice),
    });
    expect(sc(again)).toMatchObject({ replay: true, cost: { ledger_id: sc(a1).cost.ledger_id } });
    expect(h.sandbox.requests.writes('samautomation').length).toBe(before + 2);
  });

  it("answers a 2025-era session only to the principal that opened it (another's gets 404)", async () => {
    const id = await openRawSession(h.url, { headers: bearer(ALICE) });
    const list = { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} };
    const theirs = await rawSessionRequest(h.url, id, list, { headers: bearer(BOB) });
    expect(theirs.status).toBe(404);
    const hers = await rawSessionRequest(h.url, id, list, { headers: bearer(ALICE) });
    expect(hers.status).toBe(200);
  });

  it('refuses an unknown token, and never logs or forwards one', async () => {
    await expect(connectClient(h.url, '2026', bearer('carol-token-0123456789abcdef'))).rejects.toThrow();
    const logs = h.logs.join('\n');
    for (const token of [ALICE, BOB]) {
      expect(logs).not.toContain(token);
      for (const req of h.sandbox.requests.entries) expect(JSON.stringify(req)).not.toContain(token);
    }
  });
});

describe('the single VIDEOGEN_HTTP_TOKEN', () => {
  it("is the principal 'default', which sees everyone's spending (the local user's too)", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'videogen-default-principal-'));
    const env = { VIDEOGEN_DATA_DIR: dataDir, VIDEOGEN_AUTO_APPROVE_CREDITS: '1000' };
    const local = await startHarness({ env });
    try {
      expect((await local.call('samsar_text_to_video', shortRender('from stdio'))).isError).toBeFalsy();
    } finally {
      await local.close();
    }
    const TOKEN = 'the-single-token-0123456789';
    const h = await startHttpHarness({ ...env, VIDEOGEN_HTTP_TOKEN: TOKEN });
    const c = await connectClient(h.url, '2026', bearer(TOKEN));
    try {
      const r = await c.callTool('samsar_text_to_video', shortRender('over http'));
      expect(r.isError, JSON.stringify(r)).toBeFalsy();
      expect(await h.app.deps.store.get(sc(r).cost.ledger_id)).toMatchObject({ principal: 'default' });
      const report = sc(await c.callTool('spending_report', { days: 1 }));
      expect(report.principal).toBeUndefined();
      expect(report.by_provider).toEqual([
        { provider: 'samsar', credits: 300, calls: 2, quota_videos: 0, checkouts: 0 },
      ]);
    } finally {
      await c.close();
      await h.close();
    }
  });
});
