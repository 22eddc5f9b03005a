/**
 * Running for a team, as deployed: two server processes (the built bin, `--http`) share one
 * PostgreSQL schema and one sandbox (its keys used as real keys, so charges are counted there),
 * behind a round-robin proxy without affinity. A confirmation token sent to both at once is charged
 * once; 20 identical calls with one idempotency key are one charge; the daily budgets (the shared
 * one and a principal's own) hold across instances; a listener on one instance hears what
 * wait_for_job found on the other; a 2025-era session lives on its instance only; an instance
 * SIGKILLed mid-call leaves a claim the other never sends again; and with the database cut, paid
 * calls are refused (nothing sent) while free calls go on, until it is back.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type ConnectedClient,
  connectClient,
  openRawSession,
  rawSessionRequest,
} from '../helpers/http-server.js';
import { recordResourceChanges, shortRender } from '../helpers/jobs.js';
import { describePostgres, sql, TEST_DATABASE_URL, testSchemas } from '../helpers/postgres.js';
import { requireBuiltBin } from '../helpers/spawn-bin.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { startTeam, type Team } from '../helpers/team.js';
import { until } from '../helpers/until.js';

const { fresh } = testSchemas();

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

const TOOL = 'samsar_text_to_video';

/** Charges the sandbox accepted (Samsar creation requests that reached it). */
const charges = (team: Team) => team.front.sandbox.requests.writes('samsar').length;

