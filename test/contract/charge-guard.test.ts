/**
 * The charge guard's promises, on both stores: two server instances (two apps with their own guard,
 * HTTP pool and caches) share one store (a data directory, or a PostgreSQL schema) and talk to one
 * sandbox with its keys as real keys, so every charge is counted where it lands. A confirmation
 * pays once between them; the daily budget holds for claims racing on both; an idempotency key
 * makes identical calls one submission on any instance, answers its first result (or its unknown
 * outcome) ever after, refuses other arguments, and does not replace a required confirmation; a
 * claim left pending by a process that stopped mid-call is never sent again.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { startFaultFront } from '../helpers/fault-front.js';
import {
  type Harness,
  type HarnessOptions,
  ledgerRecords,
  startHarness,
  type ToolResult,
} from '../helpers/harness.js';
import { shortRender } from '../helpers/jobs.js';
import { postgresEnabled, sayPostgresSkipped, TEST_DATABASE_URL, testSchemas } from '../helpers/postgres.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: ToolResult) => (r.structuredContent ?? {}) as Loose;

const TOOL = 'samsar_text_to_video';

interface Backend {
  name: string;
  /** Settings that point an instance at a fresh shared store. */
  fresh(): Record<string, string>;
}

const schemas = testSchemas();
const backends: Backend[] = [
  {
    name: 'file',
    fresh: () => ({ VIDEOGEN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'videogen-guard-')) }),
  },
];
if (postgresEnabled) {
  backends.push({
    name: 'postgres',
    fresh: () => ({ VIDEOGEN_DATABASE_URL: TEST_DATABASE_URL, VIDEOGEN_DATABASE_SCHEMA: schemas.fresh() }),
  });
} else {
  sayPostgresSkipped();
}

