/**
 * The last progress notification of a wait reaches the client before the result, over stdio on the
 * built bin, where both lines can arrive in one read: both client SDKs hand a notification to its
 * handler a tick after a response read with it, and drop it once the request is answered. Without the
 * server's flush a few of these waits lose their 100% tick; with it, none may.
 */
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as V1StdioTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { RENDER } from '../helpers/jobs.js';
import { sandboxBinParams } from '../helpers/spawn-bin.js';

const RUNS = 25;

const server = () =>
  sandboxBinParams({
    env: {
      VIDEOGEN_AUTO_APPROVE_CREDITS: '100000',
      VIDEOGEN_SANDBOX_RENDER_SECONDS: '20',
      VIDEOGEN_TIME_SCALE: '200',
    },
  });

type Call = (
  name: string,
  args: Record<string, unknown>,
  onprogress?: (p: { progress: number }) => void,
) => Promise<{ structuredContent?: Record<string, unknown> }>;

/** Renders and waits RUNS times; the last progress each wait had when its result came in. */
async function lastTicks(call: Call): Promise<Array<number | undefined>> {
  const ticks: Array<number | undefined> = [];
  for (let i = 0; i < RUNS; i++) {
    const created = await call('samsar_text_to_video', RENDER);
    const id = (created.structuredContent!.job as { id: string }).id;
    const seen: number[] = [];
    const r = await call('wait_for_job', { provider: 'samsar', id, max_wait_seconds: 600 }, (p) =>
      seen.push(p.progress),
    );
    expect(r.structuredContent?.state).toBe('completed');
    ticks.push(seen.at(-1));
  }
  return ticks;
}

describe('the final progress notification comes before the result (stdio, built bin)', () => {
  it(`v1 SDK client: 100% before each of ${RUNS} results`, async () => {
    const c = new V1Client({ name: 'progress-v1', version: '1.0.0' });
    await c.connect(new V1StdioTransport(server()));
    try {
      const ticks = await lastTicks(
        (name, args, onprogress) =>
          c.callTool({ name, arguments: args }, undefined, onprogress ? { onprogress } : undefined) as never,
      );
      expect(ticks.filter((t) => t !== 100)).toEqual([]);
    } finally {
      await c.close();
    }
  });

  it(`v2 client (2025 era): 100% before each of ${RUNS} results`, async () => {
    const c = new Client({ name: 'progress-v2', version: '1.0.0' }, {
      versionNegotiation: { mode: 'legacy' },
    } as never);
    await c.connect(new StdioClientTransport(server()));
    try {
      const ticks = await lastTicks(
        (name, args, onprogress) => c.callTool({ name, arguments: args }, { onprogress } as never) as never,
      );
      expect(ticks.filter((t) => t !== 100)).toEqual([]);
    } finally {
      await c.close();
    }
  });
});
