/**
 * A 2026-era client over stdio (the built bin) listens for resource changes with
 * subscriptions/listen: wait_for_job's updates reach the listened session's stream, others do not.
 */
import { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDER, recordResourceChanges } from '../helpers/jobs.js';
import { sandboxBinTransport } from '../helpers/spawn-bin.js';

type Result = { isError?: boolean; structuredContent?: { job?: { id: string } } };

describe('subscriptions/listen over stdio (2026 era, built bin)', () => {
  let c: Client;
  beforeAll(async () => {
    c = new Client({ name: 'listen-test', version: '1.0.0' }, {
      versionNegotiation: { mode: { pin: '2026-07-28' } },
    } as never);
    await c.connect(
      sandboxBinTransport({
        env: {
          VIDEOGEN_AUTO_APPROVE_CREDITS: '100000',
          VIDEOGEN_SANDBOX_RENDER_SECONDS: '60',
          VIDEOGEN_TIME_SCALE: '100',
        },
      }) as never,
    );
  });
  afterAll(() => c.close());

  it('streams the listened session updates and the list change, nothing for another session', async () => {
    expect(c.getProtocolEra()).toBe('modern');
    const changes = recordResourceChanges(c as never);
    const { updated } = changes;
    const start = async () => {
      const r = (await c.callTool({ name: 'samsar_text_to_video', arguments: RENDER })) as Result;
      expect(r.isError).toBeFalsy();
      return r.structuredContent!.job!.id;
    };
    const id = await start();
    const other = await start();
    const subscription = await c.listen({
      resourceSubscriptions: [`samsar://sessions/${id}`],
      resourcesListChanged: true,
    });
    const wait = (jobId: string) =>
      c.callTool({
        name: 'wait_for_job',
        arguments: { provider: 'samsar', id: jobId, max_wait_seconds: 600 },
      });
    await Promise.all([wait(id), wait(other)]);
    await new Promise((r) => setTimeout(r, 100)); // let the stream flush
    expect(updated.filter((u) => u === `samsar://sessions/${id}`).length).toBeGreaterThanOrEqual(2);
    expect(updated).not.toContain(`samsar://sessions/${other}`);
    expect(changes.listChanged).toBeGreaterThanOrEqual(1);
    await subscription.close();
  }, 60_000);
});