describe.each(backends)('charge guard contract: $name store, two instances', (backend) => {
  let sandbox: SandboxHandle;
  const open: Harness[] = [];
  beforeAll(async () => {
    sandbox = await startSandbox({ renderSeconds: 1 });
  });
  afterAll(() => sandbox.close());
  afterEach(async () => {
    for (const h of open.splice(0)) await h.close();
  });
  const writes = () => sandbox.requests.writes('samsar').length;
  const direct = () => ({
    sandbox,
    samsarBaseUrl: sandbox.samsarBaseUrl,
    samautomationBaseUrl: sandbox.samautomationBaseUrl,
  });
  /** An instance over `store`; `upstream` defaults to the shared sandbox. */
  const instance = async (
    store: Record<string, string>,
    env: Record<string, string> = {},
    upstream: HarnessOptions['upstream'] = direct(),
  ): Promise<Harness> => {
    const h = await startHarness({ env: { ...store, ...env }, upstream });
    open.push(h);
    return h;
  };
  /** Two instances over one fresh store. */
  const pair = async (
    env: Record<string, string> = {},
    upstream: HarnessOptions['upstream'] = direct(),
    store = backend.fresh(),
  ): Promise<[Harness, Harness]> => [
    await instance(store, env, upstream),
    await instance(store, env, upstream),
  ];

  it('sends one confirmation once when both instances get it at the same time', async () => {
    const [a, b] = await pair();
    const token = sc(
      await a.call('estimate_cost', { tool: TOOL, arguments: shortRender('once') }),
    ).confirmation_token;
    const before = writes();
    const results = await Promise.all(
      [a, b, a, b, a, b].map((h) => h.call(TOOL, { ...shortRender('once'), confirmation_token: token })),
    );
    expect(writes() - before).toBe(1);
    expect(results.filter((r) => !r.isError && !sc(r).replay)).toHaveLength(1);
    for (const r of results.filter((x) => x.isError)) expect(sc(r).code).toBe('confirmation_in_use');
    for (const h of [a, b]) {
      const later = await h.call(TOOL, { ...shortRender('once'), confirmation_token: token });
      expect(sc(later).replay, h.text(later)).toBe(true);
    }
    expect(writes() - before).toBe(1);
  });

  it('holds the daily budget for confirmed calls racing on both instances', async () => {
    const [a, b] = await pair({ VIDEOGEN_DAILY_CREDIT_BUDGET: '750' });
    const tokens = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const q = await a.call('estimate_cost', { tool: TOOL, arguments: shortRender(`budget ${i}`) });
        return sc(q).confirmation_token as string;
      }),
    );
    const before = writes();
    const results = await Promise.all(
      tokens.map((t, i) =>
        (i % 2 ? a : b).call(TOOL, { ...shortRender(`budget ${i}`), confirmation_token: t }),
      ),
    );
    expect(results.filter((r) => !r.isError)).toHaveLength(5);
    for (const r of results.filter((x) => x.isError)) {
      expect(sc(r)).toMatchObject({ code: 'over_daily_budget', limit: 750, credits: 150 });
    }
    expect(writes() - before).toBe(5);
  });

  it('makes 20 identical calls with one idempotency key one submission on both instances, ever after', async () => {
    const store = backend.fresh();
    const env = { VIDEOGEN_AUTO_APPROVE_CREDITS: '1000' };
    const [a, b] = await pair(env, direct(), store);
    const args = { ...shortRender('nightly'), idempotency_key: 'nightly-2026-03-10' };
    const before = writes();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).call(TOOL, args)));
    expect(writes() - before).toBe(1);
    const answered = results.filter((r) => !r.isError);
    expect(answered.length).toBeGreaterThanOrEqual(1);
    expect(new Set(answered.map((r) => sc(r).cost.ledger_id)).size).toBe(1);
    expect(answered.filter((r) => !sc(r).replay)).toHaveLength(1);
    // Calls that met the first one still under way say so, and say to call again.
    for (const r of results.filter((x) => x.isError)) expect(sc(r).code).toBe('idempotency_key_in_use');

    const first = answered.find((r) => !sc(r).replay)!;
    for (const h of [a, b]) {
      const again = await h.call(TOOL, args);
      expect(sc(again)).toMatchObject({ replay: true, job: sc(first).job });
      expect(h.text(again)).toContain('this idempotency_key was already used');
    }
    // A new instance on the same store (a restart) answers the same.
    const restarted = await instance(store, env);
    expect(sc(await restarted.call(TOOL, args))).toMatchObject({ replay: true, job: sc(first).job });
    expect(writes() - before).toBe(1);

    // The same key with other arguments is refused, naming the first use.
    const other = await b.call(TOOL, {
      ...shortRender('something else'),
      idempotency_key: 'nightly-2026-03-10',
    });
    expect(sc(other)).toMatchObject({ code: 'idempotency_conflict', first_tool: TOOL });
    expect(sc(other).message).toContain(`first used at ${sc(other).first_used_at} for ${TOOL}`);
    expect(writes() - before).toBe(1);
  });

  it('does not let a key stand in for a required confirmation, and takes a key with a token', async () => {
    const [a, b] = await pair();
    const args = { ...shortRender('confirmed'), idempotency_key: 'order-7' };
    const refused = await a.call(TOOL, args);
    expect(sc(refused).code).toBe('confirmation_required');
    const before = writes();
    const sent = await b.call(TOOL, { ...args, confirmation_token: sc(refused).confirmation_token });
    expect(sent.isError, b.text(sent)).toBeFalsy();
    // The key again, under a fresh confirmation: the first result, nothing sent.
    const token = sc(
      await a.call('estimate_cost', { tool: TOOL, arguments: shortRender('confirmed') }),
    ).confirmation_token;
    const again = await a.call(TOOL, { ...args, confirmation_token: token });
    expect(sc(again)).toMatchObject({ replay: true, cost: { ledger_id: sc(sent).cost.ledger_id } });
    // The key alone now answers too: its call was confirmed.
    expect(sc(await b.call(TOOL, args))).toMatchObject({ replay: true });
    expect(writes() - before).toBe(1);
  });

  it("gives a key's retries the unknown outcome of its first use, and never sends it again", async () => {
    const front = await startFaultFront((w) => w.provider === 'samsar' && w.method === 'POST');
    try {
      // Accepted and charged by the sandbox, then the connection drops before the answer.
      front.front.script({ drop: true, forward: true }, { relay: true, forward: true });
      const [a, b] = await pair({ VIDEOGEN_AUTO_APPROVE_CREDITS: '1000' }, front.upstream);
      const args = { ...shortRender('lost answer'), idempotency_key: 'lost-1' };
      const first = await a.call(TOOL, args);
      expect(sc(first)).toMatchObject({ code: 'outcome_unknown', may_have_been_charged: true });
      for (const h of [b, a]) {
        const retry = await h.call(TOOL, args);
        expect(sc(retry)).toMatchObject({ code: 'outcome_unknown', ledger_id: sc(first).ledger_id });
        expect(h.text(retry)).toContain('This idempotency_key was used at');
      }
      expect(front.sandbox.requests.writes('samsar')).toHaveLength(1);
    } finally {
      await front.close();
    }
  });

  it('never sends again a claim that a process left pending when it stopped mid-call', async () => {
    const [a, b] = await pair({ VIDEOGEN_AUTO_APPROVE_CREDITS: '1000' });
    // The record a real call makes, for its argument hash.
    const probe = await a.call(TOOL, { ...shortRender('orphan'), idempotency_key: 'probe' });
    expect(probe.isError, a.text(probe)).toBeFalsy();
    const hash = (await ledgerRecords(a.app)).find((r) => r.id === sc(probe).cost.ledger_id)!.args_hash;
    const store = a.app.deps.store;
    // What a process that died after its claim leaves: the key bound, the claim pending.
    const orphan = async (key: string, ageMs: number) => {
      const time = new Date(Date.now() - ageMs).toISOString();
      await store.useIdempotencyKey({
        principal: 'local',
        key,
        tool: TOOL,
        argsHash: hash,
        ledgerId: key,
        time,
      });
      const claim = { id: key, time, tool: TOOL, provider: 'samsar' as const, args_hash: hash };
      expect(
        (await store.claim({ ...claim, billing: 'credits', quoted: 150, confirmed_by: 'auto_approve' })).ok,
      ).toBe(true);
    };
    await orphan('died-just-now', 1000);
    await orphan('died-long-ago', 3_600_000);
    const before = writes();
    const recent = await b.call(TOOL, { ...shortRender('orphan'), idempotency_key: 'died-just-now' });
    expect(sc(recent)).toMatchObject({ code: 'idempotency_key_in_use', may_have_been_charged: true });
    const old = await b.call(TOOL, { ...shortRender('orphan'), idempotency_key: 'died-long-ago' });
    expect(sc(old)).toMatchObject({
      code: 'outcome_unknown',
      ledger_id: 'died-long-ago',
      may_have_been_charged: true,
    });
    expect(sc(old).message).toContain('stopped before recording the answer');
    // An identical call under a new key now looks like a blind retry: a person must confirm it.
    const fresh = await a.call(TOOL, { ...shortRender('orphan'), idempotency_key: 'another' });
    expect(sc(fresh).code).toBe('confirmation_required');
    expect(a.text(fresh)).toContain('has an unknown outcome and may already have been charged');
    expect(writes()).toBe(before);
  });
});
