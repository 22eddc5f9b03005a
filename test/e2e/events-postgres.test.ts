/**
 * Change events across instances over PostgreSQL LISTEN/NOTIFY: two buses on two connection pools
 * (two "instances") share one schema. An event reaches the other instance's subscribers, its own
 * subscribers once (not again from the echo), a large event crosses the 8000-byte NOTIFY limit, and a
 * listener connection that is cut comes back by itself. Then the same through the real server: a
 * 2026-era client listening on one instance hears about a render followed on another.
 */
import type { ServerEvent } from '@modelcontextprotocol/server';
import { afterAll, afterEach, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import type { PostgresEventBus } from '../../src/store/postgres-event-bus.js';
import { openPostgresStore, type PostgresMoneyStore } from '../../src/store/postgres-store.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { recordResourceChanges, startSamsarRender } from '../helpers/jobs.js';
import { describePostgres, TEST_DATABASE_URL, testSchemas } from '../helpers/postgres.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';

const { fresh } = testSchemas();

/** Resolves with the first event `bus` delivers that matches. */
function next(bus: PostgresEventBus, match: (e: ServerEvent) => boolean): Promise<ServerEvent> {
  return new Promise((resolve) => {
    const off = bus.subscribe((e) => {
      if (!match(e)) return;
      off();
      resolve(e);
    });
  });
}

const updated = (uri: string): ServerEvent => ({ kind: 'resource_updated', uri });
const isUri = (uri: string) => (e: ServerEvent) => e.kind === 'resource_updated' && e.uri === uri;

describePostgres('PostgresEventBus', () => {
  const stores: PostgresMoneyStore[] = [];
  const logs: string[] = [];
  const logger = createLogger('debug', (l) => logs.push(l));
  const instance = async (schema: string, url = TEST_DATABASE_URL) => {
    const store = await openPostgresStore({ url, schema, logger });
    stores.push(store);
    return store.eventBus();
  };
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });

  it("delivers an event to the other instance's subscribers, and to its own once", async () => {
    const schema = fresh();
    const [a, b] = [await instance(schema), await instance(schema)];
    const onA: ServerEvent[] = [];
    a.subscribe((e) => onA.push(e));
    const reachedB = next(b, isUri('samsar://sessions/1'));
    a.publish(updated('samsar://sessions/1'));
    expect(onA).toEqual([updated('samsar://sessions/1')]); // at once, before any round trip
    expect(await reachedB).toEqual(updated('samsar://sessions/1'));

    // B's answer is notified after A's echo would have been: by the time it arrives, no echo came.
    const reachedA = next(a, isUri('samsar://sessions/2'));
    b.publish(updated('samsar://sessions/2'));
    await reachedA;
    expect(onA).toEqual([updated('samsar://sessions/1'), updated('samsar://sessions/2')]);
  });

  it('keeps instances of different schemas apart', async () => {
    const [a, other] = [await instance(fresh()), await instance(fresh())];
    const heard: ServerEvent[] = [];
    other.subscribe((e) => heard.push(e));
    const echo = next(other, isUri('samsar://sessions/other'));
    a.publish(updated('samsar://sessions/mine'));
    other.publish(updated('samsar://sessions/other'));
    await echo;
    expect(heard).toEqual([updated('samsar://sessions/other')]);
  });

  it('carries an event larger than a NOTIFY payload may be', async () => {
    const schema = fresh();
    const [a, b] = [await instance(schema), await instance(schema)];
    const big: ServerEvent = {
      kind: 'resource_updated',
      uri: 'samsar://sessions/big',
      params: { uri: 'samsar://sessions/big', note: 'x'.repeat(20_000) },
    };
    const reached = next(b, isUri('samsar://sessions/big'));
    a.publish(big);
    expect(await reached).toEqual(big);
  });

  it('opens the listener connection again after it is cut, and hears events again', async () => {
    const schema = fresh();
    const target = new URL(TEST_DATABASE_URL);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    try {
      const a = await instance(schema);
      const b = await instance(schema, proxy.via(TEST_DATABASE_URL));
      const first = next(b, isUri('samsar://sessions/before'));
      a.publish(updated('samsar://sessions/before'));
      await first;

      const down = logs.length;
      proxy.setMode('cut');
      while (!logs.slice(down).some((l) => l.includes('listener connection is down'))) {
        await new Promise((r) => setTimeout(r, 20));
      }
      proxy.setMode('open');
      await b.whenListening();
      const after = next(b, isUri('samsar://sessions/after'));
      a.publish(updated('samsar://sessions/after'));
      expect(await after).toEqual(updated('samsar://sessions/after'));
    } finally {
      await proxy.close();
    }
  });
});

describePostgres('two server instances sharing VIDEOGEN_DATABASE_URL', () => {
  const harnesses: Harness[] = [];
  afterAll(async () => {
    for (const h of harnesses) await h.close();
  });

  it('a client listening on one instance hears the updates of a render followed on the other', async () => {
    const env = {
      VIDEOGEN_DATABASE_URL: TEST_DATABASE_URL,
      VIDEOGEN_DATABASE_SCHEMA: fresh(),
      VIDEOGEN_AUTO_APPROVE_CREDITS: '100000',
      VIDEOGEN_SANDBOX_RENDER_SECONDS: '60',
      VIDEOGEN_TIME_SCALE: '100',
    };
    const a = await startHarness({ era: '2026', env });
    harnesses.push(a);
    const b = await startHarness({ era: '2026', env });
    harnesses.push(b);
    expect(a.app.deps.store.kind).toBe('postgres');

    const changes = recordResourceChanges(b.client);
    const id = await startSamsarRender(a);
    const subscription = await b.client.listen({ resourceSubscriptions: [`samsar://sessions/${id}`] });
    const heard = new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (changes.updated.includes(`samsar://sessions/${id}`)) {
          clearInterval(poll);
          resolve();
        }
      }, 10);
    });
    const done = await a.call('wait_for_job', { provider: 'samsar', id, max_wait_seconds: 600 });
    expect(done.isError, a.text(done)).toBeFalsy();
    await heard;
    expect(changes.updated.filter((u) => u === `samsar://sessions/${id}`).length).toBeGreaterThanOrEqual(1);
    await subscription.close();
  });
});
