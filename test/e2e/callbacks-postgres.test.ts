/**
 * Two server instances behind one public URL, sharing PostgreSQL: the provider calls back the
 * instance that did not create the job, which checks the callback against the shared store and
 * wakes the wait running on the other instance over LISTEN/NOTIFY. One sandbox plays the provider
 * for both (as a real API would), at real time, so "within a second" is a second.
 */
import { afterAll, expect, it } from 'vitest';
import { createClock } from '../../src/clock.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import {
  type ConnectedClient,
  connectClient,
  type HttpHarness,
  startHttpHarness,
} from '../helpers/http-server.js';
import { RENDER } from '../helpers/jobs.js';
import { describePostgres, TEST_DATABASE_URL, testSchemas } from '../helpers/postgres.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read nested result fields
type Loose = Record<string, any>;
const sc = (r: { structuredContent?: Record<string, unknown> }) => (r.structuredContent ?? {}) as Loose;

const { fresh } = testSchemas();

describePostgres('callbacks across instances sharing VIDEOGEN_DATABASE_URL', () => {
  const open: Array<{ close(): Promise<void> }> = [];
  afterAll(async () => {
    for (const o of open.reverse()) await o.close();
  });

  it('a callback received by one instance ends the wait running on the other within a second', async () => {
    const sandbox: SandboxHandle = await startSandbox({ clock: createClock(1), renderSeconds: 5 });
    open.push(sandbox);
    const env = {
      VIDEOGEN_SANDBOX: '0',
      SAMSAR_API_KEY: sandbox.keys.samsar,
      SAMSAR_BASE_URL: sandbox.samsarBaseUrl,
      VIDEOGEN_DATABASE_URL: TEST_DATABASE_URL,
      VIDEOGEN_DATABASE_SCHEMA: fresh(),
      VIDEOGEN_AUTO_APPROVE_CREDITS: '100000',
    };
    const b: HttpHarness = await startHttpHarness(env, '127.0.0.1', { callbacks: true });
    open.push(b);
    // A tells providers to call back B, as a load balancer in front of both would.
    const a: HttpHarness = await startHttpHarness(
      { ...env, VIDEOGEN_PUBLIC_URL: new URL(b.url).origin },
      '127.0.0.1',
      { callbacks: true },
    );
    open.push(a);
    expect(a.app.deps.store.kind).toBe('postgres');
    const client: ConnectedClient = await connectClient(a.url, '2026');
    open.push(client);

    const created = await client.callTool('samsar_text_to_video', RENDER);
    const id = sc(created).job.id as string;
    const r = await client.callTool('wait_for_job', { provider: 'samsar', id, max_wait_seconds: 60 });
    const returnedAt = Date.now();
    expect(sc(r).state).toBe('completed');
    const delivery = sandbox.callbacks.entries.find((d) => d.id === id)!;
    expect(delivery.url.startsWith(new URL(b.url).origin)).toBe(true);
    expect(delivery.status).toBe(200);
    expect(b.logs.join('\n')).toContain(`samsar job ${id} called back`);
    const polls = sandbox.requests.entries.filter((e) => e.method === 'GET' && e.query.request_id === id);
    expect(polls.length).toBeLessThanOrEqual(2);
    expect(returnedAt - delivery.sentAt).toBeLessThan(1000);
  });
});