describePostgres('a team: two server processes on one PostgreSQL, behind a round-robin proxy', () => {
  let team: Team;
  let viaProxy: ConnectedClient;
  beforeAll(async () => {
    requireBuiltBin();
    team = await startTeam({ schema: fresh(), env: { VIDEOGEN_AUTO_APPROVE_CREDITS: '1000' } });
    viaProxy = await connectClient(team.proxy.url, '2026');
  });
  afterAll(async () => {
    await viaProxy?.close();
    await team?.close();
  });

  it('charges a confirmation token sent to both instances at the same time once', async () => {
    // Above the auto-approve limit: this call needs its confirmation.
    const args = { ...shortRender('confirmed'), duration: 60 };
    const token = sc(
      await viaProxy.callTool('estimate_cost', { tool: TOOL, arguments: args }),
    ).confirmation_token;
    const before = charges(team);
    const seen = [...team.proxy.counts];
    const results = await Promise.all(
      Array.from({ length: 6 }, () => viaProxy.callTool(TOOL, { ...args, confirmation_token: token })),
    );
    expect(team.proxy.counts.every((n, i) => n > seen[i]!)).toBe(true);
    expect(charges(team) - before).toBe(1);
    expect(results.filter((r) => !r.isError && !sc(r).replay)).toHaveLength(1);
    for (const r of results.filter((x) => x.isError)) expect(sc(r).code).toBe('confirmation_in_use');
    const later = await viaProxy.callTool(TOOL, { ...args, confirmation_token: token });
    expect(sc(later).replay).toBe(true);
  });

  it('charges 20 concurrent identical calls with one idempotency key once, across both', async () => {
    const args = { ...shortRender('pipeline step 1'), idempotency_key: 'run-42/step-1' };
    const before = charges(team);
    const results = await Promise.all(Array.from({ length: 20 }, () => viaProxy.callTool(TOOL, args)));
    expect(charges(team) - before).toBe(1);
    const ids = new Set(results.filter((r) => !r.isError).map((r) => sc(r).cost.ledger_id));
    expect(ids.size).toBe(1);
    for (const r of results.filter((x) => x.isError)) expect(sc(r).code).toBe('idempotency_key_in_use');
    // Once it is done, every retry on either instance gets the first result.
    for (let i = 0; i < 2; i++) expect(sc(await viaProxy.callTool(TOOL, args)).replay).toBe(true);
    expect(charges(team) - before).toBe(1);
  });

  it('serves a 2025-era session on the instance that holds it; the other answers 404', async () => {
    const [a, b] = team.bins;
    const id = await openRawSession(a.url);
    const list = { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} };
    expect((await rawSessionRequest(b.url, id, list)).status).toBe(404);
    expect((await rawSessionRequest(a.url, id, list)).status).toBe(200);
  });

  it('lets a listener on one instance hear a change that wait_for_job found on the other', async () => {
    const [a, b] = team.bins;
    const listener = new Client({ name: 'listener', version: '1.0.0' }, {
      versionNegotiation: { mode: { pin: '2026-07-28' } },
    } as never);
    await listener.connect(new StreamableHTTPClientTransport(new URL(b.url)) as never);
    const worker = await connectClient(a.url, '2026');
    try {
      const started = await worker.callTool(TOOL, shortRender('followed elsewhere'));
      expect(started.isError, JSON.stringify(started)).toBeFalsy();
      const uri = `samsar://sessions/${sc(started).job.id}`;
      const changes = recordResourceChanges(listener as never);
      const subscription = await (listener as Loose).listen({ resourceSubscriptions: [uri] });
      const done = await worker.callTool('wait_for_job', { provider: 'samsar', id: sc(started).job.id });
      expect(done.isError, JSON.stringify(done)).toBeFalsy();
      await until(() => changes.updated.includes(uri), `resources/updated for ${uri} on the other instance`);
      await subscription.close();
    } finally {
      await worker.close();
      await listener.close();
    }
  });

  it('never resends a call whose instance was SIGKILLed mid-call: its key and token stay in use', async () => {
    const [a, b] = team.bins;
    // The sandbox accepts and charges the request; its answer never comes back.
    team.front.front.script({ forward: true, hangMs: 120_000 }, { relay: true, forward: true });
    const before = charges(team);
    const onA = await connectClient(a.url, '2026');
    const args = { ...shortRender('cut off'), idempotency_key: 'run-43/step-1' };
    const lost = onA.callTool(TOOL, args).catch((err: unknown) => err);
    await until(() => charges(team) > before, 'the request to reach the sandbox');
    a.child.kill('SIGKILL');
    await lost;
    const rows = await sql<{ outcome: string }>(
      `SELECT l.outcome FROM "${team.schema}".ledger l JOIN "${team.schema}".idempotency_keys k ON k.ledger_id = l.id WHERE k.key = $1`,
      ['run-43/step-1'],
    );
    expect(rows).toEqual([{ outcome: 'pending' }]);

    const onB = await connectClient(b.url, '2026');
    try {
      const retry = await onB.callTool(TOOL, args);
      expect(sc(retry)).toMatchObject({ code: 'idempotency_key_in_use', may_have_been_charged: true });
      // Without the key, the identical call looks like a blind retry: a person must confirm it.
      const blind = await onB.callTool(TOOL, shortRender('cut off'));
      expect(sc(blind).code).toBe('confirmation_required');
      expect(sc(blind).message).toContain('has an unknown outcome and may already have been charged');
      expect(charges(team) - before).toBe(1);
      const report = sc(await onB.callTool('spending_report', { days: 1 }));
      expect(report.unknown_outcomes).toEqual([expect.objectContaining({ tool: TOOL, outcome: 'pending' })]);
    } finally {
      await onB.close();
    }
  });
});

