/**
 * The charge guard when PostgreSQL goes away (a TCP relay before the real server is cut, then
 * restored; the server itself is never touched). Before a paid request leaves, an unreachable store
 * refuses it: nothing is sent and no person is asked. After it left, the store's absence must not
 * cost the agent its result: the result comes back, and the outcome is recorded once the store is
 * back (until then the claim stays pending, so no instance sends it again).
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startFaultFront } from '../helpers/fault-front.js';
import { type Harness, type HarnessOptions, startHarness } from '../helpers/harness.js';
import { shortRender } from '../helpers/jobs.js';
import { describePostgres, sql, TEST_DATABASE_URL, testSchemas } from '../helpers/postgres.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { until } from '../helpers/until.js';

const { fresh } = testSchemas();

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

const TOOL = 'samsar_text_to_video';

describePostgres('the charge guard when PostgreSQL goes away', () => {
  let relay: TcpProxy;
  const open: Harness[] = [];
  beforeAll(async () => {
    const target = new URL(TEST_DATABASE_URL);
    relay = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  });
  afterEach(async () => {
    relay.setMode('open');
    for (const h of open.splice(0)) await h.close();
  });
  afterAll(() => relay.close());
  const start = async (options: HarnessOptions, schema = fresh()) => {
    const h = await startHarness({
      ...options,
      env: {
        VIDEOGEN_DATABASE_URL: relay.via(TEST_DATABASE_URL),
        VIDEOGEN_DATABASE_SCHEMA: schema,
        ...options.env,
      },
    });
    open.push(h);
    return h;
  };

  it('refuses a paid call before asking anyone or sending anything, and pays once the store is back', async () => {
    const h = await start({ elicit: () => ({ action: 'accept', content: { confirm: true } }) });
    const token = sc(
      await h.call('estimate_cost', { tool: TOOL, arguments: shortRender('x') }),
    ).confirmation_token;
    relay.setMode('cut');
    for (const args of [shortRender('x'), { ...shortRender('x'), confirmation_token: token }]) {
      const r = await h.call(TOOL, args);
      expect(sc(r)).toMatchObject({ code: 'store_unavailable' });
      expect(h.text(r)).toContain('Nothing was sent');
    }
    expect(h.elicitations).toEqual([]);
    expect((await h.call('samsar_list_models', {})).isError).toBeFalsy();
    expect(h.sandbox.requests.writes()).toHaveLength(0);
    relay.setMode('open');
    await until(
      async () => !(await h.call(TOOL, { ...shortRender('x'), confirmation_token: token })).isError,
      'the paid call',
    );
    expect(h.sandbox.requests.writes()).toHaveLength(1);
  });

  it('returns the result of a call the store could not record, and records it when the store is back', async () => {
    const front = await startFaultFront((w) => w.provider === 'samsar' && w.method === 'POST');
    try {
      // The sandbox accepts at once; its answer takes a second, in which the database goes away.
      front.front.script({ forward: true, relay: true, delayMs: 1000 });
      const schema = fresh();
      const h = await start(
        { upstream: front.upstream, env: { VIDEOGEN_AUTO_APPROVE_CREDITS: '1000' } },
        schema,
      );
      const call = h.call(TOOL, shortRender('recorded later'));
      await until(
        () => front.sandbox.requests.writes('samsar').length === 1,
        'the request to reach the sandbox',
      );
      relay.setMode('cut');
      const r = await call;
      expect(r.isError, h.text(r)).toBeFalsy();
      const { id: job } = sc(r).job;
      const row = () =>
        sql<{ outcome: string; request_id: string | null }>(
          `SELECT outcome, record->>'request_id' AS request_id FROM "${schema}".ledger WHERE id = $1`,
          [sc(r).cost.ledger_id],
        );
      expect(await row()).toEqual([{ outcome: 'pending', request_id: null }]);
      expect(h.logs.join('\n')).toContain("could not record the outcome 'sent'");

      relay.setMode('open');
      await until(async () => (await row())[0]?.outcome === 'sent', 'the outcome to be recorded');
      expect(await row()).toEqual([{ outcome: 'sent', request_id: job }]);
      expect(front.sandbox.requests.writes('samsar')).toHaveLength(1);
    } finally {
      await front.close();
    }
  });
});