describePostgres('daily budgets held across two instances', () => {
  const ALICE = 'alice-team-token-0123456789';
  const BOB = 'bob-team-token-0123456789ab';
  let team: Team;
  beforeAll(async () => {
    requireBuiltBin();
    team = await startTeam({
      schema: fresh(),
      env: {
        VIDEOGEN_HTTP_TOKENS: JSON.stringify([
          { name: 'alice', token: ALICE, daily_budget: 450 },
          { name: 'bob', token: BOB },
        ]),
        VIDEOGEN_DAILY_CREDIT_BUDGET: '1050',
        VIDEOGEN_AUTO_APPROVE_CREDITS: '1000',
      },
    });
  });
  afterAll(() => team?.close());

  it("holds a principal's own budget and the shared one when calls race on both instances", async () => {
    const alice = await connectClient(team.proxy.url, '2026', { authorization: `Bearer ${ALICE}` });
    const bob = await connectClient(team.proxy.url, '2026', { authorization: `Bearer ${BOB}` });
    try {
      const before = charges(team);
      // alice tries 6 calls of 150 at once: her 450 lets 3 through, wherever they land.
      const hers = await Promise.all(
        Array.from({ length: 6 }, (_, i) => alice.callTool(TOOL, shortRender(`alice ${i}`))),
      );
      expect(hers.filter((r) => !r.isError)).toHaveLength(3);
      for (const r of hers.filter((x) => x.isError)) {
        expect(sc(r)).toMatchObject({ code: 'over_daily_budget', principal: 'alice', limit: 450 });
      }
      // bob has no budget of his own: the shared 1050 (450 counted) leaves room for 4 of his 8.
      const his = await Promise.all(
        Array.from({ length: 8 }, (_, i) => bob.callTool(TOOL, shortRender(`bob ${i}`))),
      );
      expect(his.filter((r) => !r.isError)).toHaveLength(4);
      for (const r of his.filter((x) => x.isError)) {
        expect(sc(r)).toMatchObject({ code: 'over_daily_budget', limit: 1050 });
        expect(sc(r).principal).toBeUndefined();
      }
      expect(charges(team) - before).toBe(7);
      const total = await sql<{ n: number }>(
        `SELECT coalesce(sum(quoted), 0)::int AS n FROM "${team.schema}".ledger WHERE outcome NOT IN ('rejected', 'not_sent')`,
      );
      expect(total).toEqual([{ n: 1050 }]);
    } finally {
      await alice.close();
      await bob.close();
    }
  });
});

describePostgres('the database cut and restored under a running instance', () => {
  let team: Team;
  let relay: TcpProxy;
  beforeAll(async () => {
    requireBuiltBin();
    const target = new URL(TEST_DATABASE_URL);
    relay = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    team = await startTeam({
      schema: fresh(),
      env: { VIDEOGEN_AUTO_APPROVE_CREDITS: '1000' },
      // The second instance reaches the database through a relay the test can cut.
      databaseUrls: [TEST_DATABASE_URL, relay.via(TEST_DATABASE_URL)],
    });
  });
  afterAll(async () => {
    await team?.close();
    await relay?.close();
  });

  it('refuses paid calls while it is cut (nothing sent), serves free ones, and pays again once it is back', async () => {
    const cutOff = await connectClient(team.bins[1].url, '2026');
    try {
      expect((await cutOff.callTool(TOOL, shortRender('before the cut'))).isError).toBeFalsy();
      const before = charges(team);
      relay.setMode('cut');
      const refused = await cutOff.callTool(TOOL, shortRender('during the cut'));
      expect(sc(refused)).toMatchObject({ code: 'store_unavailable' });
      expect(sc(refused).message).toContain('Nothing was sent');
      const keyed = await cutOff.callTool(TOOL, {
        ...shortRender('during the cut'),
        idempotency_key: 'k-cut',
      });
      expect(sc(keyed).code).toBe('store_unavailable');
      const free = await cutOff.callTool('samsar_list_models', {});
      expect(free.isError, JSON.stringify(free)).toBeFalsy();
      const quote = await cutOff.callTool('estimate_cost', {
        tool: TOOL,
        arguments: shortRender('during the cut'),
      });
      expect(sc(quote).confirmation_token).toEqual(expect.any(String));
      expect(charges(team)).toBe(before);

      relay.setMode('open');
      await until(
        async () => !(await cutOff.callTool(TOOL, shortRender('after the cut'))).isError,
        'a paid call to go through',
      );
      expect(charges(team)).toBe(before + 1);
    } finally {
      await cutOff.close();
    }
  });
});
